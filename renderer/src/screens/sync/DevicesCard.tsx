// The devices this one trusts (and itself first): who, what they may write, the key fingerprint;
// which were revoked, by whom and why; and, on a coordinator's or district's computer, 吊销 for a
// lost or stolen laptop (a confirmation saying what it means, a reason asked for).
import { App, Button, Card, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ROLE_LABELS, role as roleSchema, townshipsOf } from '../../../../shared/domain/device';
import { labelOf } from '../../../../shared/domain/labels';
import type { DeviceView } from '../../../../shared/domain/sync';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';

export function DevicesCard({ self, trusted, loading }: { self: DeviceView | null; trusted: DeviceView[]; loading: boolean }): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const scopeVillages = useAppStore((s) => s.scopeVillages);
  const villageName = (id: string) => scopeVillages.find((v) => v.id === id)?.name;
  const rows = [...(self ? [self] : []), ...trusted];
  const profile = useAppStore((s) => s.profile);
  const noteLedgerChange = useAppStore((s) => s.noteLedgerChange);
  const [revoking, setRevoking] = useState<DeviceView | null>(null);
  // A secretary revokes no one; a coordinator or district only devices within what it keeps (the main
  // process checks again); a device this computer revoked already is not offered again.
  const kept = profile && profile.role !== 'secretary' ? townshipsOf(profile) : [];
  const within = (d: DeviceView) =>
    (d.townships ?? []).every((name) => kept.includes(name)) && d.villages.every((id) => scopeVillages.some((v) => v.id === id));
  const canRevoke = (d: DeviceView) =>
    kept.length > 0 && d.deviceId !== self?.deviceId && within(d) && !d.revocations?.some((r) => r.issuer === self?.deviceId);
  const issuerName = (r: NonNullable<DeviceView['revocations']>[number]) =>
    r.issuer === self?.deviceId ? t('revocation.self') : (r.issuerName ?? r.issuer.slice(0, 8));

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
                {d.revocations?.length ? <Tag color="red" data-testid={`revoked-${d.deviceId}`}>{t('revocation.revokedTag')}</Tag> : null}
                {d.revocations?.map((r) => (
                  <Typography.Text type="danger" style={{ display: 'block' }} key={r.issuer}>
                    {t('revocation.revokedBy', { issuer: issuerName(r), at: new Date(r.revokedAt).toLocaleString(language), reason: r.reason })}
                  </Typography.Text>
                ))}
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
          {
            key: 'actions',
            title: '',
            render: (_, d) =>
              canRevoke(d) ? (
                <Button danger size="small" title={t('revocation.actionHint')} onClick={() => setRevoking(d)} data-testid={`revoke-${d.deviceId}`}>
                  {t('revocation.action')}
                </Button>
              ) : null,
          },
        ]}
      />
      {revoking && <RevokeDialog device={revoking} onClose={() => setRevoking(null)} onRevoked={noteLedgerChange} />}
    </Card>
  );
}

/** Asks for a reason and says what revoking means before anything is signed. */
function RevokeDialog({ device, onClose, onRevoked }: { device: DeviceView; onClose: () => void; onRevoked: () => void }): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const blank = reason.trim().length === 0;
  const revoke = () => {
    setTried(true);
    if (blank) return;
    setBusy(true);
    api.devices
      .revoke({ deviceId: device.deviceId, reason: reason.trim() })
      .then(() => {
        void message.success(t('revocation.done', { name: device.name }));
        onRevoked();
        onClose();
      }, notifyError)
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      open
      title={t('revocation.confirmTitle', { name: device.name })}
      okText={t('revocation.ok')}
      cancelText={t('revocation.cancel')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={revoke}
      onCancel={onClose}
    >
      <Typography.Paragraph>{t('revocation.confirmBody')}</Typography.Paragraph>
      <Typography.Text strong>{t('revocation.reasonLabel')}</Typography.Text>
      <Input
        value={reason}
        maxLength={200}
        placeholder={t('revocation.reasonPlaceholder')}
        status={tried && blank ? 'error' : undefined}
        onChange={(e) => setReason(e.target.value)}
        data-testid="revoke-reason"
      />
      {tried && blank && <Typography.Text type="danger">{t('revocation.reasonRequired')}</Typography.Text>}
    </Modal>
  );
}
