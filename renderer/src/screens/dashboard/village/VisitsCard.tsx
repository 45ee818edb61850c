// Households visited in the period and their share of all households (each counted once however
// often visited), the number of visits, and visits month by month; a bar opens that month's visits.
import { Card, Col, Row, Typography } from 'antd';
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../charts/EChart';
import { ledgerRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { visitsOption } from './charts';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';
import { percentOf } from './format';
import { chartMonths, fillMonths, monthWithin } from './periodParts';

export function VisitsCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const { totals } = data;
  const rows = useMemo(
    () => fillMonths(data.visitsByMonth, chartMonths(data.from, data.to, data.referenceDay), { visits: 0, households: 0 }),
    [data.visitsByMonth, data.from, data.to, data.referenceDay],
  );
  const option = useMemo(() => {
    const oneYear = rows.length > 0 && rows[0]!.month.slice(0, 4) === rows[rows.length - 1]!.month.slice(0, 4);
    return visitsOption(rows, {
      visits: t('dashboard.village.visits.seriesVisits'),
      households: t('dashboard.village.visits.seriesHouseholds'),
      month: (ym) =>
        oneYear
          ? t('dashboard.village.visits.monthOfYear', { month: Number(ym.slice(5, 7)) })
          : t('dashboard.village.visits.yearMonth', { year: ym.slice(0, 4), month: ym.slice(5, 7) }),
    });
  }, [rows, t]);

  return (
    <Card size="small" title={t('dashboard.village.visits.title')} style={CARD_STYLE} data-testid="vd-visits">
      <Row gutter={[16, 8]}>
        <Col span={8}>
          <Figure
            title={t('dashboard.village.visits.visitedHouseholds')}
            value={totals.visitedHouseholds}
            unit={t('dashboard.village.units.households')}
            route={measureLink('visitedHouseholds', scope)}
            testId="vd-visitedHouseholds"
          />
        </Col>
        <Col span={8}>
          <Figure
            title={t('dashboard.village.visits.coverage')}
            value={percentOf(totals.coverage)}
            unit={t('dashboard.village.units.percent')}
            route={measureLink('coverage', scope)}
            testId="vd-coverage"
          />
        </Col>
        <Col span={8}>
          <Figure
            title={t('dashboard.village.visits.visits')}
            value={totals.visits}
            unit={t('dashboard.village.units.times')}
            route={measureLink('visits', scope)}
            testId="vd-visits-count"
          />
        </Col>
        {totals.households > 0 && (
          <Col span={24}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="vd-coverage-of">
              {t('dashboard.village.visits.coverageOf', { households: totals.households, visited: totals.visitedHouseholds })}
            </Typography.Text>
          </Col>
        )}
      </Row>
      {totals.households === 0 ? (
        <EmptyHint text={t('dashboard.village.visits.noHouseholds')} testId="vd-visits-empty" />
      ) : option === null ? (
        <EmptyHint text={t('dashboard.village.visits.empty')} testId="vd-visits-empty" />
      ) : (
        <EChart
          option={option}
          height={220}
          label={t('dashboard.village.visits.chartLabel', { from: data.from, to: data.to })}
          testId="vd-visits-chart"
          style={{ marginTop: 8 }}
          onClick={({ dataIndex }) => {
            const month = rows[dataIndex]?.month;
            if (month) navigate(ledgerRoute('visits', { village: scope.village, ...monthWithin(month, data.from, data.to) }));
          }}
        />
      )}
    </Card>
  );
}
