// The 防返贫 procedure clock: days from the home check to the county's decision (or to today
// while it is open), out of the 15 the procedure allows; red when past them.
import { Progress } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { MONITORING_LIMIT_DAYS } from '../../../../shared/domain/ledgers/days';
import { procedureDays, todayIso } from '../display';
import type { LedgerRow } from '../viewTypes';

export function monitoringColumns(t: TFunction): TableColumnsType<LedgerRow> {
  const today = todayIso();
  return [
    {
      key: 'clock',
      title: t('ledgers.monitoring.clock'),
      width: 170,
      render: (_: unknown, row: LedgerRow) => {
        const days = procedureDays(row, today);
        if (days === null) return t('common.none');
        const over = days > MONITORING_LIMIT_DAYS;
        return (
          <Progress
            data-testid={`monitoring-clock-${row.id}`}
            size="small"
            percent={Math.min(100, Math.round((days / MONITORING_LIMIT_DAYS) * 100))}
            status={over ? 'exception' : row.countyDecisionDate ? 'success' : 'active'}
            format={() => t('ledgers.monitoring.clockValue', { days, limit: MONITORING_LIMIT_DAYS })}
          />
        );
      },
    },
  ];
}
