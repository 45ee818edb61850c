// One device a refused file comes from: who it says it is, and its key fingerprint in large
// type, to be read out and checked with its owner before it is trusted.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Space, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { keepsWholeTownships, ROLE_LABELS, role as roleSchema } from '../../../../shared/domain/device';
import { labelOf } from '../../../../shared/domain/labels';
import type { ImportReceiptView } from '../../../../shared/domain/sync';
import { api } from '../../api';
import { useFormIssues } from '../../forms/useFormIssues';
import { townshipsText } from '../../shell/townshipsText';
import { useAppStore } from '../../store/useAppStore';

export type OfferedDevice = NonNullable<ImportReceiptView['refusal']>['devices'][number];

export function TrustCard({ device, onTrusted, onDismiss }: { device: OfferedDevice; onTrusted: (name: string) => void; onDismiss: () => void }): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const [form] = Form.useForm();
  const { handleError } = useFormIssues(form);
  const [busy, setBusy] = useState(false);
  const role = roleSchema.safeParse(device.role);
  const townships = device.townships ?? (device.township ? [device.township] : []);
  const name = device.name ?? t('sync.trust.unnamed');
  const canTrust = device.publicKey !== null && role.success && device.name !== null;

  async function trust(): Promise<void> {
    if (!device.publicKey || !role.success || !device.name) return;
    setBusy(true);
    try {
      await api.devices.trust({
        deviceId: device.deviceId,
        publicKey: device.publicKey,
        name: device.name,
        role: role.data,
        villages: device.villages.map((v) => v.id),
        // A coordinator or district is trusted for whole townships; a secretary for the villages listed.
        ...(keepsWholeTownships(role.data) && townships.length > 1 ? { townships } : {}),
        ...(keepsWholeTownships(role.data) && townships.length === 1 ? { township: townships[0] } : {}),
      });
      onTrusted(name);
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('sync.trust.title')}
        </Space>
      }
      style={{ marginTop: 12, borderColor: '#faad14' }}
      data-testid={`trust-card-${device.deviceId}`}
    >
      <Typography.Paragraph type="secondary">{t('sync.trust.hint')}</Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'name', label: t('sync.trust.name'), children: name },
          { key: 'role', label: t('sync.trust.role'), children: role.success ? labelOf(ROLE_LABELS, role.data, language) : (device.role ?? t('common.none')) },
          { key: 'township', label: t('sync.trust.township'), children: townships.length ? townshipsText(t, townships) : t('common.none') },
          {
            key: 'villages',
            label: t('sync.trust.villages'),
            children: device.villages.length > 0 ? device.villages.map((v) => v.name || v.id).join('、') : t('common.none'),
          },
          { key: 'deviceId', label: t('sync.trust.deviceId'), children: <span className="mono">{device.deviceId}</span> },
          ...(device.vouchedBy
            ? [{ key: 'vouchedBy', label: t('sync.trust.vouchedBy'), children: device.vouchedBy.name ?? <span className="mono">{device.vouchedBy.deviceId}</span> }]
            : []),
        ]}
      />
      {/* Trusting the voucher brings this device (and the others it vouches for) along. */}
      {device.vouchedBy && (
        <Alert
          type="info"
          showIcon
          title={t('sync.trust.vouchedByHint', { name: device.vouchedBy.name ?? device.vouchedBy.deviceId })}
          style={{ marginBottom: 12 }}
          data-testid={`trust-vouched-by-${device.deviceId}`}
        />
      )}
      <div style={{ margin: '12px 0' }}>
        <Typography.Text type="secondary">{t('sync.trust.fingerprint')}</Typography.Text>
        <div className="mono sync-fingerprint" data-testid="trust-fingerprint">
          {device.fingerprint ?? t('common.none')}
        </div>
      </div>
      {/* The form only carries the main process's field errors to a notification. */}
      <Form form={form} component={false} />
      {!canTrust && <Alert type="warning" showIcon title={t('sync.trust.noKey')} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" loading={busy} disabled={!canTrust} onClick={() => void trust()} data-testid="trust-device">
          {t('sync.trust.trust')}
        </Button>
        <Button onClick={onDismiss} data-testid="trust-dismiss">
          {t('sync.trust.notNow')}
        </Button>
      </Space>
    </Card>
  );
}
