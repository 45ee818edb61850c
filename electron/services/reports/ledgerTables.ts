// The ledger tables of the visits-and-needs and projects-and-funds reports (the monthly report
// reuses the needs and projects ones): rows streamed village by village from db/reports, a
// totals row accumulated as they pass.
import { FUND_DIRECTION_LABELS, NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS, SATISFACTION_LABELS, VISIT_MODE_LABELS } from '../../../shared/domain/ledgerEnums';
import { moneyBySource } from '../../../db/dashboard/details';
import { countNeeds, countVisits, needLines, visitLines } from '../../../db/reports/visitsNeeds';
import { countFundEntries, countProjects, fundLines, projectLines } from '../../../db/reports/funds';
import { col, withTotals, type DataLine, type TableDef } from './model';
import { photosCell, photosColumn, photosOf } from './photos';
import { enumCell, flag, linesOf, phoneCell, placeCells, placeColumns, type ReportSource } from './source';
import type { VillageRow } from '../../../db/reports/villages';
import type { RecordPhotos } from '../../../db/reports/photos';
import { wordsOf } from './words';

/** A streamed table with a totals row: `rows()` reads afresh each time it is called. */
function ledgerTable(
  source: ReportSource,
  key: string,
  names: { sheet: [string, string]; caption: [string, string] },
  columns: ReturnType<typeof col>[],
  estimate: number,
  data: () => Iterable<DataLine>,
  totalLabel?: (rows: number) => string,
  photos = false,
): TableDef {
  const lang = source.request.language;
  const w = wordsOf(lang);
  const all = [...placeColumns(source), ...columns, ...(photos ? [photosColumn()] : [])];
  return {
    key,
    sheetName: lang === 'zh-CN' ? names.sheet[0] : names.sheet[1],
    caption: lang === 'zh-CN' ? names.caption[0] : names.caption[1],
    columns: all,
    estimate: estimate + 1,
    rows: () => withTotals(all, data(), totalLabel ?? w.totalRows),
  };
}

/** Thumbnails asked for, and a file store to find them in (the monthly report's projects never ask). */
function wantsPhotos(source: ReportSource): boolean {
  return source.request.thumbnails && source.files !== null && source.request.report !== 'monthly';
}

/** As `linesOf`, keeping each row beside its cells (for its photos). */
function* recordLines<R>(source: ReportSource, lines: Iterable<VillageRow<R>>, cells: (row: R) => (string | number | boolean | null)[]): Generator<{ cells: (string | number | boolean | null)[]; row: R }> {
  for (const { village, row } of lines) yield { cells: [...placeCells(source, village), ...cells(row)], row };
}

/** Rows that carry their record's photos: the photos column's cell and the thumbnails. */
function* withPhotos(source: ReportSource, lines: Iterable<{ cells: (string | number | boolean | null)[]; row: Partial<RecordPhotos> }>): Generator<DataLine> {
  const lang = source.request.language;
  const photos = wantsPhotos(source);
  for (const { cells, row } of lines) {
    if (!photos) {
      yield cells;
      continue;
    }
    const found = photosOf(row, source.files!, lang);
    yield { cells: [...cells, photosCell(found, lang)], photos: found };
  }
}

export function visitsTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return ledgerTable(
    source,
    'visits',
    { sheet: ['走访记录', 'Visits'], caption: ['走访记录', 'Visits'] },
    [
      col('visitDate', '走访日期', 'Date', 'date', 11),
      col('headName', '户主', 'Head of household', 'text', 10),
      col('villagerGroup', '村民小组', 'Group', 'text', 9),
      col('phone', '联系电话', 'Phone', 'code', 14),
      col('mode', '方式', 'Mode', 'text', 6),
      col('visitors', '走访人', 'Visitors', 'text', 12),
      col('situation', '了解情况', 'What was found', 'text', 40),
      col('actions', '帮办事项', 'What was done', 'text', 30),
      col('confirmed', '农户确认', 'Confirmed', 'flag', 9, 'count'),
      col('nextVisitDue', '下次走访', 'Next visit', 'date', 11),
    ],
    countVisits(sqlite, p),
    () =>
      withPhotos(source, recordLines(source, visitLines(sqlite, p, villages, wantsPhotos(source)), (r) => [
        r.visitDate, r.headName, r.villagerGroup, phoneCell(source, r.phone), enumCell(source, VISIT_MODE_LABELS, r.mode),
        r.visitors, r.situation, r.actions, flag(r.confirmed), r.nextVisitDue,
      ])),
    undefined,
    wantsPhotos(source),
  );
}

export function needsTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return ledgerTable(
    source,
    'needs',
    { sheet: ['群众诉求', 'Needs'], caption: ['群众诉求（期内提出、期内办结或截至统计日未办结的）', 'Needs raised or closed in the period, or still open'] },
    [
      col('raisedOn', '提出日期', 'Raised', 'date', 11),
      col('headName', '户主', 'Household', 'text', 10),
      col('category', '类别', 'Category', 'text', 8),
      col('content', '诉求内容', 'Need', 'text', 36),
      col('owner', '责任人', 'Owner', 'text', 10),
      col('dueDate', '办理时限', 'Due', 'date', 11),
      col('status', '状态', 'Status', 'text', 8),
      col('closedOn', '办结日期', 'Closed', 'date', 11),
      col('outcome', '办理结果', 'Outcome', 'text', 30),
      col('satisfaction', '满意度', 'Satisfaction', 'text', 9),
      col('raised', '期内提出', 'Raised in period', 'flag', 9, 'count'),
      col('solved', '期内办结', 'Solved in period', 'flag', 9, 'count'),
      col('open', '未办结', 'Open', 'flag', 8, 'count'),
      col('overdue', '逾期', 'Overdue', 'flag', 6, 'count'),
    ],
    countNeeds(sqlite, p),
    () =>
      linesOf(source, needLines(sqlite, p, villages), (r) => [
        r.raisedOn, r.headName, enumCell(source, NEED_CATEGORY_LABELS, r.category), r.content, r.owner, r.dueDate,
        enumCell(source, NEED_STATUS_LABELS, r.status), r.closedOn, r.outcome, enumCell(source, SATISFACTION_LABELS, r.satisfaction),
        flag(r.raised), flag(r.solved), flag(r.open), flag(r.overdue),
      ]),
  );
}

export function projectsTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return ledgerTable(
    source,
    'projects',
    { sheet: ['项目', 'Projects'], caption: [`项目及资金（资金截至 ${p.to}；金额单位：万元）`, `Projects and their money (up to ${p.to}; in 10,000 yuan)`] },
    [
      col('name', '项目名称', 'Project', 'text', 24),
      col('kind', '类型', 'Kind', 'text', 8),
      col('status', '状态', 'Stage', 'text', 6),
      col('startDate', '开工日期', 'Start', 'date', 11),
      col('endDate', '完工日期', 'End', 'date', 11),
      col('responsible', '责任人', 'Responsible', 'text', 10),
      col('beneficiaries', '受益户数', 'Households benefiting', 'integer', 9, 'sum'),
      col('budgetFen', '预算（万元）', 'Budget', 'wanYuan', 12, 'sum'),
      col('receivedFen', '到位（万元）', 'Received', 'wanYuan', 12, 'sum'),
      col('spentFen', '支出（万元）', 'Spent', 'wanYuan', 12, 'sum'),
      col('balanceFen', '结余（万元）', 'Balance', 'wanYuan', 12, 'sum'),
      col('spentRatio', '支出率', 'Spent share', 'percent', 8, { ratio: ['spentFen', 'receivedFen'] }),
    ],
    countProjects(sqlite, p),
    () =>
      withPhotos(source, recordLines(source, projectLines(sqlite, p, villages, wantsPhotos(source)), (r) => [
        r.name, enumCell(source, PROJECT_KIND_LABELS, r.kind), enumCell(source, PROJECT_STATUS_LABELS, r.status), r.startDate, r.endDate,
        r.responsible, r.beneficiaryHouseholds, r.budgetFen, r.receivedFen, r.spentFen, r.receivedFen - r.spentFen,
        r.receivedFen > 0 ? r.spentFen / r.receivedFen : null,
      ])),
    undefined,
    wantsPhotos(source),
  );
}

/** Money by source: the dashboards' own figures (db/dashboard moneyBySource), a few rows. */
export function sourcesTable(source: ReportSource): TableDef {
  const lang = source.request.language;
  const w = wordsOf(lang);
  const columns = [
    col('source', '资金来源', 'Source', 'text', 24),
    col('receivedFen', '到位（万元）', 'Received', 'wanYuan', 14, 'sum'),
    col('spentFen', '支出（万元）', 'Spent', 'wanYuan', 14, 'sum'),
    col('spentRatio', '支出率', 'Spent share', 'percent', 9, { ratio: ['spentFen', 'receivedFen'] }),
  ];
  const unnamed = lang === 'zh-CN' ? '（未填来源）' : '(no source given)';
  const rows = moneyBySource(source.sqlite, source.p);
  return {
    key: 'sources',
    sheetName: lang === 'zh-CN' ? '资金来源' : 'Sources',
    caption: lang === 'zh-CN' ? `资金来源（截至 ${source.p.to}；金额单位：万元）` : `Money by source (up to ${source.p.to}; in 10,000 yuan)`,
    columns,
    estimate: rows.length + 1,
    rows: () =>
      withTotals(
        columns,
        rows.map((r) => [r.source ?? unnamed, r.receivedFen, r.spentFen, r.receivedFen > 0 ? r.spentFen / r.receivedFen : null]),
        () => w.total,
      ),
  };
}

export function fundsTable(source: ReportSource): TableDef {
  const { sqlite, p, villages } = source;
  return ledgerTable(
    source,
    'funds',
    { sheet: ['资金明细', 'Fund entries'], caption: [`资金明细（截至 ${p.to}；金额单位：元）`, `Every fund entry (up to ${p.to}; in yuan)`] },
    [
      col('projectName', '项目名称', 'Project', 'text', 24),
      col('entryDate', '日期', 'Date', 'date', 11),
      col('direction', '收支', 'In/out', 'text', 6),
      col('source', '资金来源', 'Source', 'text', 18),
      col('receivedFen', '到位（元）', 'Received', 'yuan', 14, 'sum'),
      col('spentFen', '支出（元）', 'Spent', 'yuan', 14, 'sum'),
      col('purpose', '用途', 'Purpose', 'text', 24),
      col('voucherNo', '凭证号', 'Voucher', 'code', 12),
    ],
    countFundEntries(sqlite, p),
    () =>
      linesOf(source, fundLines(sqlite, p, villages), (r) => [
        r.projectName, r.entryDate, enumCell(source, FUND_DIRECTION_LABELS, r.direction), r.source,
        r.direction === 'in' ? r.amountFen : null, r.direction === 'out' ? r.amountFen : null, r.purpose, r.voucherNo,
      ]),
  );
}
