// 备份与恢复 on 本机与设置: the backups in the data folder with their date, size and records per
// ledger; back up now, or to a folder or USB stick; restore one (after asking), which reopens the
// app on it — the page then reloads, since every figure it shows may have changed.
import { CloudDownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_DISK_FULL, type BackupItem, type BackupList } from '../../../../shared/domain/backups';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { ChooseButton } from '../sync/ChooseButton';

/** The ledgers worth a glance in a list, in this order; the rest are counted in the tooltip-free total. */
const SHOWN_LEDGERS = ['villages', 'households', 'visits', 'needs', 'projects'] as const;

/** Said after the reload that follows a restore. */
const RESTORED_NOTICE = 'cunji.backups.restored';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function BackupsCard(): JSX.Element {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const [list, setList] = useState<BackupList | null>(null);
  const [busy, setBusy] = useState(false);
  const [folder, setFolder] = useState('');

  const reload = useCallback(() => api.backups.list().then(setList, notifyError), [notifyError]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    const notice = sessionStorage.getItem(RESTORED_NOTICE);
    if (notice === null) return;
    sessionStorage.removeItem(RESTORED_NOTICE);
    void message.success({ content: notice, duration: 8 });
  }, [message]);

  const when = (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const failed = (error: unknown) => {
    if (error instanceof Error && error.message.startsWith(BACKUP_DISK_FULL)) void message.error(t('backups.diskFull'), 8);
    else notifyError(error);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    run(async () => {
      const made = await api.backups.create();
      void message.success(t('backups.created', { name: made.name }));
      await reload();
    });
  const exportTo = () =>
    run(async () => {
      const written = await api.backups.exportTo({ folder: folder.trim() });
      void message.success(t('backups.exported', { file: written.file }));
      await reload();
    });
  const restore = (item: BackupItem) =>
    modal.confirm({
      title: t('backups.restoreTitle', { at: when(item.at) }),
      content: t('backups.restoreBody'),
      okText: t('backups.restoreOk'),
      okButtonProps: { danger: true, 'data-testid': 'backup-restore-confirm' } as ButtonProps,
      onOk: () =>
        run(async () => {
          const done = await api.backups.restore({ name: item.name });
          // The app reopened on the backup: read everything again, and say what happened once the page is back.
          sessionStorage.setItem(RESTORED_NOTICE, t('backups.restored', { at: when(item.at), kept: done.keptAs }));
          window.location.reload();
        }),
    });

  const records = (item: BackupItem) => {
    if (!item.counts) return <Typography.Text type="danger">{t('backups.unreadable')}</Typography.Text>;
    return SHOWN_LEDGERS.filter((l) => item.counts![l] !== undefined)
      .map((l) => `${t(`backups.ledgers.${l}`)} ${item.counts![l]}`)
      .join(' · ');
  };

  return (
    <Card title={t('backups.title')} style={{ marginTop: 16 }} data-testid="backups-card">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('backups.intro')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void create()} data-testid="backup-create">
          {t('backups.create')}
        </Button>
        <Input
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          placeholder={t('backups.exportFolderHint')}
          aria-label={t('backups.exportFolder')}
          style={{ width: 280 }}
          data-testid="backup-export-folder"
        />
        <ChooseButton ask={() => api.dialogs.chooseFolder()} onChosen={([chosen]) => setFolder(chosen ?? '')} disabled={busy} testId="backup-export-choose">
          {t('backups.choose')}
        </ChooseButton>
        <Button icon={<CloudDownloadOutlined />} disabled={busy || !folder.trim()} onClick={() => void exportTo()} data-testid="backup-export">
          {t('backups.exportTo')}
        </Button>
      </Space>
      <Table<BackupItem>
        size="small"
        rowKey="name"
        loading={list === null}
        dataSource={list?.items ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t('backups.empty') }}
        data-testid="backup-list"
        columns={[
          { title: t('backups.at'), dataIndex: 'at', width: 170, render: (at: string) => when(at) },
          {
            title: t('backups.kind'),
            dataIndex: 'kind',
            width: 150,
            render: (kind: BackupItem['kind'], item) => (
              <Space size={4} wrap>
                <Tag>{t(`backups.kinds.${kind}`)}</Tag>
                {!item.thisDevice && <Tag color="orange">{t('backups.otherDevice')}</Tag>}
              </Space>
            ),
          },
          { title: t('backups.size'), dataIndex: 'bytes', width: 90, render: (bytes: number) => sizeText(bytes) },
          { title: t('backups.records'), key: 'records', render: (_: unknown, item) => records(item) },
          {
            title: t('backups.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, item) => (
              <Button size="small" danger disabled={busy || !item.counts} onClick={() => restore(item)} data-testid={`backup-restore-${item.name}`}>
                {t('backups.restore')}
              </Button>
            ),
          },
        ]}
      />
      {list && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('backups.folder', { folder: list.folder })}
        </Typography.Text>
      )}
    </Card>
  );
}
