// A village's operating funds under the yearly minimum (50,000 元) stand out in the table.
import { Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { MIN_OPERATING_FUNDS_FEN } from '../../../../shared/domain/ledgers/work';
import { formatFenAsYuan } from '../../../../shared/domain/money';
import type { LedgerRow } from '../viewTypes';

export function indicatorColumns(t: TFunction): TableColumnsType<LedgerRow> {
  return [
    {
      key: 'fundsCheck',
      title: t('ledgers.indicators.fundsCheck'),
      width: 150,
      render: (_: unknown, row: LedgerRow) => {
        const funds = row.operatingFundsFen;
        if (typeof funds !== 'number') return t('common.none');
        return funds < MIN_OPERATING_FUNDS_FEN ? (
          <Tag color="red" data-testid={`funds-short-${row.id}`}>
            {t('ledgers.indicators.fundsShort', { yuan: formatFenAsYuan(MIN_OPERATING_FUNDS_FEN).replace(/\.00$/, '') })}
          </Tag>
        ) : (
          <Tag color="green">{t('ledgers.indicators.fundsEnough')}</Tag>
        );
      },
    },
  ];
}
