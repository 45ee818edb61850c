// Importing a ledger from a spreadsheet a village already keeps (XLSX or CSV): which columns
// each importable ledger recognises, the header words that name them, and the contract's
// schemas for the preview, the import itself and the template.
import { z } from 'zod';
import { rowId, V } from './validation';

export const IMPORT_LEDGERS = ['households', 'visits', 'needs'] as const;
export type ImportLedger = (typeof IMPORT_LEDGERS)[number];

/** The largest file read: about 20,000 roster rows in XLSX; bigger files are split first. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** The most rows (below the header) one file may hold. */
export const MAX_IMPORT_ROWS = 20_000;
/** The most columns read; a wider sheet is cut here. */
export const MAX_IMPORT_COLUMNS = 100;
/** The header is looked for in the first rows only (titles merged above it, as WPS writes them). */
export const HEADER_SEARCH_ROWS = 15;
/** Rows shown in the preview, and refusals listed at most (the count is always whole). */
export const PREVIEW_ROWS = 20;
export const MAX_LISTED_REFUSALS = 2_000;

/**
 * The columns a ledger reads, in template order, each with the header words that name it (the
 * first is the template's). Household rows may be one per person: rows with the same head and
 * group are one household, and the member columns make a member of it.
 */
export const IMPORT_COLUMNS = {
  households: {
    headName: ['户主姓名', '户主', '户主名称', '户主名字'],
    villagerGroup: ['村民小组', '组别', '所在组', '小组', '组'],
    gridCell: ['网格', '所属网格', '网格名称'],
    category: ['户类别', '农户类别', '户类型', '农户类型', '户属性', '家庭类别'],
    phone: ['联系电话', '电话', '手机号', '手机号码', '联系方式', '户主电话'],
    address: ['家庭住址', '住址', '地址', '现住址'],
    housingGrade: ['住房等级', '住房安全', '住房情况', '危房等级'],
    helperName: ['帮扶责任人', '帮扶人', '结对帮扶人', '联系干部'],
    householdSize: ['家庭人口', '家庭人口数', '人口数', '户人口'],
    memberName: ['成员姓名', '姓名', '家庭成员'],
    relation: ['与户主关系', '与户主的关系', '关系'],
    idNumber: ['身份证号', '身份证号码', '证件号码', '公民身份号码', '身份证'],
    labourCapacity: ['劳动能力', '劳动力状况', '劳动技能'],
    health: ['健康状况', '健康情况'],
    schooling: ['文化程度', '在校生情况', '学历'],
    notes: ['备注', '说明'],
  },
  visits: {
    headName: ['户主姓名', '户主', '走访对象', '农户'],
    villagerGroup: ['村民小组', '组别', '小组', '组'],
    visitDate: ['走访日期', '日期', '走访时间', '时间'],
    mode: ['走访方式', '方式'],
    visitors: ['走访人', '走访人员', '参加人员'],
    situation: ['了解情况', '走访情况', '情况', '主要情况', '走访内容'],
    actions: ['帮办措施', '采取措施', '帮扶措施', '处理情况', '措施'],
    confirmed: ['户主确认', '农户确认', '是否确认', '确认'],
    nextVisitDue: ['下次走访', '下次走访日期', '计划下次走访'],
  },
  needs: {
    headName: ['户主姓名', '户主', '诉求人', '反映人'],
    villagerGroup: ['村民小组', '组别', '小组', '组'],
    category: ['诉求类别', '类别', '诉求类型', '类型'],
    content: ['诉求内容', '内容', '反映问题', '问题', '诉求'],
    owner: ['责任人', '办理人', '承办人'],
    dueDate: ['办理时限', '期限', '完成时限', '截止日期'],
    status: ['办理状态', '状态', '进展'],
    outcome: ['办理结果', '结果', '答复情况'],
    satisfaction: ['满意度', '群众满意度', '是否满意'],
    closedOn: ['办结日期', '办结时间', '完成日期'],
  },
} as const satisfies Record<ImportLedger, Record<string, readonly string[]>>;

export type ImportField<L extends ImportLedger = ImportLedger> = keyof (typeof IMPORT_COLUMNS)[L] & string;

/** Columns a file must map for the ledger to be imported at all. */
export const REQUIRED_COLUMNS: Record<ImportLedger, readonly string[]> = {
  households: ['headName'],
  visits: ['headName', 'visitDate', 'situation'],
  needs: ['content'],
};

/** The template's one sample row, in IMPORT_COLUMNS order (an ID number that passes its check). */
export const TEMPLATE_SAMPLE: Record<ImportLedger, Record<string, string>> = {
  households: {
    headName: '王建国', villagerGroup: '一组', gridCell: '第一网格', category: '一般户', phone: '13812345678', address: '李家村一组12号',
    housingGrade: '安全住房', helperName: '李明', householdSize: '3', memberName: '王建国', relation: '户主', idNumber: '11010519491231002X',
    labourCapacity: '有劳动力', health: '健康', schooling: '初中', notes: '',
  },
  visits: {
    headName: '王建国', villagerGroup: '一组', visitDate: '2026-03-05', mode: '入户', visitors: '李明', situation: '家中老人腿脚不便，医保已续',
    actions: '联系村医上门', confirmed: '是', nextVisitDue: '2026-04-05',
  },
  needs: {
    headName: '王建国', villagerGroup: '一组', category: '路', content: '组里便道雨天泥泞', owner: '李明', dueDate: '2026-04-30',
    status: '待办', outcome: '', satisfaction: '', closedOn: '',
  },
};

const required = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? V.required : V.invalid);

/** The file: a path on this computer, or its bytes (base64) as the page read them from a chosen file. */
export const importSource = z
  .strictObject({
    path: z.string({ error: V.invalid }).min(1, { error: V.required }).max(4096, { error: V.tooLong }).optional(),
    // Base64 of at most MAX_IMPORT_BYTES.
    data: z.string({ error: V.invalid }).min(1, { error: V.required }).max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, { error: V.tooLarge }).optional(),
  }, { error: required })
  .superRefine((source, ctx) => {
    if (source.path === undefined && source.data === undefined) ctx.addIssue({ code: 'custom', path: ['path'], message: V.required });
    if (source.path !== undefined && source.data !== undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: V.invalid });
    if (source.path !== undefined && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(source.path)) ctx.addIssue({ code: 'custom', path: ['path'], message: V.absolutePath });
    if (source.data !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(source.data)) ctx.addIssue({ code: 'custom', path: ['data'], message: V.invalid });
  });

const ALL_FIELDS = [...new Set(IMPORT_LEDGERS.flatMap((l) => Object.keys(IMPORT_COLUMNS[l])))] as [string, ...string[]];

/** Which column (0-based, as read) feeds which field; a column left out is not imported. */
export const importMapping = z
  .array(
    z.strictObject({
      column: z.number({ error: required }).int({ error: V.wholeNumber }).min(0, { error: V.notNegative }).max(MAX_IMPORT_COLUMNS - 1, { error: V.tooLarge }),
      field: z.enum(ALL_FIELDS, { error: required }),
    }),
    { error: V.invalid },
  )
  .max(MAX_IMPORT_COLUMNS, { error: V.tooLong });
export type ImportMapping = z.infer<typeof importMapping>;

const ledgerChoice = z.enum(IMPORT_LEDGERS, { error: required });

function checkMapping(value: { ledger: ImportLedger; mapping?: ImportMapping }, ctx: z.RefinementCtx): void {
  const known = Object.keys(IMPORT_COLUMNS[value.ledger]);
  const columns = new Set<number>();
  const fields = new Set<string>();
  (value.mapping ?? []).forEach((entry, i) => {
    if (!known.includes(entry.field)) ctx.addIssue({ code: 'custom', path: ['mapping', i, 'field'], message: V.invalid });
    if (fields.has(entry.field)) ctx.addIssue({ code: 'custom', path: ['mapping', i, 'field'], message: 'imports.reason.fieldTwice' });
    if (columns.has(entry.column)) ctx.addIssue({ code: 'custom', path: ['mapping', i, 'column'], message: 'imports.reason.columnTwice' });
    fields.add(entry.field);
    columns.add(entry.column);
  });
}

const headerRow = z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(HEADER_SEARCH_ROWS, { error: V.tooLarge });
/** Soft rules the person accepted for every row: a head's name close to another in the group, a second visit on one day. */
export const IMPORT_CONFIRMATIONS = ['similarHousehold', 'sameDayVisit'] as const;
const confirm = z.array(z.enum(IMPORT_CONFIRMATIONS, { error: V.invalid }), { error: V.invalid }).max(IMPORT_CONFIRMATIONS.length, { error: V.tooLong }).optional();

const importRequestShape = {
  ledger: ledgerChoice,
  villageId: rowId,
  source: importSource,
  /** 1-based row of the header; found by its words when left out. */
  headerRow: headerRow.optional(),
  confirm,
};

/** `imports.preview`: the mapping is guessed (or remembered) when left out. Nothing is stored. */
export const importPreviewInput = z.strictObject({ ...importRequestShape, mapping: importMapping.optional() }).superRefine(checkMapping);
/** `imports.commit`: the mapping the person confirmed. */
export const importCommitInput = z.strictObject({ ...importRequestShape, mapping: importMapping }).superRefine(checkMapping);
export type ImportPreviewInput = z.input<typeof importPreviewInput>;
export type ImportCommitInput = z.input<typeof importCommitInput>;

/** Why a row was refused: its row number in the file, the column's header, and an i18n key. */
export const importRefusal = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
  /** Values for the message: the earlier row of a duplicate, … */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportRefusal = z.infer<typeof importRefusal>;

/** A household of the file already kept: its head and group as kept, its rows, the rows whose member joins it, and those already there. */
export const importJoin = z.object({
  household: z.string(),
  villagerGroup: z.string().nullable(),
  rows: z.array(z.number().int()),
  added: z.array(z.number().int()),
  present: z.array(z.number().int()),
});
export type ImportJoin = z.infer<typeof importJoin>;

const checkResult = {
  /** Data rows read (blank rows not counted). */
  rows: z.number().int(),
  /** Rows that would be (or were) imported. */
  accepted: z.number().int(),
  refusedRows: z.number().int(),
  /** At most MAX_LISTED_REFUSALS, in row order. */
  refusals: z.array(importRefusal),
  /** Records written (or that would be): households and members, visits or needs. */
  records: z.record(z.string(), z.number().int()),
  /** Households of the file already in the ledger, whose new members join them (at most MAX_LISTED_REFUSALS). */
  joins: z.array(importJoin),
};

export const importPreview = z.object({
  format: z.enum(['xlsx', 'csv']),
  /** How a CSV was decoded (WPS writes UTF-8 with a BOM, or GB18030). */
  encoding: z.string().nullable(),
  headerRow: z.number().int(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), samples: z.array(z.string()) })),
  mapping: importMapping,
  /** Where the mapping came from: remembered from the last import of this ledger, or guessed from the headers. */
  mappingFrom: z.enum(['remembered', 'guessed', 'given']),
  /** The first rows below the header: row number and cell texts. */
  sample: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  missing: z.array(z.string()),
  ...checkResult,
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importCommitResult = z.object(checkResult);
export type ImportCommitResult = z.infer<typeof importCommitResult>;

/** `imports.template`: an XLSX with the headers and one sample row, saved where chosen (or offered as a download). */
export const importTemplateInput = z.strictObject({
  ledger: ledgerChoice,
  path: z.string({ error: V.invalid }).min(1, { error: V.required }).max(4096, { error: V.tooLong }).refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), { error: V.absolutePath }).refine((p) => /\.xlsx$/i.test(p), { error: V.invalid }).optional(),
});
export const importTemplateResult = z.object({ file: z.string(), fileName: z.string(), download: z.string().nullable() });

/** The template's file and sheet name. */
export const TEMPLATE_NAMES: Record<ImportLedger, string> = {
  households: '农户花名册导入模板',
  visits: '入户走访导入模板',
  needs: '群众诉求导入模板',
};
