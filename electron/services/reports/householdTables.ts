// The household lists: the monitored households (防返贫监测对象表) with their procedure, and the
// public notices (公示版) of households and of monitored households. A notice is built from
// statements that never read a phone, health or income (db/reports/notice.ts); its ID numbers
// are masked 6+4 or left out, whatever the person ticked.
import { HOUSEHOLD_CATEGORY_LABELS, MONITOR_TYPE_LABELS, RISK_TYPE_LABELS, SIGNAL_SOURCE_LABELS } from '../../../shared/domain/ledgerEnums';
import { MONITORING_LIMIT_DAYS } from '../../../shared/domain/ledgers/days';
import type { LabelledEnum } from '../../../shared/domain/labels';
import { maskIdForNotice } from '../../../shared/domain/reportCells';
import type { CellValue } from '../../../shared/domain/reports';
import { countMonitoring, monitoringLines, type MonitoringLine } from '../../../db/reports/monitoring';
import { countNoticeHouseholds, countNoticeMonitoring, noticeHouseholdLines, noticeMonitoringLines } from '../../../db/reports/notice';
import { col, withTotals, type ColumnDef, type TableDef } from './model';
import { enumCell, enumListCell, flag, idCell, linesOf, phoneCell, placeColumns, type ReportSource } from './source';
import { wordsOf } from './words';

/** Where a monitored household's procedure stands on the reference day (as the dashboards judge it). */
export const STAGE_LABELS = {
  reported: { zh: '待入户核实', en: 'Awaiting home check' },
  checked: { zh: '已入户核实', en: 'Home check done' },
  posted: { zh: '已村内公示', en: 'Posted in the village' },
  reviewed: { zh: '乡镇已审核', en: 'Township reviewed' },
  decided: { zh: '县级已确认', en: 'County decided' },
} as const satisfies LabelledEnum<string>;
export type Stage = keyof typeof STAGE_LABELS;

export function stageOf(line: Pick<MonitoringLine, 'homeCheckDate' | 'postingStart' | 'townshipReviewDate' | 'countyDecisionDate'>, refDay: string): Stage {
  const on = (day: string | null) => day !== null && day <= refDay;
  if (on(line.countyDecisionDate)) return 'decided';
  if (on(line.townshipReviewDate)) return 'reviewed';
  if (on(line.postingStart)) return 'posted';
  if (on(line.homeCheckDate)) return 'checked';
  return 'reported';
}

/** Days left of the 15 from home check to county decision; negative past it; null once decided, before a check, or no longer monitored. */
export function daysLeftOf(line: MonitoringLine, refDay: string): number | null {
  const stage = stageOf(line, refDay);
  if (line.active !== 1 || stage === 'decided' || stage === 'reported') return null;
  return MONITORING_LIMIT_DAYS - Math.round((Date.parse(refDay) - Date.parse(line.homeCheckDate!)) / 86_400_000);
}

export function monitoringTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  const zh = source.request.language === 'zh-CN';
  const columns = [
    ...placeColumns(source),
    col('villagerGroup', '村民小组', 'Group', 'text', 9),
    col('headName', '户主', 'Head of household', 'text', 10),
    col('idNumber', '户主身份证号', 'ID number of head', 'code', 21),
    col('phone', '联系电话', 'Phone', 'code', 14),
    col('monitorType', '监测类型', 'Type', 'text', 14),
    col('riskTypes', '风险类型', 'Risks', 'text', 16),
    col('signalSource', '信息来源', 'Signal', 'text', 12),
    col('homeCheckDate', '入户核实', 'Home check', 'date', 11),
    col('postingStart', '公示开始', 'Posted from', 'date', 11),
    col('postingEnd', '公示结束', 'Posted to', 'date', 11),
    col('townshipReviewDate', '乡镇审核', 'Township review', 'date', 11),
    col('countyDecisionDate', '县级确认', 'County decision', 'date', 11),
    col('stage', '办理进度', 'Stage', 'text', 12),
    col('daysLeft', '剩余天数', 'Days left', 'integer', 9),
    col('measures', '帮扶措施', 'Measures', 'text', 30),
    col('riskCleared', '风险已消除', 'Risk cleared', 'flag', 10, 'count'),
    col('clearedDate', '消除日期', 'Cleared on', 'date', 11),
    col('active', '在监测', 'Monitored', 'flag', 8, 'count'),
    col('overdue', '逾期', 'Overdue', 'flag', 6, 'count'),
  ];
  return {
    key: 'monitoring',
    sheetName: zh ? '监测对象' : 'Monitored',
    caption: zh ? `防返贫监测对象（办理进度、剩余天数按 ${p.refDay} 计）` : `Monitored households (stage and days left as of ${p.refDay})`,
    columns,
    estimate: countMonitoring(sqlite, p) + 1,
    rows: () =>
      withTotals(
        columns,
        linesOf(source, monitoringLines(sqlite, p, villages), (r) => [
          r.villagerGroup, r.headName, idCell(source, r.headIdNumber), phoneCell(source, r.phone),
          enumCell(source, MONITOR_TYPE_LABELS, r.monitorType), enumListCell(source, RISK_TYPE_LABELS, r.riskTypes),
          enumCell(source, SIGNAL_SOURCE_LABELS, r.signalSource), r.homeCheckDate, r.postingStart, r.postingEnd, r.townshipReviewDate,
          r.countyDecisionDate, enumCell(source, STAGE_LABELS, stageOf(r, p.refDay)), daysLeftOf(r, p.refDay), r.measures,
          flag(r.riskCleared), r.clearedDate, flag(r.active), flag(r.overdue),
        ]),
        wordsOf(source.request.language).totalHouseholds,
      ),
  };
}

/** 1, 2, 3 … down the table, after the place columns. */
function* numbered(rows: Iterable<CellValue[]>, placeWidth: number): Generator<CellValue[]> {
  let n = 0;
  for (const cells of rows) yield [...cells.slice(0, placeWidth), ++n, ...cells.slice(placeWidth)];
}

function idColumn(source: ReportSource): ColumnDef[] {
  return source.request.noticeIds === 'omitted' ? [] : [col('idNumber', '身份证号', 'ID number', 'code', 21)];
}

function noticeId(source: ReportSource, id: string | null): CellValue[] {
  return source.request.noticeIds === 'omitted' ? [] : [id ? maskIdForNotice(id) : null];
}

export function householdsNoticeTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  const zh = source.request.language === 'zh-CN';
  const category = source.request.householdCategory ?? null;
  const places = placeColumns(source);
  const columns = [
    ...places,
    col('n', '序号', 'No.', 'integer', 6),
    col('villagerGroup', '村民小组', 'Group', 'text', 10),
    col('headName', '户主姓名', 'Head of household', 'text', 12),
    ...idColumn(source),
    col('members', '家庭人口', 'Members', 'integer', 9, 'sum'),
  ];
  const which = category ? wordsOf(source.request.language).category(enumCell(source, HOUSEHOLD_CATEGORY_LABELS, category) as string) : '';
  return {
    key: 'householdsNotice',
    sheetName: zh ? '公示名单' : 'Notice',
    caption: zh ? `农户名单${which}` : `Households${which}`,
    columns,
    estimate: countNoticeHouseholds(sqlite, p, category) + 1,
    rows: () =>
      withTotals(
        columns,
        numbered(linesOf(source, noticeHouseholdLines(sqlite, p, villages, category), (r) => [r.villagerGroup, r.headName, ...noticeId(source, r.headIdNumber), r.members]), places.length),
        wordsOf(source.request.language).totalHouseholds,
      ),
  };
}

export function monitoringNoticeTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  const zh = source.request.language === 'zh-CN';
  const places = placeColumns(source);
  const columns = [
    ...places,
    col('n', '序号', 'No.', 'integer', 6),
    col('villagerGroup', '村民小组', 'Group', 'text', 10),
    col('headName', '户主姓名', 'Head of household', 'text', 12),
    ...idColumn(source),
    col('monitorType', '监测类型', 'Type', 'text', 14),
    col('posting', '公示期', 'Posting', 'text', 23),
    col('countyDecisionDate', '确认日期', 'Decided on', 'date', 11),
  ];
  return {
    key: 'monitoringNotice',
    sheetName: zh ? '公示名单' : 'Notice',
    caption: zh ? `防返贫监测对象名单（截至 ${p.refDay}）` : `Monitored households (as of ${p.refDay})`,
    columns,
    estimate: countNoticeMonitoring(sqlite, p) + 1,
    rows: () =>
      withTotals(
        columns,
        numbered(
          linesOf(source, noticeMonitoringLines(sqlite, p, villages), (r) => [
            r.villagerGroup, r.headName, ...noticeId(source, r.headIdNumber), enumCell(source, MONITOR_TYPE_LABELS, r.monitorType),
            r.postingStart ? `${r.postingStart} — ${r.postingEnd ?? ''}` : null, r.countyDecisionDate,
          ]),
          places.length,
        ),
        wordsOf(source.request.language).totalHouseholds,
      ),
  };
}
