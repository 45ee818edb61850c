// The tables of a secretary's work: plans under the township's duties, public commitments, highlights
// from the diary, and days in the village month by month against the township's threshold.
import { dutyLabel } from '../../../shared/domain/duties';
import { COMMITMENT_STATUS_LABELS, PLAN_STATUS_LABELS, PRESENCE_LABELS } from '../../../shared/domain/ledgerEnums';
import { planProgress } from '../../../shared/domain/planProgress';
import { attendanceLines, countAttendance } from '../../../db/reports/attendance';
import { commitmentLines, countCommitments, countPlans, diaryHighlights, HIGHLIGHTS, planLines } from '../../../db/reports/monthly';
import { col, withTotals, type ColumnDef, type TableDef } from './model';
import { enumCell, flag, linesOf, phoneCell, placeColumns, type ReportSource } from './source';
import { wordsOf } from './words';

function table(source: ReportSource, key: string, sheet: [string, string], caption: [string, string], columns: ColumnDef[], estimate: number, data: () => Iterable<(string | number | boolean | null)[]>): TableDef {
  const zh = source.request.language === 'zh-CN';
  const all = [...placeColumns(source), ...columns];
  return {
    key,
    sheetName: zh ? sheet[0] : sheet[1],
    caption: zh ? caption[0] : caption[1],
    columns: all,
    estimate: estimate + 1,
    rows: () => withTotals(all, data(), wordsOf(source.request.language).totalRows),
  };
}

export function plansTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return table(
    source,
    'plans',
    ['帮扶计划', 'Plans'],
    [`帮扶计划（${p.fromYear === p.toYear ? p.fromYear : `${p.fromYear}—${p.toYear}`} 年度）`, `Assistance plans (${p.fromYear === p.toYear ? p.fromYear : `${p.fromYear}–${p.toYear}`})`],
    [
      col('year', '年度', 'Year', 'text', 6),
      col('duty', '职责', 'Duty', 'text', 12),
      col('goal', '目标', 'Goal', 'text', 36),
      col('targetValue', '目标值', 'Target', 'decimal', 9),
      col('actualValue', '完成值', 'Actual', 'decimal', 9),
      col('valueUnit', '单位', 'Unit', 'text', 6),
      col('progress', '完成进度', 'Progress', 'percent', 9),
      col('status', '状态', 'Status', 'text', 8),
      col('dueDate', '完成时限', 'Due', 'date', 11),
      col('done', '已完成', 'Done', 'flag', 8, 'count'),
    ],
    countPlans(sqlite, p),
    () =>
      linesOf(source, planLines(sqlite, p, villages, source.duties), (r) => [
        r.year === null ? null : String(r.year), r.duty === null ? null : dutyLabel(r.duty, source.request.language), r.goal, r.targetValue, r.actualValue, r.valueUnit,
        planProgress(r), enumCell(source, PLAN_STATUS_LABELS, r.status), r.dueDate, r.done === 1,
      ]),
  );
}

export function commitmentsTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return table(
    source,
    'commitments',
    ['公开承诺', 'Commitments'],
    ['公开承诺事项', 'Public commitments'],
    [
      col('year', '年度', 'Year', 'text', 6),
      col('content', '承诺内容', 'Commitment', 'text', 40),
      col('dueDate', '兑现时限', 'Due', 'date', 11),
      col('status', '进度', 'Progress', 'text', 8),
      col('evidence', '兑现情况', 'Evidence', 'text', 30),
      col('fulfilled', '已兑现', 'Fulfilled', 'flag', 8, 'count'),
      col('overdue', '逾期', 'Overdue', 'flag', 6, 'count'),
    ],
    countCommitments(sqlite, p),
    () =>
      linesOf(source, commitmentLines(sqlite, p, villages), (r) => [
        r.year === null ? null : String(r.year), r.content, r.dueDate, enumCell(source, COMMITMENT_STATUS_LABELS, r.status), r.evidence,
        r.status === 'fulfilled', flag(r.overdue),
      ]),
  );
}

/** Long entries are quoted to this many characters. */
const QUOTE_CHARS = 300;

export function highlightsTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return table(
    source,
    'highlights',
    ['民情日记摘要', 'Diary highlights'],
    [`民情日记摘要（期内写得最充分的 ${HIGHLIGHTS} 篇，按日期排列）`, `Diary highlights (the ${HIGHLIGHTS} fullest entries of the period, by date)`],
    [
      col('entryDate', '日期', 'Date', 'date', 11),
      col('presence', '在岗情况', 'Where', 'text', 8),
      col('duties', '涉及职责', 'Duties', 'text', 20),
      col('content', '内容', 'Entry', 'text', 80),
    ],
    Math.min(HIGHLIGHTS * villages.length, 10_000),
    () =>
      linesOf(source, diaryHighlights(sqlite, p, villages), (r) => [
        r.entryDate, enumCell(source, PRESENCE_LABELS, r.presence), dutyTagsCell(source, r.dutyTags),
        r.content.length > QUOTE_CHARS ? `${r.content.slice(0, QUOTE_CHARS)}…` : r.content,
      ]),
  );
}

export function attendanceTable(source: ReportSource): TableDef {
  const { sqlite, p, villages, threshold } = source;
  return table(
    source,
    'attendance',
    ['驻村考勤', 'Attendance'],
    [`驻村考勤（每月应在村不少于 ${threshold} 天；统计至 ${p.refDay}）`, `Days in the village (at least ${threshold} a month; counted up to ${p.refDay})`],
    [
      col('secretary', '第一书记', 'First secretary', 'text', 10),
      col('unit', '派出单位', 'Sending unit', 'text', 20),
      col('phone', '联系电话', 'Phone', 'code', 14),
      col('month', '月份', 'Month', 'text', 8),
      col('counted', '统计日期', 'Days counted', 'text', 23),
      col('inVillageDays', '在村天数', 'Days in village', 'integer', 9, 'sum'),
      col('leaveDays', '请假天数', 'Leave days', 'integer', 9, 'sum'),
      col('diaryEntries', '民情日记', 'Diary entries', 'integer', 9, 'sum'),
      col('threshold', '应在村天数', 'Required', 'integer', 10),
      col('met', '达标', 'Met', 'flag', 6, 'count'),
      col('shortfall', '差额天数', 'Days short', 'integer', 9, 'sum'),
    ],
    countAttendance(sqlite, p),
    () =>
      linesOf(source, attendanceLines(sqlite, p, villages), (r) => [
        r.secretary, r.unit, phoneCell(source, r.phone), r.month, `${r.fromDay} — ${r.toDay}`, r.inVillageDays, r.leaveDays, r.diaryEntries,
        threshold, r.inVillageDays >= threshold, Math.max(0, threshold - r.inVillageDays),
      ]),
  );
}

/** A diary day's duty tags (a JSON list of the township's words) as one line. */
function dutyTagsCell(source: ReportSource, json: string | null): string | null {
  let tags: unknown;
  try {
    tags = JSON.parse(json ?? '[]');
  } catch {
    tags = [];
  }
  if (!Array.isArray(tags) || tags.length === 0) return null;
  const lang = source.request.language;
  return tags.map((t) => dutyLabel(String(t), lang)).join(lang === 'zh-CN' ? '、' : ', ');
}
