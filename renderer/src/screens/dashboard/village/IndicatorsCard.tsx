// The village's yearly indicators side by side: collective income and operating funds, with the
// 50,000 元 line operating funds must reach. A year with nothing entered says so (no bar, never
// a zero); several villages say how many fell under the line. A bar opens that year's indicators.
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_OPERATING_FUNDS_FEN } from '../../../../../shared/domain/ledgers/work';
import { EChart } from '../../../charts/EChart';
import { RAG_COLOURS } from '../../../charts/palette';
import { ledgerRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { CARD_STYLE, type CardProps } from './cardProps';
import { indicatorsOption } from './charts';
import { EmptyHint } from './EmptyHint';
import { fillYears } from './periodParts';

export function IndicatorsCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const rows = useMemo(() => fillYears(data.indicatorsByYear, Number(data.to.slice(0, 4))), [data.indicatorsByYear, data.to]);
  const oneVillage = data.villages.length === 1;
  const option = useMemo(
    () =>
      indicatorsOption(rows, oneVillage, MIN_OPERATING_FUNDS_FEN, {
        collectiveIncome: t('dashboard.village.indicators.collectiveIncome'),
        operatingFunds: t('dashboard.village.indicators.operatingFunds'),
        line: t('dashboard.village.indicators.line'),
        year: (year) => t('dashboard.village.plans.year', { year }),
      }),
    [rows, oneVillage, t],
  );
  const missing = rows.filter((row) => row.collectiveIncomeFen === null && row.operatingFundsFen === null).map((row) => row.year);
  const below = rows.filter((row) => row.belowFundsLine > 0);

  return (
    <Card size="small" title={t('dashboard.village.indicators.title')} style={CARD_STYLE} data-testid="vd-indicators">
      {option === null ? (
        <EmptyHint text={t('dashboard.village.indicators.empty')} testId="vd-indicators-empty" />
      ) : (
        <EChart
          option={option}
          height={220}
          label={t('dashboard.village.indicators.chartLabel')}
          testId="vd-indicators-chart"
          onClick={({ dataIndex }) => {
            const year = rows[dataIndex]?.year;
            if (year) navigate(ledgerRoute('indicators', { village: scope.village, filters: { year } }));
          }}
        />
      )}
      {below.map((row) => (
        <Typography.Text key={row.year} style={{ display: 'block', fontSize: 12, color: RAG_COLOURS.red }} data-testid={`vd-below-${row.year}`}>
          <ExclamationCircleOutlined aria-hidden />{' '}
          {oneVillage
            ? t('dashboard.village.indicators.belowOne', { year: row.year })
            : t('dashboard.village.indicators.below', { year: row.year, count: row.belowFundsLine })}
        </Typography.Text>
      ))}
      {option !== null && missing.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('dashboard.village.indicators.missing', { years: missing.join(t('dashboard.listSeparator')) })}
        </Typography.Text>
      )}
    </Card>
  );
}
