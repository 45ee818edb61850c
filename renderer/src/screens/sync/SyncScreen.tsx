// 同步: the folder shared with other devices (remembered here), sync / export / import, what
// came of each file in plain words, devices to trust, and the conflicts to resolve.
import { CloudSyncOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Checkbox, Form, Input, Space, Spin, Tabs, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/result';
import { absolutePath, type ConflictItem, type DeviceView, type SyncTargetView } from '../../../../shared/domain/sync';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useFormIssues } from '../../forms/useFormIssues';
import { useAppStore } from '../../store/useAppStore';
import { ConflictsPanel } from './ConflictsPanel';
import { DevicesCard } from './DevicesCard';
import { ReceiptList, RetryImport, type SyncOutcome } from './ReceiptList';
import { SavedTargetsCard } from './SavedTargetsCard';
import { announceSyncEnded, readFolder, readLastSynced, rememberFolder, rememberLastSynced } from './syncStorage';
import { splitPaths } from './syncText';

interface SyncValues {
  folder: string;
  full: boolean;
  paths: string;
}

type Running = 'now' | 'target' | 'export' | 'import' | null;

/** The contract names the folder `path` (export) or `folder` (sync); the form calls it folder. */
function onForm(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.issues) return error;
  return new ApiError(
    error.code,
    error.message,
    error.issues.map((issue) => ({ ...issue, path: issue.path[0] === 'path' ? ['folder', ...issue.path.slice(1)] : issue.path })),
  );
}

export function SyncScreen(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const language = useAppStore((s) => s.language);
  const noteLedgerChange = useAppStore((s) => s.noteLedgerChange);
  const loadScopeVillages = useAppStore((s) => s.loadScopeVillages);
  const changes = useAppStore((s) => s.ledgerChanges);
  const [form] = Form.useForm<SyncValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const [running, setRunning] = useState<Running>(null);
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null);
  const [lastPaths, setLastPaths] = useState<string[]>([]);
  /** The saved target run last, to run again after trusting a device (null: the folder typed). */
  const [lastTarget, setLastTarget] = useState<SyncTargetView | null>(null);
  const [lastSynced, setLastSynced] = useState<string | null>(readLastSynced);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [trustedSince, setTrustedSince] = useState(false);
  const [devices, setDevices] = useState<{ self: DeviceView | null; trusted: DeviceView[] }>({ self: null, trusted: [] });
  const [conflicts, setConflicts] = useState<ConflictItem[]>([]);
  const [loading, setLoading] = useState(true);

  /** Devices and conflicts read again (the tables keep showing the old ones meanwhile). */
  const reload = useCallback(() => {
    Promise.all([api.devices.list(), api.conflicts.list()])
      .then(([list, found]) => {
        setDevices(list);
        setConflicts(found.items);
      }, notifyError)
      .finally(() => setLoading(false));
  }, [notifyError]);

  // Read again after every write (an import, a resolve, a ledger edit elsewhere).
  useEffect(reload, [reload, changes]);

  const names = useMemo(
    () => new Map([...(devices.self ? [devices.self] : []), ...devices.trusted].map((d) => [d.deviceId, d.name] as const)),
    [devices],
  );

  function folderOf(values: SyncValues): string | null {
    const parsed = absolutePath.safeParse((values.folder ?? '').trim());
    if (!parsed.success) {
      // One line under the field: the first thing wrong (empty, then not absolute).
      showIssues(parsed.error.issues.slice(0, 1).map((issue) => ({ ...issue, path: ['folder'] })));
      return null;
    }
    showIssues([]);
    rememberFolder(parsed.data);
    return parsed.data;
  }

  async function run(kind: Exclude<Running, null>, work: () => Promise<SyncOutcome>, paths: string[] = []): Promise<void> {
    setRunning(kind);
    try {
      const result = await work();
      setOutcome(result);
      setLastPaths(paths);
      setDismissed(new Set());
      setTrustedSince(false);
      if (kind === 'now' || (kind === 'target' && !result.failure)) {
        const at = new Date().toISOString();
        rememberLastSynced(at);
        setLastSynced(at);
      } else if (kind === 'target') announceSyncEnded();
      if (result.receipts.some((r) => r.status === 'imported')) {
        // Villages may have come in: the pickers and the device list name them.
        noteLedgerChange();
        loadScopeVillages().catch(notifyError);
      } else reload();
    } catch (error) {
      handleError(onForm(error));
    } finally {
      setRunning(null);
    }
  }

  function syncNow(): void {
    const values = form.getFieldsValue();
    const folder = folderOf(values);
    if (!folder) return;
    setLastTarget(null);
    void run('now', async () => {
      const result = await api.sync.now({ folder, full: values.full === true });
      return { exported: result.exported, receipts: result.receipts, known: result.known, unreadable: result.unreadable };
    }, []);
  }

  /** A saved target: the main process runs it (folder or WebDAV); a failure comes back in its status. */
  function runTarget(target: SyncTargetView): Promise<void> {
    setLastTarget(target);
    return run('target', async () => {
      const result = await api.sync.run({ id: target.id });
      return {
        exported: result.exported,
        receipts: result.receipts,
        known: result.known,
        unreadable: result.unreadable,
        failure: result.status.lastError?.code ?? null,
      };
    });
  }

  function exportFile(): void {
    const values = form.getFieldsValue();
    const folder = folderOf(values);
    if (!folder) return;
    void run('export', async () => ({ exported: await api.sync.exportFile({ path: folder, full: values.full === true }), receipts: [], known: null, unreadable: [] }));
  }

  function importFiles(paths: string[]): void {
    const bad = paths.map((path, i) => ({ i, ok: absolutePath.safeParse(path) })).filter(({ ok }) => !ok.success);
    if (paths.length === 0 || bad.length > 0) {
      showIssues([{ path: ['paths'], message: paths.length === 0 ? 'validation.required' : 'validation.absolutePath' }]);
      return;
    }
    showIssues([]);
    setLastTarget(null);
    void run('import', async () => ({ exported: null, ...(await api.sync.importFiles({ paths })), known: null, unreadable: [] }), paths);
  }

  /** After trusting: the same files again (a sync runs again, an import reads the same paths). */
  function retry(): void {
    if (lastTarget) void runTarget(lastTarget);
    else if (lastPaths.length > 0) importFiles(lastPaths);
    else syncNow();
  }

  function onTrusted(deviceId: string, name: string): void {
    setDismissed((all) => new Set([...all, deviceId]));
    setTrustedSince(true);
    void message.success(t('sync.trust.trusted', { name }));
    reload();
  }

  const syncPanel = (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sync.intro')}</Typography.Paragraph>
        <Form<SyncValues> form={form} layout="vertical" name="sync" initialValues={{ folder: readFolder(), full: false, paths: '' }}>
          <Form.Item name="folder" label={t('sync.folder')}>
            <Input className="mono" placeholder={t('sync.folderPlaceholder')} allowClear data-testid="sync-folder" onPressEnter={syncNow} />
          </Form.Item>
          <Space wrap align="center" style={{ marginBottom: 16 }}>
            <Button type="primary" icon={<CloudSyncOutlined />} loading={running === 'now'} disabled={running !== null} onClick={syncNow} data-testid="sync-now">
              {t('sync.syncNow')}
            </Button>
            <Button icon={<ExportOutlined />} loading={running === 'export'} disabled={running !== null} onClick={exportFile} data-testid="sync-export">
              {t('sync.export')}
            </Button>
            <Tooltip title={t('sync.fullHint')}>
              <Form.Item name="full" valuePropName="checked" noStyle>
                <Checkbox data-testid="sync-full">{t('sync.full')}</Checkbox>
              </Form.Item>
            </Tooltip>
            <Typography.Text type="secondary" data-testid="sync-last">
              {lastSynced ? t('sync.lastSynced', { time: new Date(lastSynced).toLocaleString(language) }) : t('sync.neverSynced')}
            </Typography.Text>
          </Space>
          <Form.Item name="paths" label={t('sync.importPaths')} extra={t('sync.importHint')}>
            <Input.TextArea className="mono" rows={3} placeholder={t('sync.importPlaceholder')} data-testid="sync-paths" />
          </Form.Item>
          <Button
            icon={<ImportOutlined />}
            loading={running === 'import'}
            disabled={running !== null}
            onClick={() => importFiles(splitPaths(form.getFieldValue('paths') ?? ''))}
            data-testid="sync-import"
          >
            {t('sync.import')}
          </Button>
        </Form>
      </Card>
      <SavedTargetsCard onRun={runTarget} busy={running !== null} />
      <Card title={t('sync.result')} data-testid="sync-result-card">
        <Spin spinning={running !== null} tip={t('sync.running')}>
          {trustedSince && <RetryImport onRetry={retry} busy={running !== null} />}
          {outcome ? (
            <ReceiptList
              outcome={outcome}
              names={names}
              dismissed={dismissed}
              onTrusted={onTrusted}
              onDismiss={(deviceId) => setDismissed((all) => new Set([...all, deviceId]))}
            />
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="sync-result-empty">
              {t('sync.resultEmpty')}
            </Typography.Paragraph>
          )}
        </Spin>
      </Card>
      <DevicesCard self={devices.self} trusted={devices.trusted} loading={loading} />
    </>
  );

  return (
    <div data-testid="sync-screen">
      <Typography.Title level={3} className="screen-title">
        {t('sync.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'sync', label: t('sync.tabSync'), children: syncPanel },
          {
            key: 'conflicts',
            label: (
              <span data-testid="sync-tab-conflicts">
                {t('sync.tabConflicts')} <Badge count={conflicts.length} size="small" />
              </span>
            ),
            children: <ConflictsPanel items={conflicts} loading={loading} onResolved={noteLedgerChange} />,
          },
        ]}
      />
    </div>
  );
}
