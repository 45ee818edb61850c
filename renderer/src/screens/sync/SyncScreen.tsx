// 同步: the folder shared with other devices (remembered here), sync / export / import, what
// came of each file in plain words, devices to trust, and the conflicts to resolve. The desktop
// menu's commands (and double-clicked .cunji files) land here; many files import one per call,
// so the bar shows real progress and a cancel stops after the current file.
import { CloudSyncOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Checkbox, Form, Input, Progress, Space, Spin, Tabs, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/result';
import { absolutePath, type ConflictItem, type DeviceView, type SyncTargetView } from '../../../../shared/domain/sync';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useFormIssues } from '../../forms/useFormIssues';
import type { MenuCommand } from '../../../../shared/api/menuCommands';
import { usePendingMenuCommand } from '../../shell/useMenuCommands';
import { useAppStore } from '../../store/useAppStore';
import { ChooseButton, useNativeDialogs } from './ChooseButton';
import { ConflictsPanel } from './ConflictsPanel';
import { VillageMovesPanel } from './VillageMovesPanel';
import { DevicesCard } from './DevicesCard';
import { chosenPaths, menuAction, syncNowPlan, type PathField } from './menuActions';
import { PassphraseCard } from './PassphraseCard';
import { ReceiptList, RetryImport, type ShownReceipt, type SyncOutcome } from './ReceiptList';
import { SavedTargetsCard } from './SavedTargetsCard';
import { announceSyncEnded, readFolder, readLastSynced, rememberFolder, rememberLastSynced } from './syncStorage';
import { splitPaths } from './syncText';

interface SyncValues {
  folder: string;
  full: boolean;
  paths: string;
}

type Running = 'now' | 'target' | 'export' | 'import' | null;

/** An import of many files, one call each: how far it is. */
interface ImportProgress {
  done: number;
  total: number;
  changesNew: number;
}

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
  const countVillages = useAppStore((s) => s.countVillages);
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
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  /** Set by the cancel button; the import loop stops before its next file. */
  const cancelImport = useRef(false);
  /**
   * Passphrases typed for a path's encrypted files, sent again when that path is imported again
   * (after trusting its device); in memory only, gone when the screen closes, never stored.
   */
  const typedPassphrases = useRef(new Map<string, string>());
  const [cancelling, setCancelling] = useState(false);
  /** A menu command arriving while something runs waits for nothing: it is declined with a word. */
  const busy = useRef(false);
  const nativeDialogs = useNativeDialogs();

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

  // The database remembers the last folder and sync too: a reload, or the browser host on another
  // port (whose page storage starts empty), shows them rather than an empty box and 从未同步.
  useEffect(() => {
    let live = true;
    api.sync.status().then((status) => {
      if (!live || !status.last) return;
      const { at, folder } = status.last;
      if (folder && !form.getFieldValue('folder')) form.setFieldValue('folder', folder);
      setLastSynced((shown) => (shown === null || at > shown ? at : shown));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [form]);

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

  /** Villages may have come in: the pickers, the device list and the overview's count name them. */
  function afterImport(): void {
    noteLedgerChange();
    loadScopeVillages().catch(notifyError);
    countVillages().catch(notifyError);
  }

  async function run(kind: Exclude<Running, null>, work: () => Promise<SyncOutcome>, paths: string[] = []): Promise<void> {
    busy.current = true;
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
        afterImport();
      } else reload();
    } catch (error) {
      handleError(onForm(error));
    } finally {
      busy.current = false;
      setRunning(null);
      setProgress(null);
    }
  }

  function syncNow(): void {
    const values = form.getFieldsValue();
    const folder = folderOf(values);
    if (!folder) return;
    setLastTarget(null);
    void run('now', async () => {
      const result = await api.sync.now({ folder, full: values.full === true });
      return { exported: result.exported, receipts: result.receipts, known: result.known, unreadable: result.unreadable, released: result.released };
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
        released: result.released,
        skippedRefused: result.skippedRefused,
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
    void run('import', () => importEach(paths), paths);
  }

  /**
   * One call per path (a folder is one call: the service expands it), so the bar moves with
   * real work and the receipts grow on screen; a cancel takes effect before the next path.
   */
  async function importEach(paths: string[]): Promise<SyncOutcome> {
    cancelImport.current = false;
    setCancelling(false);
    const outcome: SyncOutcome & Required<Pick<SyncOutcome, 'folderLimits'>> = { exported: null, receipts: [], known: null, unreadable: [], released: 0, folderLimits: [] };
    const moved: ImportProgress = { done: 0, total: paths.length, changesNew: 0 };
    setProgress({ ...moved });
    // The last result gives way at once: what shows under the bar is this import's.
    setOutcome({ ...outcome, receipts: [] });
    for (const path of paths) {
      if (cancelImport.current) break;
      const passphrase = typedPassphrases.current.get(path);
      const result = await api.sync.importFiles({ paths: [path], ...(passphrase ? { passphrase } : {}) });
      outcome.receipts.push(...result.receipts.map((receipt): ShownReceipt => ({ ...receipt, source: path })));
      outcome.released = (outcome.released ?? 0) + result.released;
      // A folder walked only in part, or with sub-folders it could not list, says so beside its receipts.
      outcome.unreadable.push(...(result.unreadable ?? []));
      outcome.folderLimits.push(...(result.folderLimits ?? []));
      moved.done++;
      moved.changesNew += result.receipts.reduce((sum, r) => sum + r.changesNew, 0);
      setProgress({ ...moved });
      setOutcome({ ...outcome, receipts: [...outcome.receipts], unreadable: [...outcome.unreadable], folderLimits: [...outcome.folderLimits] });
    }
    return { ...outcome, notRead: paths.length - moved.done };
  }

  /**
   * Refused encrypted files again, with the passphrase typed for them (kept for this screen only,
   * so an import after trusting their device sends it again). One call per path given.
   */
  async function retryWithPassphrase(refused: ShownReceipt[], passphrase: string): Promise<void> {
    const replaced = new Map<ShownReceipt, ShownReceipt>();
    let released = 0;
    try {
      for (const source of new Set(refused.flatMap((r) => (r.source ? [r.source] : [])))) {
        const result = await api.sync.importFiles({ paths: [source], passphrase });
        typedPassphrases.current.set(source, passphrase);
        released += result.released;
        // A folder answers for all its files: each refused file's new receipt takes its place.
        for (const receipt of refused.filter((r) => r.source === source)) {
          const again = result.receipts.find((r) => r.file === receipt.file) ?? (result.receipts.length === 1 ? result.receipts[0] : undefined);
          if (again) replaced.set(receipt, { ...again, source });
        }
      }
    } catch (error) {
      notifyError(error);
    }
    setOutcome((shown) => shown && { ...shown, receipts: shown.receipts.map((r) => replaced.get(r) ?? r), released: (shown.released ?? 0) + released });
    if ([...replaced.values()].some((r) => r.status === 'imported')) afterImport();
  }

  const focusField = (field: PathField) => form.focusField(field);

  /** A menu command (or a double-clicked file): what it asks for, with the dialog it needs. */
  async function actOn(command: MenuCommand): Promise<void> {
    if (busy.current) {
      void message.info(t('sync.busy'));
      return;
    }
    const action = menuAction(command, nativeDialogs);
    switch (action.kind) {
      case 'import':
        form.setFieldValue('paths', action.paths.join('\n'));
        importFiles([...action.paths]);
        return;
      case 'chooseBundles': {
        const paths = await chosenPaths(() => api.dialogs.openBundles());
        if (paths === null) focusField('paths');
        else if (paths.length > 0) {
          form.setFieldValue('paths', paths.join('\n'));
          importFiles(paths);
        }
        return;
      }
      case 'chooseExportFolder': {
        const paths = await chosenPaths(() => api.dialogs.chooseFolder());
        if (paths === null) focusField('folder');
        else if (paths[0]) {
          form.setFieldValue('folder', paths[0]);
          exportFile();
        }
        return;
      }
      case 'syncNow': {
        const targets = (await api.sync.targets()).items;
        const plan = syncNowPlan(form.getFieldValue('folder') ?? '', targets.map((target) => target.id));
        if (plan.kind === 'folder') syncNow();
        else if (plan.kind === 'focus') focusField(plan.field);
        else for (const target of targets) await runTarget(target);
        return;
      }
      case 'focus':
        focusField(action.field);
        return;
    }
  }

  usePendingMenuCommand((command) => {
    actOn(command).catch(notifyError);
  });

  /** After trusting: the same files again (a sync runs again, an import reads the same paths). */
  function retry(): void {
    if (lastTarget) void runTarget(lastTarget);
    else if (lastPaths.length > 0) importFiles(lastPaths);
    else syncNow();
  }

  function onTrusted(deviceId: string, name: string): void {
    setDismissed((all) => new Set([...all, deviceId]));
    reload();
    // The file held for this trust is read again at once, its result shown: no second click.
    if (busy.current) {
      setTrustedSince(true);
      void message.success(t('sync.trust.trusted', { name }));
      return;
    }
    void message.success(t('syncPlain.trust.importing', { name }));
    retry();
  }

  const syncPanel = (
    <>
      <VillageMovesPanel refreshKey={changes} onDecided={noteLedgerChange} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sync.intro')}</Typography.Paragraph>
        <Form<SyncValues> form={form} layout="vertical" name="sync" initialValues={{ folder: readFolder(), full: false, paths: '' }}>
          <Form.Item label={t('sync.folder')} htmlFor="sync_folder">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="folder" noStyle>
                <Input className="mono" placeholder={t('sync.folderPlaceholder')} allowClear data-testid="sync-folder" onPressEnter={syncNow} />
              </Form.Item>
              <ChooseButton ask={() => api.dialogs.chooseFolder()} onChosen={([folder]) => form.setFieldValue('folder', folder)} disabled={running !== null} testId="sync-folder-choose">
                {t('sync.choose')}
              </ChooseButton>
            </Space.Compact>
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
          <Space wrap>
            <Button
              icon={<ImportOutlined />}
              loading={running === 'import'}
              disabled={running !== null}
              onClick={() => importFiles(splitPaths(form.getFieldValue('paths') ?? ''))}
              data-testid="sync-import"
            >
              {t('sync.import')}
            </Button>
            <ChooseButton ask={() => api.dialogs.openBundles()} onChosen={(paths) => form.setFieldValue('paths', paths.join('\n'))} disabled={running !== null} testId="sync-paths-choose">
              {t('sync.chooseFiles')}
            </ChooseButton>
            <ChooseButton ask={() => api.dialogs.chooseFolder()} onChosen={(paths) => form.setFieldValue('paths', paths.join('\n'))} disabled={running !== null} testId="sync-paths-choose-folder">
              {t('sync.chooseFolder')}
            </ChooseButton>
          </Space>
        </Form>
      </Card>
      <SavedTargetsCard onRun={runTarget} busy={running !== null} />
      <Card title={t('sync.result')} data-testid="sync-result-card">
        {progress && (
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12 }} data-testid="sync-progress">
            <Progress percent={Math.floor((progress.done / progress.total) * 100)} status="active" showInfo={false} style={{ flex: 1, marginBottom: 0 }} />
            <Typography.Text data-testid="sync-progress-text">
              {t('sync.progress.counts', { done: progress.done, total: progress.total, changes: progress.changesNew })}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => {
                cancelImport.current = true;
                setCancelling(true);
              }}
              disabled={cancelling}
              data-testid="sync-progress-cancel"
            >
              {cancelling ? t('sync.progress.cancelling') : t('sync.progress.cancel')}
            </Button>
          </div>
        )}
        {/* An import shows its own bar and its receipts as they come; the rest spin. */}
        <Spin spinning={running !== null && running !== 'import'} tip={t('sync.running')}>
          {trustedSince && <RetryImport onRetry={retry} busy={running !== null} />}
          {outcome ? (
            <ReceiptList
              outcome={outcome}
              names={names}
              dismissed={dismissed}
              onTrusted={onTrusted}
              onDismiss={(deviceId) => setDismissed((all) => new Set([...all, deviceId]))}
              onPassphraseRetry={retryWithPassphrase}
            />
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="sync-result-empty">
              {t('sync.resultEmpty')}
            </Typography.Paragraph>
          )}
        </Spin>
      </Card>
      <PassphraseCard />
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
