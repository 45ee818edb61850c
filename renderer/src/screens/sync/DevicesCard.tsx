// The devices this one trusts (and itself first): who, what they may write, the key fingerprint.
import { Card, Table, Tag, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, role as roleSchema } from '../../../../shared/domain/device';
import { labelOf } from '../../../../shared/domain/labels';
import type { DeviceView } from '../../../../shared/domain/sync';
import { useAppStore } from '../../store/useAppStore';

export function DevicesCard({ self, trusted, loading }: { self: DeviceView | null; trusted: DeviceView[]; loading: boolean }): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const scopeVillages = useAppStore((s) => s.scopeVillages);
  const villageName = (id: string) => scopeVillages.find((v) => v.id === id)?.name;
  const rows = [...(self ? [self] : []), ...trusted];

  return (
    <Card title={t('sync.devices.title')} style={{ marginTop: 16 }} data-testid="sync-devices">
      <Table<DeviceView>
        size="small"
        rowKey="deviceId"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('sync.devices.empty') }}
        columns={[
          {
            key: 'name',
            title: t('sync.devices.name'),
            render: (_, d) => (
              <span>
                {d.name} {self && d.deviceId === self.deviceId && <Tag color="blue">{t('sync.devices.self')}</Tag>}
                {/* Trusted on another device's enrolment, not checked by a person here: say whose. */}
                {d.vouchedBy && (
                  <Typography.Text type="secondary" style={{ display: 'block' }} data-testid={`vouched-by-${d.deviceId}`}>
                    {t('sync.devices.vouchedBy', { name: d.vouchedBy.name ?? d.vouchedBy.deviceId })}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            key: 'role',
            title: t('sync.devices.role'),
            render: (_, d) => {
              const role = roleSchema.safeParse(d.role);
              return role.success ? labelOf(ROLE_LABELS, role.data, language) : d.role;
            },
          },
          {
            key: 'township',
            title: t('sync.devices.township'),
            // A district writes every village of several townships: all of them are named.
            render: (_, d) => (d.townships?.length ? d.townships.join('、') : (d.township ?? t('common.none'))),
          },
          {
            key: 'villages',
            title: t('sync.devices.villages'),
            render: (_, d) => {
              const names = d.villages.map(villageName).filter((n): n is string => Boolean(n));
              return names.length === d.villages.length && names.length > 0 && names.length <= 4
                ? names.join('、')
                : d.villages.length > 0
                  ? t('sync.devices.villageCount', { count: d.villages.length })
                  : t('common.none');
            },
          },
          {
            key: 'fingerprint',
            title: t('sync.devices.fingerprint'),
            render: (_, d) => (
              <Typography.Text className="mono" copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}>
                {d.fingerprint}
              </Typography.Text>
            ),
          },
          {
            key: 'trustedAt',
            title: t('sync.devices.trustedAt'),
            render: (_, d) => (d.trustedAt ? new Date(d.trustedAt).toLocaleString(language) : t('common.none')),
          },
        ]}
      />
    </Card>
  );
}
