// The tables of figures: the summary of villages (镇街汇总表; a district's grouped by township with
// subtotals), the results sheet (工作成绩单), the monthly overview and plan progress by duty.
// Every figure is the dashboards' own (db/dashboard), never counted again here: one source of
// figures for the screen and the file.
import { dutyLabel } from '../../../shared/domain/duties';
import { withRatios, type Measures, type HeadlineFigure } from '../../../shared/domain/dashboard';
import type { CellValue, ColumnType } from '../../../shared/domain/reports';
import { formatCell } from '../../../shared/domain/reportCells';
import { districtDashboard, townshipDashboard, villageDashboard, villageMeasures } from '../../../db/dashboard/index';
import { col, withTotals, type ColumnDef, type ReportRow, type TableDef } from './model';
import type { ReportSource } from './source';
import { wordsOf } from './words';

type MeasureKey = keyof Measures;

function measureColumns(refMonth: string): Record<MeasureKey, ColumnDef> {
  const c = (key: MeasureKey, zh: string, en: string, type: ColumnType, width = 9) => col(key, zh, en, type, width);
  return {
    households: c('households', '农户数', 'Households', 'integer', 8),
    visitedHouseholds: c('visitedHouseholds', '走访户数', 'Households visited', 'integer'),
    visits: c('visits', '走访次数', 'Visits', 'integer'),
    coverage: c('coverage', '走访覆盖率', 'Coverage', 'percent', 10),
    needsRaised: c('needsRaised', '诉求提出', 'Needs raised', 'integer'),
    needsSolved: c('needsSolved', '诉求办结', 'Needs solved', 'integer'),
    needsOpen: c('needsOpen', '诉求未办结', 'Needs open', 'integer', 10),
    needsOverdue: c('needsOverdue', '诉求逾期', 'Needs overdue', 'integer'),
    plans: c('plans', '帮扶计划', 'Plans', 'integer'),
    plansDone: c('plansDone', '计划完成', 'Plans done', 'integer'),
    planCompletion: c('planCompletion', '计划完成率', 'Plan completion', 'percent', 10),
    presenceMonthDays: c('presenceMonthDays', `${refMonth}在村天数`, `Days in village ${refMonth}`, 'decimal', 12),
    presenceYearDays: c('presenceYearDays', '本年在村天数', 'Days in village this year', 'decimal', 12),
    leaveMonthDays: c('leaveMonthDays', `${refMonth}请假天数`, `Leave days ${refMonth}`, 'decimal', 12),
    leaveYearDays: c('leaveYearDays', '本年请假天数', 'Leave days this year', 'decimal', 12),
    diaryMonthEntries: c('diaryMonthEntries', `${refMonth}民情日记`, `Diary entries ${refMonth}`, 'decimal', 12),
    projects: c('projects', '项目数', 'Projects', 'integer', 8),
    budgetFen: c('budgetFen', '预算（万元）', 'Budget (10k yuan)', 'wanYuan', 11),
    receivedFen: c('receivedFen', '到位（万元）', 'Received (10k yuan)', 'wanYuan', 11),
    spentFen: c('spentFen', '支出（万元）', 'Spent (10k yuan)', 'wanYuan', 11),
    spentRatio: c('spentRatio', '资金支出率', 'Spent share', 'percent', 10),
    commitments: c('commitments', '公开承诺', 'Commitments', 'integer'),
    commitmentsDone: c('commitmentsDone', '承诺兑现', 'Fulfilled', 'integer'),
    commitmentsOverdue: c('commitmentsOverdue', '承诺逾期', 'Overdue', 'integer'),
    monitored: c('monitored', '监测户', 'Monitored', 'integer', 8),
    monitoringOverdue: c('monitoringOverdue', '监测逾期', 'Monitoring overdue', 'integer'),
  };
}

/** The summary's measures, in the order a township's form lists them. */
export const SUMMARY_MEASURES: readonly MeasureKey[] = [
  'households', 'visitedHouseholds', 'visits', 'coverage', 'needsRaised', 'needsSolved', 'needsOpen', 'needsOverdue', 'plans', 'plansDone',
  'planCompletion', 'presenceMonthDays', 'leaveMonthDays', 'projects', 'budgetFen', 'receivedFen', 'spentFen', 'spentRatio', 'commitments',
  'commitmentsDone', 'commitmentsOverdue', 'monitored', 'monitoringOverdue',
];
/** The visits-and-needs report's overview. */
export const VISIT_MEASURES: readonly MeasureKey[] = ['households', 'visitedHouseholds', 'visits', 'coverage', 'needsRaised', 'needsSolved', 'needsOpen', 'needsOverdue'];

/**
 * One row per village with the measures side by side and a totals row; a district's villages
 * grouped by township, each group closed by its subtotal. Subtotals and totals are the
 * dashboards' sums (days in the village: the mean per village).
 */
export function measuresTable(source: ReportSource, keys: readonly MeasureKey[], names: { key: string; sheet: [string, string]; caption: [string, string] }): TableDef {
  const { sqlite, query, scope, threshold } = source;
  const lang = source.request.language;
  const w = wordsOf(lang);
  const refMonth = source.p.refDay.slice(0, 7);
  const byKey = measureColumns(refMonth);
  const district = scope.level === 'district';
  const places = district
    ? [col('township', '乡镇（街道）', 'Township', 'text', 12), col('village', '村', 'Village', 'text', 12)]
    : [col('village', '村', 'Village', 'text', 12)];
  const columns = [...places, col('secretary', '第一书记', 'First secretary', 'text', 10), ...keys.map((k) => byKey[k])];
  const figures = (m: Measures) => keys.map((k) => m[k] as CellValue);
  const shared = { presenceThreshold: threshold };

  let rows: ReportRow[];
  if (!district) {
    const dash = townshipDashboard(sqlite, query, scope.name, shared);
    rows = [
      ...dash.rows.map((r): ReportRow => ({ kind: 'data', cells: [r.name, r.secretary, ...figures(r)] })),
      { kind: 'total', cells: [w.total, null, ...figures(dash.totals)] },
    ];
  } else {
    const dash = districtDashboard(sqlite, query, shared);
    const villages = villageMeasures(sqlite, query).map((r) => withRatios(r));
    rows = [];
    for (const township of dash.rows) {
      for (const r of villages.filter((v) => (v.township ?? '') === township.township)) rows.push({ kind: 'data', cells: [township.township, r.name, r.secretary, ...figures(r)] });
      rows.push({ kind: 'subtotal', cells: [township.township, w.subtotal, null, ...figures(township)] });
    }
    rows.push({ kind: 'total', cells: [w.total, null, null, ...figures(dash.totals)] });
  }
  const hasDays = keys.some((k) => k.startsWith('presence') || k.startsWith('leave'));
  const caption = lang === 'zh-CN' ? names.caption[0] : names.caption[1];
  return {
    key: names.key,
    sheetName: lang === 'zh-CN' ? names.sheet[0] : names.sheet[1],
    caption: hasDays ? `${caption}${w.separator}${w.meanNote}` : caption,
    columns,
    estimate: rows.length,
    rows: () => rows,
  };
}

const HEADLINE_WORDS: Record<HeadlineFigure['key'], { zh: string; en: string; unitZh: string; unitEn: string }> = {
  visitedHouseholds: { zh: '走访群众', en: 'Households visited', unitZh: '户', unitEn: 'households' },
  reserveCadres: { zh: '培养后备干部', en: 'Reserve cadres trained', unitZh: '名', unitEn: 'people' },
  venuesRebuilt: { zh: '改扩建村活动场所', en: 'Village venues built or rebuilt', unitZh: '处', unitEn: 'venues' },
  plans: { zh: '制定帮扶计划', en: 'Assistance plans made', unitZh: '个', unitEn: 'plans' },
  projectsIntroduced: { zh: '引进项目', en: 'Projects brought in', unitZh: '个', unitEn: 'projects' },
  commitments: { zh: '公开承诺', en: 'Public commitments', unitZh: '项', unitEn: 'commitments' },
  needsSolved: { zh: '解决诉求', en: 'Needs solved', unitZh: '件', unitEn: 'needs' },
};

function basisText(f: HeadlineFigure, zh: boolean): string {
  const missing = f.missingVillages.join(zh ? '、' : ', ');
  switch (f.basis) {
    case 'counted':
      return zh ? '按台账记录统计' : 'Counted from the records';
    case 'reported':
      return zh ? '按各村填报的村情指标' : 'As entered on the yearly indicators';
    case 'partial':
      return zh ? `按村情指标填报；未填报：${missing}` : `As entered on the yearly indicators; not entered by: ${missing}`;
    default:
      return zh ? `台账中没有这项数据（未填报：${missing}）` : `Nothing in the ledgers answers it (not entered by: ${missing})`;
  }
}

/** 工作成绩单: the headline figures in the words a district reports them, with what stands behind each. */
export function scorecardTable(source: ReportSource): TableDef {
  const lang = source.request.language;
  const zh = lang === 'zh-CN';
  const dash = townshipDashboard(source.sqlite, source.query, source.scope.name, { presenceThreshold: source.threshold });
  const columns = [
    col('n', '序号', 'No.', 'integer', 6),
    col('item', '指标', 'Figure', 'text', 18),
    col('value', '数量', 'Number', 'integer', 10),
    col('unit', '单位', 'Unit', 'text', 8),
    col('moneyFen', '资金（万元）', 'Money (10k yuan)', 'wanYuan', 12),
    col('phrase', '表述', 'As reported', 'text', 36),
    col('basis', '依据', 'Basis', 'text', 40),
  ];
  const rows: ReportRow[] = dash.headline.map((f, i) => {
    const words = HEADLINE_WORDS[f.key];
    const unit = zh ? words.unitZh : words.unitEn;
    const number = f.value === null ? '—' : formatCell('integer', f.value, lang);
    const money = f.moneyFen === null ? '' : zh ? `，到位资金 ${formatCell('wanYuan', f.moneyFen, lang)} 万元` : `, ${formatCell('wanYuan', f.moneyFen, lang)} ×10k yuan received`;
    const phrase = zh ? `${words.zh} ${number} ${unit}${money}` : `${words.en}: ${number}${money}`;
    return { kind: 'data', cells: [i + 1, zh ? words.zh : words.en, f.value, unit, f.moneyFen, phrase, basisText(f, zh)] };
  });
  return {
    key: 'scorecard',
    sheetName: zh ? '工作成绩单' : 'Results',
    caption: zh ? '主要工作成绩（金额单位：万元）' : 'Headline figures (money in 10,000 yuan)',
    columns,
    estimate: rows.length,
    rows: () => rows,
  };
}

/** The monthly report's first sheet: one village's figures, one per line, each with its unit. */
export function overviewTable(source: ReportSource): { table: TableDef; duties: TableDef } {
  const lang = source.request.language;
  const zh = lang === 'zh-CN';
  const dash = villageDashboard(source.sqlite, source.query, { presenceThreshold: source.threshold, duties: source.duties });
  const t = dash.totals;
  const month = source.p.refDay.slice(0, 7);
  const line = (group: [string, string], item: [string, string], value: number | null, type: ColumnType, unit: [string, string]): ReportRow => ({
    kind: 'data',
    cells: [zh ? group[0] : group[1], zh ? item[0] : item[1], value, zh ? unit[0] : unit[1]],
    types: [undefined, undefined, type, undefined],
  });
  const days: [string, string] = ['天', 'days'];
  const count = (zhUnit: string, enUnit: string): [string, string] => [zhUnit, enUnit];
  const wan: [string, string] = ['万元', '10k yuan'];
  const rows: ReportRow[] = [
    line(['驻村', 'Presence'], [`${month} 在村天数`, `Days in the village, ${month}`], t.presenceMonthDays, 'decimal', days),
    line(['驻村', 'Presence'], ['每月应在村天数', 'Days required a month'], source.threshold, 'integer', days),
    line(['驻村', 'Presence'], [`${month} 请假天数`, `Leave days, ${month}`], t.leaveMonthDays, 'decimal', days),
    line(['驻村', 'Presence'], [`${month} 民情日记`, `Diary entries, ${month}`], t.diaryMonthEntries, 'decimal', count('篇', 'entries')),
    line(['走访', 'Visits'], ['走访次数', 'Visits'], t.visits, 'integer', count('次', 'visits')),
    line(['走访', 'Visits'], ['走访户数', 'Households visited'], t.visitedHouseholds, 'integer', count('户', 'households')),
    line(['走访', 'Visits'], ['农户总数', 'Households'], t.households, 'integer', count('户', 'households')),
    line(['走访', 'Visits'], ['走访覆盖率', 'Coverage'], t.coverage, 'percent', ['', '']),
    line(['诉求', 'Needs'], ['提出诉求', 'Needs raised'], t.needsRaised, 'integer', count('件', 'needs')),
    line(['诉求', 'Needs'], ['办结诉求', 'Needs solved'], t.needsSolved, 'integer', count('件', 'needs')),
    line(['诉求', 'Needs'], ['未办结', 'Still open'], t.needsOpen, 'integer', count('件', 'needs')),
    line(['诉求', 'Needs'], ['其中逾期', 'Of which overdue'], t.needsOverdue, 'integer', count('件', 'needs')),
    line(['帮扶计划', 'Plans'], ['计划数', 'Plans'], t.plans, 'integer', count('个', 'plans')),
    line(['帮扶计划', 'Plans'], ['已完成', 'Done'], t.plansDone, 'integer', count('个', 'plans')),
    line(['帮扶计划', 'Plans'], ['完成率', 'Completion'], t.planCompletion, 'percent', ['', '']),
    line(['项目资金', 'Projects'], ['项目数', 'Projects'], t.projects, 'integer', count('个', 'projects')),
    line(['项目资金', 'Projects'], ['预算', 'Budget'], t.budgetFen, 'wanYuan', wan),
    line(['项目资金', 'Projects'], ['到位资金', 'Received'], t.receivedFen, 'wanYuan', wan),
    line(['项目资金', 'Projects'], ['支出资金', 'Spent'], t.spentFen, 'wanYuan', wan),
    line(['项目资金', 'Projects'], ['资金支出率', 'Spent share'], t.spentRatio, 'percent', ['', '']),
    line(['公开承诺', 'Commitments'], ['承诺事项', 'Commitments'], t.commitments, 'integer', count('项', 'commitments')),
    line(['公开承诺', 'Commitments'], ['已兑现', 'Fulfilled'], t.commitmentsDone, 'integer', count('项', 'commitments')),
    line(['公开承诺', 'Commitments'], ['逾期未兑现', 'Overdue'], t.commitmentsOverdue, 'integer', count('项', 'commitments')),
    line(['防返贫监测', 'Monitoring'], ['监测户', 'Monitored households'], t.monitored, 'integer', count('户', 'households')),
    line(['防返贫监测', 'Monitoring'], ['超过 15 天未确认', 'Past the 15 days'], t.monitoringOverdue, 'integer', count('户', 'households')),
  ];
  const columns = [col('group', '类别', 'Area', 'text', 12), col('item', '项目', 'Figure', 'text', 26), col('value', '数值', 'Value', 'decimal', 14), col('unit', '单位', 'Unit', 'text', 8)];
  const table: TableDef = {
    key: 'overview',
    sheetName: zh ? '本月概况' : 'Overview',
    caption: zh ? '本月工作概况' : 'The month at a glance',
    columns,
    estimate: rows.length,
    rows: () => rows,
  };
  const dutyColumns = [
    col('duty', '职责', 'Duty', 'text', 16),
    col('plans', '计划数', 'Plans', 'integer', 9, 'sum'),
    col('done', '已完成', 'Done', 'integer', 9, 'sum'),
    col('completion', '完成率', 'Completion', 'percent', 9, { ratio: ['done', 'plans'] }),
    col('progress', '平均进度', 'Mean progress', 'percent', 9),
  ];
  const w = wordsOf(lang);
  const duties: TableDef = {
    key: 'duties',
    sheetName: zh ? '职责' : 'Duties',
    caption: zh ? '帮扶计划推进情况（按职责）' : 'Plan progress by duty',
    columns: dutyColumns,
    estimate: dash.plansByDuty.length + 1,
    rows: () =>
      withTotals(
        dutyColumns,
        dash.plansByDuty.map((d) => [dutyLabel(d.duty, lang), d.plans, d.done, d.plans > 0 ? d.done / d.plans : null, d.progress]),
        () => w.total,
      ),
  };
  return { table, duties };
}
