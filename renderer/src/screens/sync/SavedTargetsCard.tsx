// Saved sync places (a folder, or WebDAV such as 坚果云): each with its last success or error,
// synced with one click and, when set to, by the main process's scheduler. A password goes in
// once and is never shown again: the list says only whether one is kept.
import { DeleteOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, List, Modal, Popconfirm, Segmented, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncTargetStatus, SyncTargetView } from '../../../../shared/domain/sync';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useFormIssues } from '../../forms/useFormIssues';
import { useAppStore } from '../../store/useAppStore';
import { ChooseButton } from './ChooseButton';

interface TargetValues {
  kind: 'folder' | 'webdav';
  name: string;
  folder?: string;
  url?: string;
  username?: string;
  password?: string;
  auto: boolean;
  intervalMinutes: number;
  attachmentFiles: boolean;
}

export interface SavedTargetsCardProps {
  /** Run one target; the screen shows the receipts. Resolves when the run is over. */
  onRun: (target: SyncTargetView) => Promise<void>;
  busy: boolean;
}

export function SavedTargetsCard({ onRun, busy }: SavedTargetsCardProps): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const language = useAppStore((s) => s.language);
  const [targets, setTargets] = useState<SyncTargetView[]>([]);
  const [status, setStatus] = useState<ReadonlyMap<string, SyncTargetStatus>>(new Map());
  const [adding, setAdding] = useState(false);
  const [running, setRunning] = useState<string | null>(null);

  const reload = useCallback(() => {
    Promise.all([api.sync.targets(), api.sync.status()]).then(([list, now]) => {
      setTargets(list.items);
      setStatus(new Map(now.targets.map((s) => [s.targetId, s])));
    }, notifyError);
  }, [notifyError]);
  useEffect(reload, [reload]);

  async function run(target: SyncTargetView): Promise<void> {
    setRunning(target.id);
    try {
      await onRun(target);
    } finally {
      setRunning(null);
      reload();
    }
  }

  async function remove(target: SyncTargetView): Promise<void> {
    try {
      await api.sync.deleteTarget({ id: target.id });
      reload();
    } catch (error) {
      notifyError(error);
    }
  }

  /** The files or only the records: the rest of the target as it is (no password sent: the kept one stays). */
  async function setFiles(target: SyncTargetView, attachmentFiles: boolean): Promise<void> {
    const common = { id: target.id, kind: target.kind, name: target.name, auto: target.auto, intervalMinutes: target.intervalMinutes, attachmentFiles };
    try {
      await api.sync.saveTarget(target.kind === 'folder' ? { ...common, folder: target.folder ?? '' } : { ...common, url: target.url ?? '', username: target.username });
      reload();
    } catch (error) {
      notifyError(error);
    }
  }

  function describe(target: SyncTargetView): JSX.Element {
    const s = status.get(target.id);
    const place = target.kind === 'folder' ? target.folder : target.url;
    return (
      <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
        <Typography.Text type="secondary" className="mono" style={{ wordBreak: 'break-all' }}>
          {place}
          {target.username ? ` · ${target.username}` : ''}
        </Typography.Text>
        {target.kind === 'webdav' && (
          <Typography.Text type="secondary" data-testid="sync-target-password">
            {target.hasPassword ? t('sync.targets.passwordKept') : t('sync.targets.passwordNone')}
          </Typography.Text>
        )}
        <Checkbox checked={target.attachmentFiles} onChange={(e) => void setFiles(target, e.target.checked)} data-testid="sync-target-files">
          {t('syncFiles.toggle')}
        </Checkbox>
        <Typography.Text type={s?.lastError ? 'danger' : 'secondary'} data-testid="sync-target-status">
          {s?.lastError
            ? t('sync.targets.failed', { reason: t(`syncTargets.error.${s.lastError.code}`) })
            : s?.lastSuccessAt
              ? t('sync.targets.lastSuccess', { time: new Date(s.lastSuccessAt).toLocaleString(language) })
              : t('sync.targets.never')}
        </Typography.Text>
      </Space>
    );
  }

  return (
    <Card
      title={t('sync.targets.title')}
      style={{ marginBottom: 16 }}
      data-testid="sync-targets"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="sync-target-add">
          {t('sync.targets.add')}
        </Button>
      }
    >
      <List
        dataSource={targets}
        rowKey="id"
        locale={{ emptyText: t('sync.targets.empty') }}
        renderItem={(target) => (
          <List.Item
            data-testid={`sync-target-${target.id}`}
            actions={[
              <Button
                key="run"
                type="primary"
                ghost
                icon={<SyncOutlined />}
                loading={running === target.id}
                disabled={busy}
                onClick={() => void run(target)}
                data-testid="sync-target-run"
              >
                {t('sync.targets.run')}
              </Button>,
              <Popconfirm key="delete" title={t('sync.targets.deleteConfirm')} onConfirm={() => void remove(target)} okButtonProps={{ 'data-testid': 'sync-target-delete-confirm' } as ButtonProps}>
                <Button icon={<DeleteOutlined />} aria-label={t('sync.targets.delete')} data-testid="sync-target-delete" />
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <span>{target.name}</span>
                  <Tag>{target.kind === 'folder' ? t('sync.targets.kindFolder') : t('sync.targets.kindWebdav')}</Tag>
                  {target.auto && <Tag color="blue">{t('sync.targets.autoEvery', { minutes: target.intervalMinutes })}</Tag>}
                  {!target.attachmentFiles && <Tag data-testid="sync-target-records-only">{t('syncFiles.recordsOnly')}</Tag>}
                </Space>
              }
              description={describe(target)}
            />
          </List.Item>
        )}
      />
      {adding && (
        <TargetForm
          onClose={(saved) => {
            setAdding(false);
            if (saved) reload();
          }}
        />
      )}
    </Card>
  );
}

function TargetForm({ onClose }: { onClose: (saved: boolean) => void }): JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<TargetValues>();
  const { handleError } = useFormIssues(form);
  const kind = Form.useWatch('kind', form) ?? 'folder';
  const auto = Form.useWatch('auto', form) ?? true;
  const [saving, setSaving] = useState(false);

  async function save(values: TargetValues): Promise<void> {
    setSaving(true);
    try {
      const common = { kind: values.kind, name: values.name, auto: values.auto, intervalMinutes: values.intervalMinutes, attachmentFiles: values.attachmentFiles };
      await api.sync.saveTarget(
        values.kind === 'folder'
          ? { ...common, folder: (values.folder ?? '').trim() }
          : {
              ...common,
              url: (values.url ?? '').trim(),
              ...(values.username?.trim() ? { username: values.username.trim() } : {}),
              ...(values.password ? { password: values.password } : {}),
            },
      );
      onClose(true);
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('sync.targets.add')}
      onCancel={() => onClose(false)}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, htmlType: 'submit', 'data-testid': 'sync-target-save' } as ButtonProps}
      destroyOnHidden
      modalRender={(node) => (
        <Form<TargetValues>
          form={form}
          layout="vertical"
          name="syncTarget"
          initialValues={{ kind: 'folder', auto: true, intervalMinutes: 5, attachmentFiles: true }}
          onFinish={(values) => void save(values)}
        >
          {node}
        </Form>
      )}
    >
      <div data-testid="sync-target-form">
        <Form.Item name="kind" label={t('sync.targets.kind')}>
          <Segmented
            options={[
              { value: 'folder', label: t('sync.targets.kindFolder') },
              { value: 'webdav', label: t('sync.targets.kindWebdav') },
            ]}
            data-testid="sync-target-kind"
          />
        </Form.Item>
        <Form.Item name="name" label={t('sync.targets.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input placeholder={t('sync.targets.namePlaceholder')} />
        </Form.Item>
        {kind === 'folder' ? (
          <Form.Item label={t('sync.folder')} htmlFor="syncTarget_folder">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="folder" noStyle>
                <Input className="mono" placeholder={t('sync.folderPlaceholder')} />
              </Form.Item>
              <ChooseButton ask={() => api.dialogs.chooseFolder()} onChosen={([folder]) => form.setFieldValue('folder', folder)} testId="sync-target-folder-choose">
                {t('sync.choose')}
              </ChooseButton>
            </Space.Compact>
          </Form.Item>
        ) : (
          <>
            <Form.Item name="url" label={t('sync.targets.url')} extra={t('sync.targets.urlHint')}>
              <Input className="mono" placeholder={t('sync.targets.urlPlaceholder')} />
            </Form.Item>
            <Form.Item name="username" label={t('sync.targets.username')}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t('sync.targets.password')} extra={t('sync.targets.passwordHint')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        {/* One line that reads as a sentence: [x] sync automatically, every [5] minutes. */}
        <Space align="center" wrap>
          <Form.Item name="auto" valuePropName="checked" noStyle>
            <Checkbox>{t('sync.targets.auto')}</Checkbox>
          </Form.Item>
          <span>{t('sync.targets.every')}</span>
          <Form.Item name="intervalMinutes" noStyle>
            <InputNumber min={1} max={1440} precision={0} disabled={!auto} aria-label={t('sync.targets.interval')} style={{ width: 80 }} />
          </Form.Item>
          <span>{t('sync.targets.minutes')}</span>
        </Space>
        <Form.Item name="attachmentFiles" valuePropName="checked" extra={t('syncFiles.carryHint')} style={{ marginTop: 12, marginBottom: 0 }}>
          <Checkbox data-testid="sync-target-form-files">{t('syncFiles.carry')}</Checkbox>
        </Form.Item>
      </div>
    </Modal>
  );
}
