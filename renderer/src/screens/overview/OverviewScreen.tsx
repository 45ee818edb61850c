// The first screen after setup: who this is, how many villages the ledgers hold, and the
// facts about this device a person may be asked for (fingerprint, folders, versions).
import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ROLE_LABELS, townshipsOf } from '../../../../shared/domain/device';
import { labelOf } from '../../../../shared/domain/labels';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { DeviceCard } from './DeviceCard';
import { BackupsCard } from '../backups/BackupsCard';
import { townshipsText } from '../../shell/townshipsText';
import { SettingsCard } from './SettingsCard';

/** Names, not just numbers, sit in these figures: a size that fits 镇街协调员 on one line. */
const STAT_STYLES = { content: { fontSize: 22 } };

export function OverviewScreen({ onOpenVillages }: { onOpenVillages: () => void }): JSX.Element | null {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { profile, language, villageCount, countVillages } = useAppStore(
    useShallow((s) => ({ profile: s.profile, language: s.language, villageCount: s.villageCount, countVillages: s.countVillages })),
  );

  useEffect(() => {
    countVillages().catch(notifyError);
  }, [countVillages, notifyError]);

  if (!profile) return null;
  const role = labelOf(ROLE_LABELS, profile.role, language);

  return (
    <div data-testid="overview">
      {profile.demo && (
        <Alert type="warning" showIcon title={t('overview.demoNotice')} description={t('overview.demoNoticeBody')} style={{ marginBottom: 16 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('overview.greeting', { name: profile.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('overview.subtitle', { unit: profile.unit, role })}</Typography.Paragraph>
        <Row gutter={[24, 16]}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('overview.villageCount')}
              value={villageCount ?? '—'}
              suffix={t('overview.villageUnit')}
              loading={villageCount === null}
              styles={STAT_STYLES}
              data-testid="overview-village-count"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('overview.role')} value={role} styles={STAT_STYLES} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t(profile.townships ? 'overview.townships' : 'overview.township')}
              value={townshipsText(t, townshipsOf(profile))}
              styles={STAT_STYLES}
              data-testid="overview-townships"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('overview.county')} value={profile.county ?? t('common.none')} styles={STAT_STYLES} />
          </Col>
        </Row>
        <Button type="primary" ghost icon={<ArrowRightOutlined />} iconPlacement="end" onClick={onOpenVillages} style={{ marginTop: 16 }}>
          {t('overview.goVillages')}
        </Button>
      </Card>
      <SettingsCard />
      <DeviceCard />
      <BackupsCard />
    </div>
  );
}
