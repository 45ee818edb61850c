// The result of a sync, an export or an import: what was written, and for each file read what
// came of it in plain words; a file refused for an unknown device offers each device for trust.
import { CheckCircleTwoTone, CloseCircleTwoTone, InfoCircleTwoTone } from '@ant-design/icons';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResultView, ImportReceiptView } from '../../../../shared/domain/sync';
import { loose } from '../../ledgers/labels';
import { receiptLines, shortId } from './syncText';
import { TrustCard } from './TrustCard';

export interface SyncOutcome {
  exported: ExportResultView | null;
  receipts: ImportReceiptView[];
  /** Files skipped as imported before (sync.now only). */
  known: number | null;
  unreadable: { path: string; message: string }[];
}

export interface ReceiptListProps {
  outcome: SyncOutcome;
  /** Device names this one knows, by id. */
  names: ReadonlyMap<string, string>;
  dismissed: ReadonlySet<string>;
  onTrusted: (deviceId: string, name: string) => void;
  onDismiss: (deviceId: string) => void;
}

function statusIcon(status: ImportReceiptView['status']): JSX.Element {
  if (status === 'imported') return <CheckCircleTwoTone twoToneColor="#52c41a" />;
  if (status === 'already-imported') return <InfoCircleTwoTone />;
  return <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
}

const STATUS_KEY = { imported: 'imported', 'already-imported': 'alreadyImported', refused: 'refused' } as const;
const STATUS_COLOR = { imported: 'success', 'already-imported': 'default', refused: 'error' } as const;

export function ReceiptList({ outcome, names, dismissed, onTrusted, onDismiss }: ReceiptListProps): JSX.Element {
  const { t } = useTranslation();
  const tl = loose(t);
  const nameOf = (deviceId: string) => names.get(deviceId) ?? shortId(deviceId);
  const { exported } = outcome;

  return (
    <div data-testid="sync-result">
      {exported && (
        <Alert
          type={exported.file ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sync-exported"
          title={exported.file ? t('sync.exported', { file: exported.file, changes: exported.changes }) : t('sync.exportedNothing')}
        />
      )}
      {outcome.known !== null && outcome.known > 0 && (
        <Typography.Paragraph type="secondary" data-testid="sync-known">
          {t('sync.knownFiles', { count: outcome.known })}
        </Typography.Paragraph>
      )}
      {outcome.unreadable.map((u) => (
        <Alert key={u.path} type="warning" showIcon style={{ marginBottom: 8 }} title={t('sync.unreadable', { path: u.path, message: u.message })} />
      ))}
      {outcome.known !== null && outcome.receipts.length === 0 && (
        <Typography.Paragraph type="secondary" data-testid="sync-no-files">
          {t('sync.noFiles')}
        </Typography.Paragraph>
      )}
      {outcome.receipts.length > 0 && (
        <List
          bordered
          dataSource={outcome.receipts}
          rowKey={(r) => `${r.file}-${r.fileHash ?? ''}`}
          renderItem={(receipt) => {
            const offered = receipt.refusal?.reason === 'UNKNOWN_DEVICE' ? receipt.refusal.devices.filter((d) => !dismissed.has(d.deviceId)) : [];
            return (
              <List.Item data-testid="sync-receipt" style={{ display: 'block' }}>
                <Space wrap>
                  {statusIcon(receipt.status)}
                  <Typography.Text strong className="mono">
                    {receipt.file}
                  </Typography.Text>
                  <Tag color={STATUS_COLOR[receipt.status]}>{t(`sync.status.${STATUS_KEY[receipt.status]}`)}</Tag>
                  {receipt.producer && <Typography.Text type="secondary">{t('sync.fromDevice', { name: nameOf(receipt.producer) })}</Typography.Text>}
                </Space>
                <ul className="sync-receipt-lines">
                  {receiptLines(tl, receipt, nameOf).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                {offered.map((device) => (
                  <TrustCard
                    key={device.deviceId}
                    device={device}
                    onTrusted={(name) => onTrusted(device.deviceId, name)}
                    onDismiss={() => onDismiss(device.deviceId)}
                  />
                ))}
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}

export function RetryImport({ onRetry, busy }: { onRetry: () => void; busy: boolean }): JSX.Element {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('sync.trust.retryHint')}
      action={
        <Button type="primary" size="small" loading={busy} onClick={onRetry} data-testid="sync-retry">
          {t('sync.trust.retry')}
        </Button>
      }
    />
  );
}
