// Days in the village in a chosen month (this one unless another is picked) against the
// township's threshold, counted as the township's rules count them: diary days marked 在村 plus
// days of approved leave. The figures come from the village dashboard over that month, so the
// screen and the dashboards agree. With several villages and none chosen it asks for one.
import { Card, DatePicker, Flex, Progress, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { todayIso } from '../display';

/** The month a day is in, as the first and last ISO days. */
export function monthOf(day: string): { from: string; to: string; month: string } {
  const last = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();
  return { from: `${day.slice(0, 8)}01`, to: `${day.slice(0, 8)}${String(last).padStart(2, '0')}`, month: day.slice(0, 7) };
}

interface Counted {
  present: number;
  leave: number;
  threshold: number;
}

export function DiaryMonthProgress(): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { villageId, villages, changes } = useAppStore(
    useShallow((s) => ({ villageId: s.ledgerVillageId, villages: s.scopeVillages, changes: s.ledgerChanges })),
  );
  const village = villageId ?? (villages.length === 1 ? villages[0]!.id : null);
  const today = todayIso();
  const [chosen, setChosen] = useState(today);
  const { from, to, month } = monthOf(chosen);
  const [counted, setCounted] = useState<Counted | null>(null);

  useEffect(() => {
    if (!village) return;
    let live = true;
    api.dashboard
      .village({ villageId: village, from, to })
      .then((figures) => live && setCounted({ present: figures.totals.presenceMonthDays, leave: figures.totals.leaveMonthDays, threshold: figures.presenceThreshold }))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [village, from, to, changes, notifyError]);

  const name = villages.find((v) => v.id === village)?.name ?? '';
  const present = counted?.present ?? 0;
  const leave = counted?.leave ?? 0;
  const days = present + leave;
  const threshold = counted?.threshold ?? 0;
  const short = counted !== null && days < threshold;
  const picker = (
    <DatePicker
      picker="month"
      allowClear={false}
      aria-label={t('navigation.days.month')}
      value={dayjs(`${month}-01`)}
      disabledDate={(d: Dayjs) => d.format('YYYY-MM') > today.slice(0, 7)}
      onChange={(d: Dayjs | null) => d && setChosen(d.format('YYYY-MM-DD'))}
      data-testid="diary-month-picker"
      style={{ width: 130 }}
    />
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="diary-month">
      {village ? (
        <>
          <Flex gap={16} align="center" wrap>
            {picker}
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {t('ledgers.diary.monthDays', { month, village: name })}
            </Typography.Text>
            <Progress
              percent={threshold > 0 ? Math.min(100, Math.round((days / threshold) * 100)) : 0}
              status={short ? 'active' : 'success'}
              format={() => t('ledgers.diary.daysOf', { days, threshold })}
              style={{ flex: 1, minWidth: 200, margin: 0 }}
            />
            <Typography.Text type={short ? 'warning' : 'success'} style={{ whiteSpace: 'nowrap' }} data-testid="diary-month-verdict">
              {counted === null ? '' : short ? t('ledgers.diary.short', { days: threshold - days }) : t('ledgers.diary.enough')}
            </Typography.Text>
          </Flex>
          <Typography.Text style={{ display: 'block', marginTop: 6 }} data-testid="diary-month-counted">
            {t('navigation.days.counted', { present, leave, days })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="diary-month-rule">
            {t('navigation.days.rule', { threshold })}
          </Typography.Text>
        </>
      ) : (
        <Typography.Text type="secondary">{t('ledgers.diary.pickVillage')}</Typography.Text>
      )}
    </Card>
  );
}
