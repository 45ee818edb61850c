// This device's identity and where its data lives: what support, or a coordinator checking
// a fingerprint, will ask for.
import { Card, Descriptions, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { UNIT_LEVEL_LABELS } from '../../../../shared/domain/device';
import { labelOf } from '../../../../shared/domain/labels';
import { useAppStore } from '../../store/useAppStore';

export function DeviceCard(): JSX.Element | null {
  const { t } = useTranslation();
  const { profile, appInfo, language } = useAppStore(useShallow((s) => ({ profile: s.profile, appInfo: s.appInfo, language: s.language })));
  if (!profile) return null;
  const copyable = { tooltips: [t('common.copy'), t('common.copied')] };
  return (
    <Card title={t('overview.device')} data-testid="device-card">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 160 } }}
        items={[
          { key: 'unitLevel', label: t('overview.unitLevel'), children: labelOf(UNIT_LEVEL_LABELS, profile.unitLevel, language) },
          {
            key: 'deviceId',
            label: t('overview.deviceId'),
            children: (
              <Typography.Text className="mono" copyable={copyable} data-testid="device-id">
                {profile.deviceId}
              </Typography.Text>
            ),
          },
          {
            key: 'keyFingerprint',
            label: t('overview.keyFingerprint'),
            children: (
              <div>
                <Typography.Text className="mono" copyable={copyable} data-testid="key-fingerprint">
                  {profile.keyFingerprint}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('overview.keyFingerprintHint')}</Typography.Text>
              </div>
            ),
          },
          ...(appInfo
            ? [
                {
                  key: 'dataDir',
                  label: t('overview.dataDir'),
                  children: (
                    <Typography.Text className="mono" copyable={copyable} data-testid="data-dir">
                      {appInfo.dataDir}
                    </Typography.Text>
                  ),
                },
                { key: 'databaseFile', label: t('overview.databaseFile'), children: <span className="mono">{appInfo.databaseFile}</span> },
                { key: 'version', label: t('overview.version'), children: appInfo.version },
                { key: 'schemaVersion', label: t('overview.schemaVersion'), children: appInfo.schemaVersion },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
