// A plan's progress in its row: done / target (with the numbers and unit above the bar) when it has
// both numbers, computed, not typed; a plan without numbers shows its typed progress (status) only.
import { Progress, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { progressPercent } from '../../../../shared/domain/planProgress';
import type { LedgerRow } from '../viewTypes';

export function planProgressColumns(t: TFunction): TableColumnsType<LedgerRow> {
  return [
    {
      key: 'progress',
      title: t('plans.progress'),
      width: 150,
      render: (_: unknown, row: LedgerRow) => {
        const percent = progressPercent({ targetValue: row.targetValue, actualValue: row.actualValue });
        if (percent === null) {
          return (
            <Tooltip title={t('plans.progressTyped')}>
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            </Tooltip>
          );
        }
        const unit = typeof row.valueUnit === 'string' ? ` ${row.valueUnit}` : '';
        return (
          <Tooltip title={t('plans.progressComputed', { done: row.actualValue, target: row.targetValue, unit })}>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plans.progressNumbers', { done: row.actualValue, target: row.targetValue, unit })}
              </Typography.Text>
              <Progress
                percent={Math.min(100, percent)}
                format={() => `${percent}%`}
                size={[60, 6]}
                status={percent >= 100 ? 'success' : 'normal'}
                data-testid={`plan-progress-${row.id}`}
              />
            </div>
          </Tooltip>
        );
      },
    },
  ];
}
