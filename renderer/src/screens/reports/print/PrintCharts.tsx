// The charts of a report's print page, drawn by the dashboards' own option builders at sizes
// that fit an A4 landscape page: a monthly report's visits by month, plans by duty and project
// money; a summary's ranking of villages (or townships compared); a results sheet's headline.
import type { JSX } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dutyLabel } from '../../../../../shared/domain/duties';
import { formatFenAsWanYuan } from '../../../../../shared/domain/money';
import type { HeadlineFigure } from '../../../../../shared/domain/dashboard';
import type { ReportKind } from '../../../../../shared/domain/reports';
import { EChart, type ChartOption } from '../../../charts/EChart';
import { loose } from '../../../ledgers/labels';
import { useAppStore } from '../../../store/useAppStore';
import { compareHeight, compareOption } from '../../dashboard/district/compareOption';
import { formatMeasure } from '../../dashboard/township/measureColumns';
import { formatLine } from '../../dashboard/township/rag';
import { rankingHeight, rankingOption, rankItems } from '../../dashboard/township/ranking';
import { barChartHeight, plansOption, projectMoneyOption, visitsOption } from '../../dashboard/village/charts';
import { chartMonths, fillMonths } from '../../dashboard/village/periodParts';
import type { PrintFigures } from './printFigures';

/** Projects drawn on paper: the largest budgets. */
const PROJECTS_DRAWN = 8;

function Chart({ title, option, height, wide = false }: { title: string; option: ChartOption | null; height: number; wide?: boolean }): JSX.Element | null {
  if (!option) return null;
  return (
    <figure className={wide ? 'print-chart print-chart-wide' : 'print-chart'}>
      <figcaption>{title}</figcaption>
      <div data-print-chart="1">
        <EChart option={option} height={height} label={title} />
      </div>
    </figure>
  );
}

function Headline({ figures }: { figures: readonly HeadlineFigure[] }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="print-headline" data-testid="print-headline">
      {figures.map((figure) => (
        <div key={figure.key} className="print-figure">
          <div className="print-figure-label">{t(`dashboard.headline.${figure.key}.label`)}</div>
          <div className="print-figure-value">
            {figure.value === null ? t('dashboard.headline.unanswered') : `${figure.value} ${t(`dashboard.headline.${figure.key}.unit`)}`}
          </div>
          {figure.moneyFen !== null && <div className="print-figure-note">{t('dashboard.headline.money', { wan: formatFenAsWanYuan(figure.moneyFen) })}</div>}
        </div>
      ))}
    </div>
  );
}

function VillageCharts({ data }: { data: Extract<PrintFigures, { kind: 'village' }>['data'] }): JSX.Element {
  const { t } = useTranslation();
  const lang = useAppStore((s) => s.language);
  const options = useMemo(() => {
    const rows = fillMonths(data.visitsByMonth, chartMonths(data.from, data.to, data.referenceDay), { visits: 0, households: 0 });
    const oneYear = rows.length > 0 && rows[0]!.month.slice(0, 4) === rows[rows.length - 1]!.month.slice(0, 4);
    const money = { budget: t('dashboard.village.projects.budget'), received: t('dashboard.village.projects.received'), spent: t('dashboard.village.projects.spent') };
    return {
      visits: visitsOption(rows, {
        visits: t('dashboard.village.visits.seriesVisits'),
        households: t('dashboard.village.visits.seriesHouseholds'),
        month: (ym) => (oneYear ? t('dashboard.village.visits.monthOfYear', { month: Number(ym.slice(5, 7)) }) : t('dashboard.village.visits.yearMonth', { year: ym.slice(0, 4), month: ym.slice(5, 7) })),
      }),
      plans: plansOption(data.plansByDuty, { planned: t('dashboard.village.plans.planned'), done: t('dashboard.village.plans.done'), duty: (duty) => dutyLabel(duty, lang), progress: (ratio) => `${Math.round(ratio * 100)}%` }),
      money: projectMoneyOption(data.projectMoney.slice(0, PROJECTS_DRAWN), (p) => p.name, money),
    };
  }, [data, t, lang]);
  const projects = Math.min(PROJECTS_DRAWN, data.projectMoney.length);
  return (
    <>
      <Chart title={t('reports.print.visits')} option={options.visits} height={230} />
      <Chart title={t('reports.print.plans')} option={options.plans} height={Math.min(260, barChartHeight(data.plansByDuty.length, 2))} />
      <Chart title={t('reports.print.money')} option={options.money} height={Math.min(330, barChartHeight(projects, 3))} wide />
    </>
  );
}

function TownshipRanking({ figures }: { figures: Extract<PrintFigures, { kind: 'township' }> }): JSX.Element {
  const { t } = useTranslation();
  const lt = loose(t);
  const option = useMemo(() => {
    const ranked = rankItems(figures.data.rows.map((row) => ({ id: row.villageId, name: row.name, value: row.coverage })), 'coverage', figures.lines);
    return rankingOption(ranked, 'coverage', figures.lines, {
      value: (v) => formatMeasure(lt, 'coverage', v),
      rag: (rag) => lt(`dashboard.thresholds.rag.${rag}`),
      none: t('dashboard.township.rankingNone'),
      green: t('dashboard.thresholds.green'),
      red: t('dashboard.thresholds.red'),
      line: (v) => formatLine(lt, 'coverage', v),
    });
  }, [figures, lt, t]);
  return <Chart title={t('reports.print.ranking')} option={option} height={Math.min(420, rankingHeight(figures.data.rows.length))} wide />;
}

function DistrictCompare({ figures }: { figures: Extract<PrintFigures, { kind: 'district' }> }): JSX.Element {
  const { t } = useTranslation();
  const option = useMemo(() => compareOption(figures.data.rows, { measure: (key) => t(`dashboard.measures.${key}`), township: (row) => row.township }), [figures, t]);
  return <Chart title={t('reports.print.compare')} option={option} height={Math.min(460, compareHeight(figures.data.rows.length))} wide />;
}

export function PrintCharts({ report, figures }: { report: ReportKind; figures: PrintFigures }): JSX.Element | null {
  const { t } = useTranslation();
  if (figures.kind === 'none') return null;
  if (report === 'scorecard') {
    return (
      <section className="print-charts" data-testid="print-charts">
        <h2 className="print-caption">{t('reports.print.headline')}</h2>
        <Headline figures={figures.data.headline} />
      </section>
    );
  }
  return (
    <section className="print-charts" data-testid="print-charts">
      <div className="print-chart-grid">
        {figures.kind === 'village' && <VillageCharts data={figures.data} />}
        {figures.kind === 'township' && <TownshipRanking figures={figures} />}
        {figures.kind === 'district' && <DistrictCompare figures={figures} />}
      </div>
    </section>
  );
}
