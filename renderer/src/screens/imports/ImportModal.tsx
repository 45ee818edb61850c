// Importing a ledger from a spreadsheet, step by step: choose the file (or download the template),
// match its columns (guessed or remembered), check every row (the main process runs the import and
// rolls it back, so the refusals are the ledgers' own), then import what passes in one go and list
// — or download — the rows that did not.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Input, Modal, Result, Select, Spin, Steps, Typography, Upload } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ApiError } from '../../../../shared/api/result';
import {
  MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_LISTED_REFUSALS, REQUIRED_COLUMNS, TEMPLATE_NAMES,
  type ImportCommitResult, type ImportLedger, type ImportMapping, type ImportPreview,
} from '../../../../shared/domain/imports';
import { V } from '../../../../shared/domain/validation';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { loose } from '../../ledgers/labels';
import { useAppStore } from '../../store/useAppStore';
import { startDownload } from '../reports/useReportExport';
import { BROWSER_HOST_MAX_BYTES, downloadText, fileToBase64, refusalsCsv } from './importFiles';
import { MappingStep } from './MappingStep';
import { JoinsTable } from './JoinsTable';
import { RefusalsTable, useRefusalText } from './RefusalsTable';

type Source = { data: string } | { path: string };

export interface ImportModalProps {
  ledger: ImportLedger;
  onClose: () => void;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function ImportModal({ ledger, onClose }: ImportModalProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const refusalText = useRefusalText();
  const { villages, ledgerVillageId, nativeDialogs, noteLedgerChange } = useAppStore(
    useShallow((s) => ({ villages: s.scopeVillages, ledgerVillageId: s.ledgerVillageId, nativeDialogs: s.appInfo?.nativeDialogs === true, noteLedgerChange: s.noteLedgerChange })),
  );
  const [villageId, setVillageId] = useState<string | undefined>(ledgerVillageId ?? villages[0]?.id);
  const [step, setStep] = useState(0);
  const [source, setSource] = useState<Source | null>(null);
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>([]);
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [confirm, setConfirm] = useState<('similarHousehold' | 'sameDayVisit')[]>([]);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  /** A refusal of the file itself is shown on the first step in words; anything else is a notification. */
  const failed = (error: unknown) => {
    const issue = error instanceof ApiError ? error.issues?.find((i) => i.path[0] === 'source' || i.path[0] === 'mapping' || i.path[0] === 'headerRow') : undefined;
    if (issue) setFileProblem(loose(t)(issue.message));
    else notifyError(error);
  };

  async function read(next: Source, options: { mapping?: ImportMapping; headerRow?: number; confirm?: typeof confirm } = {}): Promise<void> {
    if (!villageId) return;
    setBusy(true);
    setFileProblem(null);
    try {
      const answer = await api.imports.preview({
        ledger, villageId, source: next,
        ...(options.mapping ? { mapping: options.mapping } : {}),
        ...(options.headerRow ? { headerRow: options.headerRow } : {}),
        ...(options.confirm?.length ? { confirm: options.confirm } : {}),
      });
      setSource(next);
      setPreview(answer);
      setMapping(answer.mapping);
      setHeaderRow(answer.headerRow);
      setStep(options.mapping ? 2 : 1);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function chooseFile(file: File): Promise<void> {
    if (!nativeDialogs && file.size > BROWSER_HOST_MAX_BYTES) {
      setFileProblem(t('imports.choose.tooBigForBrowser', { mb: mb(file.size), limit: mb(BROWSER_HOST_MAX_BYTES) }));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setFileProblem(t('imports.reason.tooBig'));
      return;
    }
    await read({ data: await fileToBase64(file) });
  }

  async function commit(): Promise<void> {
    if (!villageId || !source) return;
    setBusy(true);
    try {
      setResult(await api.imports.commit({ ledger, villageId, source, mapping, ...(headerRow ? { headerRow } : {}), ...(confirm.length ? { confirm } : {}) }));
      noteLedgerChange();
      setStep(3);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function template(): Promise<void> {
    try {
      if (nativeDialogs) {
        const chosen = await api.dialogs.saveFile({ type: 'xlsx', defaultName: `${TEMPLATE_NAMES[ledger]}.xlsx` });
        if (chosen.canceled || !chosen.paths[0]) return;
        const saved = await api.imports.template({ ledger, path: chosen.paths[0] });
        void message.success(t('imports.choose.templateSaved', { file: saved.file }));
      } else {
        const saved = await api.imports.template({ ledger });
        if (saved.download) startDownload(saved.download, saved.fileName);
      }
    } catch (error) {
      notifyError(error);
    }
  }

  const toggle = (kind: 'similarHousehold' | 'sameDayVisit', on: boolean) => {
    const next = on ? [...confirm, kind] : confirm.filter((c) => c !== kind);
    setConfirm(next);
    if (source) void read(source, { mapping, ...(headerRow ? { headerRow } : {}), confirm: next });
  };

  const reset = () => {
    setStep(0);
    setSource(null);
    setPreview(null);
    setResult(null);
    setConfirm([]);
    setHeaderRow(undefined);
  };

  const refusedMessages = new Set((preview?.refusals ?? []).map((r) => r.message));
  const missing = REQUIRED_COLUMNS[ledger].filter((f) => !mapping.some((m) => m.field === f));
  const recordsText = (prefix: string, records: Record<string, number>) => loose(t)(`imports.${prefix}.records.${ledger}`, records);
  const downloadRefused = (refusals: ImportCommitResult['refusals']) =>
    downloadText(refusalsCsv(refusals, [t('imports.refusal.row'), t('imports.refusal.column'), t('imports.refusal.reason')], refusalText), `${t('imports.refusal.csvName')}.csv`);

  const footer = (() => {
    if (step === 1) {
      return [
        <Button key="back" onClick={reset}>{t('imports.check.back')}</Button>,
        <Button key="check" type="primary" disabled={missing.length > 0} loading={busy} onClick={() => source && void read(source, { mapping, ...(headerRow ? { headerRow } : {}), confirm })} data-testid="imports-check">
          {t('imports.map.check', { count: preview?.rows ?? 0 })}
        </Button>,
      ];
    }
    if (step === 2 && preview) {
      return [
        <Button key="back" onClick={() => setStep(1)}>{t('imports.check.back')}</Button>,
        <Button key="import" type="primary" disabled={preview.accepted === 0} loading={busy} onClick={() => void commit()} data-testid="imports-commit">
          {preview.accepted === 0 ? t('imports.check.nothing') : t('imports.check.import', { count: preview.accepted })}
        </Button>,
      ];
    }
    if (step === 3) {
      return [
        <Button key="again" onClick={reset}>{t('imports.done.another')}</Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="imports-close">{t('imports.done.close')}</Button>,
      ];
    }
    return [<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>];
  })();

  return (
    <Modal open width={980} style={{ top: 24 }} title={t(`imports.title.${ledger}`)} onCancel={onClose} footer={footer} maskClosable={false} data-testid="imports-modal" styles={{ body: { minHeight: 360 } }}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('imports.steps.choose') }, { title: t('imports.steps.map') }, { title: t('imports.steps.check') }, { title: t('imports.steps.done') }]}
      />
      <Spin spinning={busy} description={t('imports.choose.reading')}>
        {step === 0 && (
          <Flex vertical gap={12}>
            {villages.length > 1 && (
              <Flex gap={8} align="center">
                <Typography.Text>{t('imports.choose.village')}</Typography.Text>
                <Select value={villageId} onChange={setVillageId} options={villages.map((v) => ({ value: v.id, label: v.name }))} style={{ width: 200 }} data-testid="imports-village" />
              </Flex>
            )}
            <Upload.Dragger
              accept=".xlsx,.csv,.txt"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void chooseFile(file);
                return false;
              }}
              data-testid="imports-file"
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('imports.choose.drop')}</p>
              <p className="ant-upload-hint">{t('imports.choose.dropHint', { mb: mb(MAX_IMPORT_BYTES), rows: MAX_IMPORT_ROWS.toLocaleString() })}</p>
            </Upload.Dragger>
            {!nativeDialogs && (
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('imports.choose.orPath')}</Typography.Text>
                <Input value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('imports.choose.pathPlaceholder')} style={{ flex: 1 }} data-testid="imports-path" />
                <Button disabled={!path.trim()} onClick={() => void read({ path: path.trim() })} data-testid="imports-read-path">{t('imports.choose.read')}</Button>
              </Flex>
            )}
            {fileProblem && <Alert type="error" showIcon title={fileProblem} data-testid="imports-file-problem" />}
            <div>
              <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="imports-template">{t('imports.choose.template')}</Button>
            </div>
          </Flex>
        )}
        {step === 1 && preview && (
          <>
            {fileProblem && <Alert type="error" showIcon title={fileProblem} style={{ marginBottom: 12 }} />}
            <MappingStep ledger={ledger} preview={preview} mapping={mapping} onMapping={setMapping} onHeaderRow={(row) => source && void read(source, { headerRow: row })} />
          </>
        )}
        {step === 2 && preview && (
          <Flex vertical gap={12} data-testid="imports-check-step">
            <Alert
              type={preview.refusedRows ? 'warning' : 'success'}
              showIcon
              title={t('imports.check.summary', { rows: preview.rows, accepted: preview.accepted, refused: preview.refusedRows })}
              description={preview.refusedRows ? recordsText('check', preview.records) : `${t('imports.check.allGood')}. ${recordsText('check', preview.records)}`}
            />
            {refusedMessages.has(V.outOfTerm) && <Alert type="info" showIcon title={t('imports.check.outOfTermHint')} data-testid="imports-term-hint" />}
            {(refusedMessages.has(V.similarHousehold) || confirm.includes('similarHousehold')) && (
              <Checkbox checked={confirm.includes('similarHousehold')} onChange={(e) => toggle('similarHousehold', e.target.checked)} data-testid="imports-confirm-similar">{t('imports.check.similar')}</Checkbox>
            )}
            {([...refusedMessages].some((m) => /sameDay/i.test(m)) || confirm.includes('sameDayVisit')) && (
              <Checkbox checked={confirm.includes('sameDayVisit')} onChange={(e) => toggle('sameDayVisit', e.target.checked)}>{t('imports.check.sameDay')}</Checkbox>
            )}
            <JoinsTable joins={preview.joins} done={false} />
            {preview.refusals.length > 0 && (
              <>
                <Typography.Text strong>{t('imports.check.refusedTitle')}</Typography.Text>
                <RefusalsTable ledger={ledger} refusals={preview.refusals} total={preview.refusals.length >= MAX_LISTED_REFUSALS ? preview.refusedRows : preview.refusals.length} />
              </>
            )}
          </Flex>
        )}
        {step === 3 && result && (
          <Flex vertical gap={8} data-testid="imports-done">
            <Result status={result.refusedRows ? 'warning' : 'success'} title={t('imports.done.title')} subTitle={recordsText('done', result.records)} style={{ padding: 12 }} />
            <JoinsTable joins={result.joins} done />
            {result.refusedRows > 0 && (
              <>
                <Flex justify="space-between" align="center">
                  <Typography.Text>{t('imports.done.refused', { count: result.refusedRows })}</Typography.Text>
                  <Button icon={<DownloadOutlined />} onClick={() => downloadRefused(result.refusals)} data-testid="imports-download-refused">{t('imports.done.download')}</Button>
                </Flex>
                <RefusalsTable ledger={ledger} refusals={result.refusals} total={result.refusals.length >= MAX_LISTED_REFUSALS ? result.refusedRows : result.refusals.length} />
              </>
            )}
          </Flex>
        )}
      </Spin>
    </Modal>
  );
}
