// The result of a sync, an export or an import: what was written, and for each file read what
// came of it in plain words; a file refused for an unknown device offers each device for trust.
import { CheckCircleTwoTone, CloseCircleTwoTone, InfoCircleTwoTone, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { passphraseText, type ExportResultView, type FolderLimitNote, type ImportReceiptView, type SyncErrorCode } from '../../../../shared/domain/sync';
import { useFormIssues } from '../../forms/useFormIssues';
import { loose } from '../../ledgers/labels';
import { enrolledLines, folderLimitText, importSummary, receiptLines, shortId } from './syncText';
import { TrustCard } from './TrustCard';

/** A receipt, with the path given to sync.importFiles when the screen knows it (to retry it). */
export type ShownReceipt = ImportReceiptView & { source?: string };

/** Refusals a passphrase typed for this one import may open. */
const PASSPHRASE_REFUSALS = new Set(['ENCRYPTED', 'WRONG_PASSPHRASE']);

export interface SyncOutcome {
  exported: ExportResultView | null;
  receipts: ShownReceipt[];
  /** Files skipped as imported before (sync.now only). */
  known: number | null;
  unreadable: { path: string; message: string }[];
  /** Why a saved target's run failed (translated when shown, so it follows the language). */
  failure?: SyncErrorCode | null;
  /** Changes set aside before that passed this time. */
  released?: number;
  /** Files refused before that a saved target's run did not download again. */
  skippedRefused?: number;
  /** Paths left unread because the import was cancelled. */
  notRead?: number;
  /** Folders given to import that were walked only in part (a bound stopped the walk). */
  folderLimits?: FolderLimitNote[];
}

export interface ReceiptListProps {
  outcome: SyncOutcome;
  /** Device names this one knows, by id. */
  names: ReadonlyMap<string, string>;
  dismissed: ReadonlySet<string>;
  onTrusted: (deviceId: string, name: string) => void;
  onDismiss: (deviceId: string) => void;
  /** Import these refused encrypted files again with a passphrase given for them (absent: no retry offered). */
  onPassphraseRetry?: (receipts: ShownReceipt[], passphrase: string) => Promise<void>;
}

function statusIcon(status: ImportReceiptView['status']): JSX.Element {
  if (status === 'imported') return <CheckCircleTwoTone twoToneColor="#52c41a" />;
  if (status === 'already-imported') return <InfoCircleTwoTone />;
  return <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
}

const PAGE_SIZE = 10;

/** The last part of a path, whichever separator the computer uses. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * The sending device's name: a trusted one's; for a file refused before its producer is known
 * (the receipt names none), the one device it offers for trust, when there is just one.
 */
function senderOf(receipt: ImportReceiptView, names: ReadonlyMap<string, string>): string | null {
  const offered = receipt.refusal?.devices ?? [];
  if (!receipt.producer) return offered.length === 1 ? offered[0]!.name : null;
  return names.get(receipt.producer) ?? offered.find((d) => d.deviceId === receipt.producer)?.name ?? null;
}

const STATUS_KEY = { imported: 'imported', 'already-imported': 'alreadyImported', refused: 'refused' } as const;
const STATUS_COLOR = { imported: 'success', 'already-imported': 'default', refused: 'error' } as const;

/** A small lock: the file was (or was written) encrypted with a passphrase. */
function EncryptedMark(): JSX.Element {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('sync.encrypted')}>
      <LockOutlined aria-label={t('sync.encrypted')} data-testid="sync-encrypted" />
    </Tooltip>
  );
}

export function ReceiptList({ outcome, names, dismissed, onTrusted, onDismiss, onPassphraseRetry }: ReceiptListProps): JSX.Element {
  const { t } = useTranslation();
  const tl = loose(t);
  const nameOf = (deviceId: string) => names.get(deviceId) ?? shortId(deviceId);
  const { exported } = outcome;
  const released = outcome.released ?? 0;
  const notRead = outcome.notRead ?? 0;
  const skippedRefused = outcome.skippedRefused ?? 0;
  // By place in the list: one file can come twice (two folders, a retry), and a receipt replaced
  // by a retry keeps its place, so its row (and what was typed in it) stays.
  const places = new Map(outcome.receipts.map((r, i) => [r, i]));
  // Files a typed passphrase may open: one field for them all when there are several.
  const locked = onPassphraseRetry ? outcome.receipts.filter((r) => r.source && PASSPHRASE_REFUSALS.has(r.refusal?.reason ?? '')) : [];

  return (
    <div data-testid="sync-result">
      {outcome.failure && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="sync-failure" title={t('sync.targets.failed', { reason: t(`syncTargets.error.${outcome.failure}`) })} />}
      {exported && (
        <Alert
          type={exported.file ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sync-exported"
          title={
            <Space size={6}>
              {exported.file ? t('sync.exported', { changes: exported.changes }) : t('sync.exportedNothing')}
              {exported.file && exported.encrypted && <EncryptedMark />}
            </Space>
          }
          // The whole path is long (folder, device, file id): on its own line, to copy and send on.
          description={
            exported.file ? (
              <Typography.Text type="secondary" className="mono" style={{ wordBreak: 'break-all' }} copyable={{ tooltips: [t('common.copy'), t('common.copied')] }} data-testid="sync-exported-file">
                {exported.file}
              </Typography.Text>
            ) : undefined
          }
        />
      )}
      {outcome.receipts.length > 1 && (
        <Typography.Paragraph data-testid="sync-summary">
          {importSummary(tl, outcome.receipts)}
        </Typography.Paragraph>
      )}
      {locked.length > 1 && onPassphraseRetry && (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 12 }}
          data-testid="sync-locked"
          title={t('sync.passphrase.lockedFiles', { count: locked.length })}
          description={<PassphraseRetry onRetry={(passphrase) => onPassphraseRetry(locked, passphrase)} />}
        />
      )}
      {notRead > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="sync-not-read" title={t('sync.progress.stopped', { count: notRead })} />
      )}
      {released > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="sync-released" title={t('sync.released', { count: released })} />
      )}
      {outcome.known !== null && outcome.known > 0 && (
        <Typography.Paragraph type="secondary" data-testid="sync-known">
          {t('sync.knownFiles', { count: outcome.known })}
        </Typography.Paragraph>
      )}
      {skippedRefused > 0 && (
        <Typography.Paragraph type="secondary" data-testid="sync-skipped-refused">
          {t('sync.skippedRefused', { count: skippedRefused })}
        </Typography.Paragraph>
      )}
      {outcome.folderLimits?.map((note) => (
        <Alert key={`${note.folder}:${note.limit}`} type="warning" showIcon style={{ marginBottom: 8 }} data-testid="sync-folder-limit" title={folderLimitText(tl, note)} />
      ))}
      {outcome.unreadable.map((u) => (
        <Alert key={u.path} type="warning" showIcon style={{ marginBottom: 8 }} title={t('sync.unreadable', { path: u.path, message: u.message })} />
      ))}
      {outcome.known !== null && outcome.receipts.length === 0 && !outcome.failure && (
        <Typography.Paragraph type="secondary" data-testid="sync-no-files">
          {t('sync.noFiles')}
        </Typography.Paragraph>
      )}
      {outcome.receipts.length > 0 && (
        <List
          bordered
          dataSource={outcome.receipts}
          // Forty villages' files after a week away: a page at a time.
          pagination={outcome.receipts.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, size: 'small', showSizeChanger: false } : false}
          rowKey={(r) => `${places.get(r) ?? -1}:${r.file}`}
          renderItem={(receipt) => {
            const offered = receipt.refusal?.reason === 'UNKNOWN_DEVICE' ? receipt.refusal.devices.filter((d) => !dismissed.has(d.deviceId)) : [];
            const sender = senderOf(receipt, names);
            return (
              <List.Item data-testid="sync-receipt" style={{ display: 'block' }}>
                <Space wrap>
                  {statusIcon(receipt.status)}
                  {/* Who sent it is what a person recognises; the file's own name is an id. */}
                  <Typography.Text strong>{sender ? t('sync.fileFrom', { name: sender }) : fileName(receipt.file)}</Typography.Text>
                  <Tag color={STATUS_COLOR[receipt.status]}>{t(`sync.status.${STATUS_KEY[receipt.status]}`)}</Tag>
                  {receipt.encrypted && <EncryptedMark />}
                </Space>
                {sender && (
                  <div>
                    <Typography.Text type="secondary" className="mono" style={{ wordBreak: 'break-all' }} title={receipt.file}>
                      {fileName(receipt.file)}
                    </Typography.Text>
                  </div>
                )}
                <ul className="sync-receipt-lines">
                  {receiptLines(tl, receipt, nameOf).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                  {/* Devices trusted on a voucher's word rather than checked here: say whose. */}
                  {enrolledLines(tl, receipt).map((line, i) => (
                    <li key={`enrolled:${i}`} data-testid="receipt-enrolled">
                      {line}
                    </li>
                  ))}
                </ul>
                {onPassphraseRetry && locked.length === 1 && locked[0] === receipt && (
                  <PassphraseRetry onRetry={(passphrase) => onPassphraseRetry([receipt], passphrase)} />
                )}
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

/** A passphrase typed for this file only: it is sent with the import and not stored. */
function PassphraseRetry({ onRetry }: { onRetry: (passphrase: string) => Promise<void> }): JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ passphrase: string }>();
  const { showIssues } = useFormIssues(form);
  const [busy, setBusy] = useState(false);

  async function retry({ passphrase }: { passphrase?: string }): Promise<void> {
    const parsed = passphraseText.safeParse(passphrase ?? '');
    if (!parsed.success) {
      showIssues(parsed.error.issues.slice(0, 1).map((issue) => ({ ...issue, path: ['passphrase'] })));
      return;
    }
    setBusy(true);
    try {
      await onRetry(parsed.data);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="inline" style={{ marginTop: 8 }} onFinish={(values) => void retry(values)} data-testid="sync-passphrase-retry">
      <Form.Item name="passphrase" style={{ minWidth: 260 }}>
        <Input.Password placeholder={t('sync.passphrase.importPassphrase')} aria-label={t('sync.passphrase.importPassphrase')} autoComplete="off" data-testid="sync-passphrase-retry-input" />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<LockOutlined />} loading={busy} data-testid="sync-passphrase-retry-button">
          {t('sync.passphrase.retry')}
        </Button>
      </Form.Item>
    </Form>
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
