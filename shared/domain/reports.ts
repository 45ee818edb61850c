// The reports as the contract sees them: which reports there are, for which scope, what a person
// asks for (report, scope, period, language, privacy), and what comes back — a preview of the
// tables, an export job's progress, the recent exports. The tables themselves are built in the
// main process (electron/services/reports) from the same figures the dashboards show.
import { z } from 'zod';
import { MAX_PERIOD_DAYS, townshipName } from './dashboard';
import { HOUSEHOLD_CATEGORY_LABELS } from './ledgerEnums';
import type { LabelledEnum } from './labels';
import { absolutePath } from './sync';
import { choice, choiceError, isoDate, rowId, V } from './validation';

export const REPORT_LABELS = {
  monthly: { zh: '驻村工作月报', en: 'Monthly work report' },
  summary: { zh: '镇街汇总表', en: 'Summary of villages' },
  scorecard: { zh: '工作成绩单', en: 'Results sheet' },
  funds: { zh: '项目资金台账', en: 'Projects and funds ledger' },
  visitsNeeds: { zh: '走访与诉求台账', en: 'Visits and needs ledger' },
  attendance: { zh: '驻村考勤表', en: 'Days in the village' },
  monitoring: { zh: '防返贫监测对象表', en: 'Monitored households' },
  householdsNotice: { zh: '农户名单（公示版）', en: 'Households (public notice)' },
  monitoringNotice: { zh: '防返贫监测对象名单（公示版）', en: 'Monitored households (public notice)' },
} as const satisfies LabelledEnum<string>;
export type ReportKind = keyof typeof REPORT_LABELS;
export const REPORT_KINDS = Object.keys(REPORT_LABELS) as [ReportKind, ...ReportKind[]];

/** The public-notice versions: no phone, bank, health or income detail; ID numbers masked 6+4 or left out. */
export const PUBLIC_NOTICES: readonly ReportKind[] = ['householdsNotice', 'monitoringNotice'];
export function isPublicNotice(report: ReportKind): boolean {
  return PUBLIC_NOTICES.includes(report);
}

export const SCOPE_LABELS = {
  village: { zh: '村', en: 'Village' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  district: { zh: '区县', en: 'District' },
} as const satisfies LabelledEnum<string>;
export type ScopeLevel = keyof typeof SCOPE_LABELS;
export const SCOPE_LEVELS = Object.keys(SCOPE_LABELS) as [ScopeLevel, ...ScopeLevel[]];

/** Which scopes each report is made for: the monthly report is one secretary's, so one village's. */
export const REPORT_SCOPES: Readonly<Record<ReportKind, readonly ScopeLevel[]>> = {
  monthly: ['village'],
  summary: SCOPE_LEVELS,
  scorecard: SCOPE_LEVELS,
  funds: SCOPE_LEVELS,
  visitsNeeds: SCOPE_LEVELS,
  attendance: SCOPE_LEVELS,
  monitoring: SCOPE_LEVELS,
  householdsNotice: SCOPE_LEVELS,
  monitoringNotice: SCOPE_LEVELS,
};

export const REPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How a public notice shows ID numbers: the first 6 and last 4 digits, or not at all. */
export const NOTICE_ID_MODES = ['masked', 'omitted'] as const;
export type NoticeIdMode = (typeof NOTICE_ID_MODES)[number];

const bool = z.boolean({ error: V.invalid });

/** What a person asks for: the same for the preview, the export and the print page. */
const requestShape = {
  report: z.enum(REPORT_KINDS, { error: choiceError }),
  scope: z.enum(SCOPE_LEVELS, { error: choiceError }),
  /** The village, for scope `village`. */
  villageId: rowId.optional(),
  /** The township, for scope `township`; without it, this device's own. */
  township: townshipName.optional(),
  from: isoDate(),
  to: isoDate(),
  /** The language of titles, headers and labels in the file (the person's interface language). */
  language: z.enum(['zh-CN', 'en'], { error: choiceError }).default('zh-CN'),
  /**
   * Show ID numbers and phone numbers in full (an explicit tick; the title rows then say so).
   * Never honoured by a public notice.
   */
  showFullNumbers: bool.default(false),
  /** Public notices only: ID numbers masked 6+4 (default) or left out. */
  noticeIds: z.enum(NOTICE_ID_MODES, { error: choiceError }).default('masked'),
  /** householdsNotice only: the households of one category (a notice of 脱贫户, say); default all. */
  householdCategory: choice(HOUSEHOLD_CATEGORY_LABELS).optional(),
  /** 走访 and 项目 reports only: each record's photo thumbnails beside it (XLSX images, the print page). */
  thumbnails: bool.default(false),
};

/** The reports whose ledger rows can carry their photos' thumbnails (visits; projects). */
export const THUMBNAIL_REPORTS: readonly ReportKind[] = ['visitsNeeds', 'funds'];

type RequestLike = { report?: unknown; scope?: unknown; villageId?: unknown; township?: unknown; from?: unknown; to?: unknown; householdCategory?: unknown; thumbnails?: unknown };

/** The checks across fields: a period in order and not too long, a scope the report is made for. */
function checkRequest(value: RequestLike, ctx: z.RefinementCtx): void {
  if (typeof value.from === 'string' && typeof value.to === 'string') {
    if (value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: V.dateOrder });
    else if ((Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: V.periodTooLong });
  }
  const report = value.report as ReportKind;
  const scope = value.scope as ScopeLevel;
  if (!REPORT_SCOPES[report] || !SCOPE_LEVELS.includes(scope)) return;
  if (!REPORT_SCOPES[report].includes(scope)) ctx.addIssue({ code: 'custom', path: ['scope'], message: V.invalid });
  if (scope === 'village' && value.villageId === undefined) ctx.addIssue({ code: 'custom', path: ['villageId'], message: V.required });
  if (scope !== 'village' && value.villageId !== undefined) ctx.addIssue({ code: 'custom', path: ['villageId'], message: V.invalid });
  if (scope !== 'township' && value.township !== undefined) ctx.addIssue({ code: 'custom', path: ['township'], message: V.invalid });
  if (report !== 'householdsNotice' && value.householdCategory !== undefined) ctx.addIssue({ code: 'custom', path: ['householdCategory'], message: V.invalid });
  if (value.thumbnails === true && !THUMBNAIL_REPORTS.includes(report)) ctx.addIssue({ code: 'custom', path: ['thumbnails'], message: V.invalid });
}

const whenObject = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

export const reportRequest = z.strictObject(requestShape).superRefine((v, ctx) => checkRequest(v, ctx), whenObject);
export type ReportRequestInput = z.input<typeof reportRequest>;
export type ReportRequest = z.output<typeof reportRequest>;

export const MAX_PREVIEW_ROWS = 2000;
export const DEFAULT_PREVIEW_ROWS = 100;

export const reportPreviewInput = z
  .strictObject({
    ...requestShape,
    /** Data rows shown per table (totals come on top of them). */
    limit: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(MAX_PREVIEW_ROWS, { error: V.tooLarge }).default(DEFAULT_PREVIEW_ROWS),
  })
  .superRefine((v, ctx) => checkRequest(v, ctx), whenObject);
export type ReportPreviewInput = z.input<typeof reportPreviewInput>;

/** `C:\…\报表.xlsx` or `/home/…/报表.csv`: the extension says the format. */
export const reportExportInput = z
  .strictObject({
    ...requestShape,
    format: z.enum(REPORT_FORMATS, { error: choiceError }),
    /**
     * Where to write: the path the native save dialog gave. Left out (the browser host, which has
     * no dialog), the file goes to `<data folder>/exports/` under a name made from the report,
     * and the job's `download` says where the host serves it.
     */
    path: absolutePath.optional(),
  })
  .superRefine((v, ctx) => {
    checkRequest(v, ctx);
    if (typeof v.path === 'string' && typeof v.format === 'string' && !v.path.toLowerCase().endsWith(`.${v.format}`)) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: V.invalid });
    }
  }, whenObject);
export type ReportExportInput = z.input<typeof reportExportInput>;

export const reportJobInput = z.strictObject({ id: rowId });

// ---- What comes back. ----

/** How a column's values are kept and shown. Money is integer fen in every cell until a writer shows it. */
export const COLUMN_TYPES = ['text', 'code', 'integer', 'decimal', 'yuan', 'wanYuan', 'percent', 'date', 'flag'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * A cell: text, a number (integer, one-decimal days, fen for 元 and 万元, a 0..1 ratio for percent),
 * an ISO date as text, a flag as true/false, or null for nothing to show.
 */
export const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof cellValue>;

export const ROW_KINDS = ['data', 'subtotal', 'total'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export const reportColumnView = z.object({
  key: z.string(),
  /** The header in the request's language; `label` has both. */
  header: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  type: z.enum(COLUMN_TYPES),
  /** Width in characters (a Chinese character counts two). */
  width: z.number(),
});
export type ReportColumnView = z.infer<typeof reportColumnView>;

/**
 * A record's photos as a report shows them: up to a few thumbnails kept here (by hash, with the
 * photo's proportions), how many of those few are not on this device yet, how many more photos
 * there are, and how many PDFs (which have no thumbnail).
 */
export const reportPhotos = z.object({
  thumbs: z.array(z.object({ hash: z.string(), width: z.number().int().positive(), height: z.number().int().positive() })),
  missing: z.number().int().nonnegative(),
  more: z.number().int().nonnegative(),
  pdfs: z.number().int().nonnegative(),
  /** What the drawn thumbnails leave unsaid, in the report's language: `+2`, `未在本机 1`, `PDF 1`; '' when nothing. */
  note: z.string(),
});
export type ReportPhotos = z.infer<typeof reportPhotos>;

export const reportRowView = z.object({
  kind: z.enum(ROW_KINDS),
  cells: z.array(cellValue),
  /** With thumbnails asked for: the photos of the row's record (its cell in the `photos` column says what is not drawn). */
  photos: reportPhotos.optional(),
  /** Where a cell is of another type than its column (the monthly overview mixes days, % and money); null: the column's. */
  types: z.array(z.enum(COLUMN_TYPES).nullable()).optional(),
});
export type ReportRowView = z.infer<typeof reportRowView>;

export const reportTableView = z.object({
  key: z.string(),
  /** The sheet's name in the workbook. */
  sheetName: z.string(),
  /** The table's own title under the report's. */
  caption: z.string(),
  columns: z.array(reportColumnView),
  /** The first rows, data and subtotals in file order. */
  rows: z.array(reportRowView),
  /** The totals row(s) at the end, always given whatever the limit. */
  totals: z.array(reportRowView),
  /** Data rows in the whole table (not subtotals or totals). */
  dataRows: z.number().int().nonnegative(),
  /** More rows than `rows` holds. */
  truncated: z.boolean(),
});
export type ReportTableView = z.infer<typeof reportTableView>;

/** What the report says about ID and phone numbers: masked, shown in full (ticked), a public notice. */
export const PRIVACY_MODES = ['masked', 'full', 'notice'] as const;
export type PrivacyMode = (typeof PRIVACY_MODES)[number];

export const reportPreview = z.object({
  report: z.enum(REPORT_KINDS),
  language: z.enum(['zh-CN', 'en']),
  /** The first title row (the report's name with its scope). */
  title: z.string(),
  /** The lines under the title: scope and period, unit, who made it, what is masked. */
  titleRows: z.array(z.string()),
  scopeLabel: z.string(),
  from: z.string(),
  to: z.string(),
  privacy: z.enum(PRIVACY_MODES),
  /** A file name for the save dialog, without extension. */
  suggestedName: z.string(),
  tables: z.array(reportTableView),
});
export type ReportPreview = z.infer<typeof reportPreview>;

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const reportJob = z.object({
  id: z.string(),
  report: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  state: z.enum(JOB_STATES),
  /** Rows written so far (data, subtotal and total rows of every table), and the expected whole. */
  rowsWritten: z.number().int().nonnegative(),
  rowsEstimate: z.number().int().nonnegative(),
  /** The file the job writes (absolute); it exists only once the state is done. */
  file: z.string(),
  fileName: z.string(),
  /** In the browser host: the URL path the file is served on (`exports/<name>`); null elsewhere. */
  download: z.string().nullable(),
  bytes: z.number().int().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportJob = z.infer<typeof reportJob>;

export const recentExport = z.object({
  id: z.string(),
  report: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  /** The report's title with its scope and period, as the file's first rows say it. */
  title: z.string(),
  file: z.string(),
  fileName: z.string(),
  download: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  at: z.string(),
  /** Whether the file is still where it was written. */
  exists: z.boolean(),
});
export type RecentExport = z.infer<typeof recentExport>;

export const recentExports = z.object({ items: z.array(recentExport) });

/** How many exports the recent list keeps. */
export const RECENT_EXPORTS_KEPT = 20;
