// 照片档案导出: a village's photos and scans as a new folder (a folder per ledger, an index). In
// the desktop app the person picks where with the native folder dialog; the browser host has
// none, so the folder goes to the data folder's exports and the result says where.
import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveExportResult } from '../../../../shared/domain/archive';
import type { Village } from '../../../../shared/domain/village';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';

export function ArchiveExport({ villages, nativeDialogs }: { villages: readonly Village[]; nativeDialogs: boolean }): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const notifyError = useNotifyError();
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ArchiveExportResult | null>(null);
  const villageId = picked ?? villages[0]?.id ?? null;

  async function run(): Promise<void> {
    if (!villageId) return;
    let parent: string | undefined;
    if (nativeDialogs) {
      const chosen = await api.dialogs.chooseFolder();
      if (chosen.canceled || !chosen.paths[0]) return;
      parent = chosen.paths[0];
    }
    setBusy(true);
    setDone(null);
    try {
      setDone(await api.attachments.archive({ villageId, language, ...(parent ? { parent } : {}) }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('archive.title')} data-testid="archive-export">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('archive.note')}
        </Typography.Text>
        <Select<string>
          aria-label={t('archive.village')}
          data-testid="archive-village"
          value={villageId ?? undefined}
          onChange={setPicked}
          options={villages.map((v) => ({ value: v.id, label: v.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Button icon={<FolderOpenOutlined />} loading={busy} disabled={!villageId} onClick={() => void run()} data-testid="archive-export-button">
          {busy ? t('archive.working') : nativeDialogs ? t('archive.export') : t('archive.exportHost')}
        </Button>
        {done && (
          <Alert
            type="success"
            showIcon
            data-testid="archive-done"
            title={t('archive.done', { folder: done.folder, files: done.files })}
            description={done.missing > 0 ? t('archive.missing', { count: done.missing }) : undefined}
          />
        )}
      </Flex>
    </Card>
  );
}
