// The villages as a table: name, township, county, division code, last change, and the
// edit and delete actions (delete asks first).
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes, JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Village } from '../../../../shared/domain/village';

export interface VillagesTableProps {
  villages: Village[];
  loading: boolean;
  search: string;
  onEdit: (village: Village) => void;
  onDelete: (village: Village) => Promise<void>;
}

/** Chinese names sort by pinyin, as a person looks for them. */
const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true });
const byText = (a: string | null, b: string | null) => collator.compare(a ?? '', b ?? '');

export function VillagesTable({ villages, loading, search, onEdit, onDelete }: VillagesTableProps): JSX.Element {
  const { t } = useTranslation();
  const none = t('common.none');
  const columns: TableColumnsType<Village> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('villages.name'),
      sorter: (a, b) => byText(a.name, b.name),
      defaultSortOrder: 'ascend',
      render: (name: string) => <strong>{name}</strong>,
    },
    { key: 'township', dataIndex: 'township', title: t('villages.township'), sorter: (a, b) => byText(a.township, b.township) },
    {
      key: 'county',
      dataIndex: 'county',
      title: t('villages.county'),
      sorter: (a, b) => byText(a.county, b.county),
      render: (county: string | null) => county ?? none,
    },
    {
      key: 'code',
      dataIndex: 'code',
      title: t('villages.code'),
      sorter: (a, b) => byText(a.code, b.code),
      render: (code: string | null) => (code ? <span className="mono">{code}</span> : none),
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('villages.updatedAt'),
      width: 170,
      sorter: (a, b) => byText(a.updatedAt, b.updatedAt),
      render: (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 180,
      render: (_: unknown, village) => (
        <Space size={4}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(village)} data-testid={`village-edit-${village.id}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('villages.confirmDelete', { name: village.name })}
            description={t('villages.confirmDeleteBody')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': 'village-delete-confirm' }}
            onConfirm={() => onDelete(village)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`village-delete-${village.id}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Table<Village>
      data-testid="villages-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={villages}
      loading={loading}
      onRow={(village) => ({ 'data-testid': `village-row-${village.id}` }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: search ? t('villages.emptySearch', { search }) : t('villages.empty') }}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}
