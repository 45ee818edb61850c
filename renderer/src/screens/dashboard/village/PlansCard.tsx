// Plans under the township's duties (its order, then any duty since taken out of the set):
// planned against done per duty with its mean progress, and the completion of the period's
// year(s). A bar opens that duty's plans (the done bar, its done ones).
import { Card } from 'antd';
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { dutyLabel } from '../../../../../shared/domain/duties';
import { EChart } from '../../../charts/EChart';
import { ledgerRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { useAppStore } from '../../../store/useAppStore';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { barChartHeight, plansOption } from './charts';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';
import { percentOf, yearFilter } from './format';
import { yearsOf } from './periodParts';

export function PlansCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const { totals } = data;
  const span = yearsOf(data.from, data.to);
  const years = span.from === span.to ? t('dashboard.village.plans.year', { year: span.to }) : t('dashboard.village.plans.years', span);
  const option = useMemo(
    () =>
      plansOption(data.plansByDuty, {
        planned: t('dashboard.village.plans.planned'),
        done: t('dashboard.village.plans.done'),
        duty: (duty) => dutyLabel(duty, language),
        progress: (ratio) => `${Math.round(ratio * 100)}%`,
      }),
    [data.plansByDuty, t, language],
  );

  return (
    <Card size="small" title={t('dashboard.village.plans.title')} style={CARD_STYLE} data-testid="vd-plans">
      <Figure
        title={t('dashboard.village.plans.completion', { years })}
        value={percentOf(totals.planCompletion)}
        unit={t('dashboard.village.units.percent')}
        route={measureLink('planCompletion', scope)}
        testId="vd-planCompletion"
        hint={totals.plans > 0 ? t('dashboard.village.plans.counts', { done: totals.plansDone, plans: totals.plans }) : undefined}
      />
      {option === null ? (
        <EmptyHint text={t('dashboard.village.plans.empty', { years })} testId="vd-plans-empty" />
      ) : (
        <EChart
          option={option}
          height={barChartHeight(data.plansByDuty.length, 2)}
          label={t('dashboard.village.plans.chartLabel')}
          testId="vd-plans-chart"
          style={{ marginTop: 8 }}
          onClick={({ seriesIndex, dataIndex }) => {
            const duty = data.plansByDuty[dataIndex]?.duty;
            if (!duty) return;
            const filters = { ...yearFilter(data.from, data.to), duty, ...(seriesIndex === 1 ? { status: 'done' } : {}) };
            navigate(ledgerRoute('plans', { village: scope.village, filters }));
          }}
        />
      )}
    </Card>
  );
}
