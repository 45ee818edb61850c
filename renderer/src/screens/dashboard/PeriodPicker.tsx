// The period every figure on the screen is for: this month, last month, this or last quarter,
// this year, the term to date, or two days picked; kept for this person between runs.
import { DatePicker, Flex, Select, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, type Period, type PeriodKind } from '../../../../shared/domain/period';
import { dayToIso, isoToDay } from '../../ledgers/convert';
import { useAppStore } from '../../store/useAppStore';

export function PeriodPicker({ period }: { period: Period }): JSX.Element {
  const { t } = useTranslation();
  const choice = useAppStore((s) => s.periodChoice);
  const setChoice = useAppStore((s) => s.setPeriodChoice);

  function pick(kind: PeriodKind): void {
    setChoice(kind === 'custom' ? { kind, from: period.from, to: period.to } : { kind });
  }

  return (
    <Flex gap={8} align="center" wrap data-testid="period-picker">
      <Typography.Text type="secondary">{t('dashboard.period.label')}</Typography.Text>
      <Select
        aria-label={t('dashboard.period.label')}
        data-testid="period-kind"
        value={choice.kind}
        onChange={pick}
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`dashboard.period.${kind}`) }))}
        style={{ width: 130 }}
      />
      {choice.kind === 'custom' ? (
        <DatePicker.RangePicker
          aria-label={t('dashboard.period.custom')}
          data-testid="period-range"
          allowClear={false}
          value={[isoToDay(period.from) ?? null, isoToDay(period.to) ?? null]}
          onChange={(range) => {
            const from = dayToIso(range?.[0]);
            const to = dayToIso(range?.[1]);
            if (from && to) setChoice({ kind: 'custom', from, to });
          }}
        />
      ) : (
        <Typography.Text data-testid="period-days">{t('dashboard.period.days', { from: period.from, to: period.to })}</Typography.Text>
      )}
    </Flex>
  );
}
