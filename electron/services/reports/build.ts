// Builds a report definition from a request: which tables the report has, and the title rows
// every sheet (and the CSV, and the print page) starts with — title, scope and period, unit,
// who made it and when, and what the report does with ID and phone numbers.
import { HOUSEHOLD_CATEGORY_LABELS } from '../../../shared/domain/ledgerEnums';
import { isPublicNotice, REPORT_LABELS, type PrivacyMode, type ReportRequest } from '../../../shared/domain/reports';
import type { ResolvedScope } from './scope';
import { attendanceTable, commitmentsTable, highlightsTable, plansTable } from './workTables';
import { fundsTable, needsTable, projectsTable, sourcesTable, visitsTable } from './ledgerTables';
import { householdsNoticeTable, monitoringNoticeTable, monitoringTable } from './householdTables';
import { measuresTable, overviewTable, scorecardTable, SUMMARY_MEASURES, VISIT_MEASURES } from './figureTables';
import { say, type ReportDefinition, type TableDef } from './model';
import { showsFullNumbers, type ReportSource } from './source';
import { wordsOf } from './words';

interface Layout {
  readonly tables: TableDef[];
  /** The money unit the report's figures are in, said on the title rows (tables say their own too). */
  readonly unit: 'wan' | 'yuan' | null;
  /** Whether any table shows ID or phone numbers (then the privacy line is said). */
  readonly personal: boolean;
}

function layoutOf(source: ReportSource): Layout {
  const report = source.request.report;
  switch (report) {
    case 'monthly': {
      const { table, duties } = overviewTable(source);
      return { tables: [table, duties, plansTable(source), needsTable(source), projectsTable(source), commitmentsTable(source), highlightsTable(source)], unit: 'wan', personal: false };
    }
    case 'summary':
      return {
        tables: [measuresTable(source, SUMMARY_MEASURES, { key: 'summary', sheet: ['汇总表', 'Summary'], caption: ['各村工作汇总（金额单位：万元）', 'The villages side by side (money in 10,000 yuan)'] })],
        unit: 'wan',
        personal: false,
      };
    case 'scorecard':
      return { tables: [scorecardTable(source)], unit: 'wan', personal: false };
    case 'funds':
      return { tables: [projectsTable(source), sourcesTable(source), fundsTable(source)], unit: 'wan', personal: false };
    case 'visitsNeeds':
      return {
        tables: [
          measuresTable(source, VISIT_MEASURES, { key: 'overview', sheet: ['汇总', 'Overview'], caption: ['走访与诉求汇总', 'Visits and needs by village'] }),
          visitsTable(source),
          needsTable(source),
        ],
        unit: null,
        personal: true,
      };
    case 'attendance':
      return { tables: [attendanceTable(source)], unit: null, personal: true };
    case 'monitoring':
      return { tables: [monitoringTable(source)], unit: null, personal: true };
    case 'householdsNotice':
      return { tables: [householdsNoticeTable(source)], unit: null, personal: true };
    case 'monitoringNotice':
      return { tables: [monitoringNoticeTable(source)], unit: null, personal: true };
  }
}

/** Where a report's name reads badly after its scope's (青石镇镇街汇总表), the title says it otherwise. */
const TITLE_LABELS: Partial<Record<ReportRequest['report'], { zh: string; en: string }>> = {
  summary: { zh: '驻村工作汇总表', en: 'Summary of villages' },
  scorecard: { zh: '驻村工作成绩单', en: 'Results sheet' },
};

function privacyOf(source: ReportSource): PrivacyMode {
  if (isPublicNotice(source.request.report)) return 'notice';
  return showsFullNumbers(source) ? 'full' : 'masked';
}

/** A file name from the report, scope and period, with nothing a file system refuses. */
export function suggestedNameOf(request: ReportRequest, scope: Pick<ResolvedScope, 'name'>): string {
  const name = `${say(REPORT_LABELS[request.report], request.language)}_${scope.name}_${request.from}_${request.to}`;
  return [...name].map((ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 100);
}

export function buildReport(source: ReportSource): ReportDefinition {
  const { request, scope } = source;
  const lang = request.language;
  const w = wordsOf(lang);
  const layout = layoutOf(source);
  const privacy = privacyOf(source);
  const category = request.report === 'householdsNotice' && request.householdCategory
    ? w.category(say(HOUSEHOLD_CATEGORY_LABELS[request.householdCategory], lang))
    : '';
  const reportName = say(TITLE_LABELS[request.report] ?? REPORT_LABELS[request.report], lang);
  const title = lang === 'zh-CN' ? `${scope.name}${reportName}${category}` : `${reportName}${category} — ${scope.name}`;
  const lines = [
    [w.scope(scope.label, source.villages.length), w.period(request.from, request.to), ...(source.p.refDay < request.to ? [w.referenceDay(source.p.refDay)] : [])].join(w.separator),
    [...(layout.unit === 'wan' ? [w.unitWan] : layout.unit === 'yuan' ? [w.unitYuan] : []), w.madeBy(scope.profile.unit, source.exportedAt)].join(w.separator),
  ];
  if (privacy === 'notice') lines.push(request.noticeIds === 'omitted' ? w.noticeOmitted : w.noticeMasked);
  else if (layout.personal) lines.push(privacy === 'full' ? w.full : w.masked);
  return {
    report: request.report,
    language: lang,
    title,
    titleRows: lines,
    scopeLabel: scope.label,
    from: request.from,
    to: request.to,
    privacy,
    suggestedName: suggestedNameOf(request, scope),
    periodText: w.periodShort(request.from, request.to),
    tables: layout.tables,
    ...(request.thumbnails && source.files ? { thumbFiles: source.files } : {}),
  };
}
