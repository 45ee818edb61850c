// The last exports, newest first: what each holds, where it went, and whether it is still there.
import { DownloadOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentExport } from '../../../../shared/domain/reports';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-12-02 02:54 in this computer's time, as the file's own title rows say it. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function RecentExports({ items, nativeDialogs }: { items: readonly RecentExport[]; nativeDialogs: boolean }): JSX.Element {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('reports.recent.title')} data-testid="recent-exports">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.recent.empty')} />
      ) : (
        <List
          size="small"
          dataSource={[...items]}
          renderItem={(item) => (
            <List.Item data-testid="recent-export">
              <Flex vertical style={{ width: '100%' }}>
                <Space wrap>
                  <Tag>{item.format.toUpperCase()}</Tag>
                  <Typography.Text strong>{item.title}</Typography.Text>
                  <Typography.Text type="secondary">{t('reports.recent.rows', { count: item.rows })}</Typography.Text>
                </Space>
                <Space wrap>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('reports.recent.at')} {localMinute(item.at)}
                  </Typography.Text>
                  {item.exists ? (
                    item.download && !nativeDialogs ? (
                      <a href={item.download} download={item.fileName}>
                        <DownloadOutlined /> {item.fileName}
                      </a>
                    ) : (
                      <Typography.Text style={{ fontSize: 12 }} copyable={{ text: item.file }}>
                        {item.file}
                      </Typography.Text>
                    )
                  ) : (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {t('reports.recent.missing')}
                    </Typography.Text>
                  )}
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
