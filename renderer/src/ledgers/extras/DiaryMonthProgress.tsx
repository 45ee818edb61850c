// Days in the village this month (diary days marked 在村) against the township's threshold,
// for the village on show; with several villages and none chosen it asks for one.
import { Card, Flex, Progress, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { ledgerApi } from '../ledgerApi';
import { monthRange } from './monthRange';
import { usePresenceThreshold } from './usePresenceThreshold';

export function DiaryMonthProgress(): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { villageId, villages, changes } = useAppStore(
    useShallow((s) => ({ villageId: s.ledgerVillageId, villages: s.scopeVillages, changes: s.ledgerChanges })),
  );
  const village = villageId ?? (villages.length === 1 ? villages[0]!.id : null);
  const [days, setDays] = useState<number | null>(null);
  const threshold = usePresenceThreshold();
  const { from, to, month } = monthRange(new Date());

  useEffect(() => {
    if (!village) return;
    let live = true;
    ledgerApi('diary')
      .list({ villageId: village, filters: { presence: 'in_village' }, from, to, offset: 0, limit: 1 })
      .then((page) => live && setDays(page.total))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [village, from, to, changes, notifyError]);

  const name = villages.find((v) => v.id === village)?.name ?? '';
  const short = days !== null && days < threshold;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="diary-month">
      {village ? (
        <Flex gap={16} align="center">
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
            {t('ledgers.diary.monthDays', { month, village: name })}
          </Typography.Text>
          <Progress
            percent={Math.min(100, Math.round(((days ?? 0) / threshold) * 100))}
            status={short ? 'active' : 'success'}
            format={() => t('ledgers.diary.daysOf', { days: days ?? 0, threshold: threshold })}
            style={{ flex: 1, margin: 0 }}
          />
          <Typography.Text type={short ? 'warning' : 'success'} style={{ whiteSpace: 'nowrap' }}>
            {short ? t('ledgers.diary.short', { days: threshold - (days ?? 0) }) : t('ledgers.diary.enough')}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('ledgers.diary.pickVillage')}</Typography.Text>
      )}
    </Card>
  );
}
