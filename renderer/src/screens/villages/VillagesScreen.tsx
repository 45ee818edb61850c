// 帮扶村: search the villages by name, add one, edit or delete one. The list is always what
// the database says, read again after every change.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Village } from '../../../../shared/domain/village';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { VillageFormModal } from './VillageFormModal';
import { VillageMovesNotice } from './VillageMovesNotice';
import { VillagesTable } from './VillagesTable';

/** Which form is open: none, a new village, or an edit of one. */
type Editing = { village: Village | null } | null;

export function VillagesScreen(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { villages, loading, search, loadVillages, removeVillage } = useAppStore(
    useShallow((s) => ({
      villages: s.villages,
      loading: s.villagesLoading,
      search: s.villageSearch,
      loadVillages: s.loadVillages,
      removeVillage: s.removeVillage,
    })),
  );
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    loadVillages().catch(notifyError);
  }, [loadVillages, notifyError]);

  async function onDelete(village: Village): Promise<void> {
    try {
      await removeVillage(village.id);
      void message.success(t('villages.deleted', { name: village.name }));
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <div data-testid="villages-screen">
      <Typography.Title level={3} className="screen-title">
        {t('villages.title')}
      </Typography.Title>
      <VillageMovesNotice refreshKey={villages} />
      <Card>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          <Input
            data-testid="village-search"
            type="search"
            prefix={<SearchOutlined />}
            placeholder={t('villages.search')}
            aria-label={t('villages.search')}
            allowClear
            maxLength={40}
            value={search}
            onChange={(event) => loadVillages(event.target.value).catch(notifyError)}
            style={{ maxWidth: 320 }}
          />
          <Typography.Text type="secondary" data-testid="villages-total">
            {t('villages.total', { count: villages.length })}
          </Typography.Text>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ village: null })}
            style={{ marginLeft: 'auto' }}
            data-testid="village-add"
          >
            {t('villages.add')}
          </Button>
        </Flex>
        <VillagesTable
          villages={villages}
          loading={loading}
          search={search}
          onEdit={(village) => setEditing({ village })}
          onDelete={onDelete}
        />
      </Card>
      {editing && <VillageFormModal village={editing.village} onClose={() => setEditing(null)} />}
    </div>
  );
}
