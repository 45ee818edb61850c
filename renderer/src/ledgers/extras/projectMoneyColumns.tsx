// The projects list shows each project's money beside it: what arrived, what was spent and the
// balance after its budget, and ahead of the name a flag when spending passed the budget or what
// arrived. The figures are counted by SQL in the main process (money.list), one call a page.
import { Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ProjectMoneyRow } from '../../../../shared/domain/ledgers/projectMoney';
import { formatFenAsYuan } from '../../../../shared/domain/money';
import { api } from '../../api';
import type { LedgerRow } from '../viewTypes';
import type { RowData } from './useRowData';

export async function loadProjectMoney(rows: readonly LedgerRow[]): Promise<RowData> {
  const { items } = await api.money.list({ ids: rows.map((row) => row.id) });
  return Object.fromEntries(items.map((item) => [item.projectId, item]));
}

const moneyOf = (data: RowData | undefined, row: LedgerRow) => data?.[row.id] as ProjectMoneyRow | undefined;

export function projectFlagColumns(t: TFunction, _lang: unknown, data?: RowData): TableColumnsType<LedgerRow> {
  return [
    {
      key: 'moneyFlags',
      title: t('entry.moneyFlags'),
      width: 110,
      render: (_: unknown, row: LedgerRow) => {
        const money = moneyOf(data, row);
        if (!money) return null;
        if (!money.overBudget && !money.overspent) return <Tag color="green">{t('entry.moneyOk')}</Tag>;
        return (
          <span data-testid={`project-flags-${row.id}`}>
            {money.overBudget && (
              <Tooltip title={t('entry.overBudgetHint')}>
                <Tag color="red">{t('entry.overBudget')}</Tag>
              </Tooltip>
            )}
            {money.overspent && (
              <Tooltip title={t('entry.overspentHint')}>
                <Tag color="orange">{t('entry.overspent')}</Tag>
              </Tooltip>
            )}
          </span>
        );
      },
    },
  ];
}

export function projectMoneyColumns(t: TFunction, _lang: unknown, data?: RowData): TableColumnsType<LedgerRow> {
  const figure = (key: 'receivedFen' | 'spentFen' | 'balanceFen', title: string) => ({
    key,
    title: `${title}${t('ledgers.yuanUnit')}`,
    width: 120,
    align: 'right' as const,
    render: (_: unknown, row: LedgerRow) => {
      const money = moneyOf(data, row);
      if (!money) return null;
      const red = key === 'balanceFen' ? money.balanceFen < 0 : key === 'spentFen' && (money.overBudget || money.overspent);
      return (
        <span className="mono" style={red ? { color: '#cf1322' } : undefined} data-testid={`project-${key}-${row.id}`}>
          {formatFenAsYuan(money[key])}
        </span>
      );
    },
  });
  return [figure('receivedFen', t('ledgers.projects.received')), figure('spentFen', t('ledgers.projects.spent')), figure('balanceFen', t('ledgers.projects.balance'))];
}
