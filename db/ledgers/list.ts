// The reads of a ledger's list and record: a page filtered, searched, sorted and limited to
// villages in SQLite, one record, and the live rows pointing at a record (a delete's cascade).
// Each row carries one label column per reference (the household's head, …) and the device
// whose change first recorded it (from the record's clock). The service decides what to ask;
// the SQL is built here.
import type { LedgerName } from '../ledgers';
import type { Sqlite } from '../open';
import { createClockReader } from '../sync/clocks';
import { HLC_HEX_LENGTH } from '../sync/hlc';
import { liveVillageCount } from './villages';

type Row = Record<string, unknown>;

const q = (identifier: string) => `"${identifier}"`;

/** A column of the ledger that names a row of another, and the column of that row shown for it. */
export interface LedgerReference {
  /** The label comes back as `ref_<field>`. */
  readonly field: string;
  readonly column: string;
  readonly table: LedgerName;
  readonly label: string;
}

/** Rows overdue: a due date before today and a status not among the done ones. */
export interface Overdue {
  readonly dueColumn: string;
  readonly statusColumn: string;
  readonly done: readonly string[];
  readonly today: string;
}

export interface LedgerPageQuery {
  /** The villages whose rows are listed (a one-village list, every live village, or some). */
  readonly villages: readonly string[];
  /** Column equal to a value (as stored), or IS NULL for null. */
  readonly equals: readonly (readonly [column: string, value: unknown])[];
  /** Any of these columns containing the text (LIKE, its wildcards escaped). */
  readonly search: { readonly columns: readonly string[]; readonly text: string } | null;
  /** Bounds on one column, inclusive. */
  readonly range: { readonly column: string; readonly from?: string; readonly to?: string } | null;
  /** Only the overdue rows. */
  readonly overdueOnly: Overdue | null;
  /** Overdue rows first, the longest overdue first, before the sort. */
  readonly overdueFirst: Overdue | null;
  readonly sort: { readonly column: string; readonly order: 'asc' | 'desc' };
  readonly limit: number;
  readonly offset: number;
}

export interface LedgerReader {
  /** A live row with its labels, or undefined. */
  live(id: string): Row | undefined;
  page(query: LedgerPageQuery): { rows: Row[]; total: number };
}

export function createLedgerReader(sqlite: Sqlite, table: LedgerName, references: readonly LedgerReference[]): LedgerReader {
  const joins = references.map((ref, i) => ({
    column: `r${i}.${q(ref.label)} AS ${q(`ref_${ref.field}`)}`,
    join: `LEFT JOIN ${q(ref.table)} AS r${i} ON r${i}.id = t.${q(ref.column)}`,
  }));
  const select = `SELECT t.*${joins.map((j) => `, ${j.column}`).join('')} FROM ${q(table)} AS t ${joins.map((j) => j.join).join(' ')}`;
  const live = sqlite.prepare(`${select} WHERE t.id = ? AND t.deleted_at IS NULL`);
  // The row's first change names the device that recorded it: the record's clock keeps that
  // change's id (its origin follows the HLC), read for the rows asked for — a page, or one row.
  const clocks = createClockReader(sqlite);
  const withRecorder = (rows: Row[]): Row[] => rows.map((row) => ({ ...row, recorded_by: clocks.read(table, row.id as string)?.firstId.slice(HLC_HEX_LENGTH) ?? null }));

  return {
    live(id) {
      const row = live.get(id) as Row | undefined;
      return row && withRecorder([row])[0];
    },
    page(query) {
      // One village by equality, so the (village_id, deleted_at, sort column) indexes can order the
      // page; every live village (a coordinator's usual view) as a lookup on villages' key, which
      // lets SQLite walk an index in the page's order instead of sorting the whole table.
      const where: string[] = ['t.deleted_at IS NULL'];
      const params: unknown[] = [];
      if (query.villages.length === 1) {
        where.push('t.village_id = ?');
        params.push(query.villages[0]);
      } else if (query.villages.length === liveVillageCount(sqlite)) {
        where.push('t.village_id IN (SELECT id FROM villages WHERE deleted_at IS NULL)');
      } else {
        where.push('t.village_id IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(query.villages));
      }
      for (const [column, value] of query.equals) {
        where.push(value === null ? `t.${q(column)} IS NULL` : `t.${q(column)} = ?`);
        if (value !== null) params.push(value);
      }
      if (query.search && query.search.columns.length) {
        where.push(`(${query.search.columns.map((c) => `t.${q(c)} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
        const pattern = `%${query.search.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        for (let i = 0; i < query.search.columns.length; i++) params.push(pattern);
      }
      if (query.range?.from) {
        where.push(`t.${q(query.range.column)} >= ?`);
        params.push(query.range.from);
      }
      if (query.range?.to) {
        where.push(`t.${q(query.range.column)} <= ?`);
        params.push(query.range.to);
      }
      if (query.overdueOnly) {
        const o = query.overdueOnly;
        where.push(`t.${q(o.dueColumn)} < ? AND t.${q(o.statusColumn)} NOT IN (SELECT value FROM json_each(?))`);
        params.push(o.today, JSON.stringify(o.done));
      }
      const whereSql = where.join(' AND ');
      const first = query.overdueFirst;
      const orderSql = [...(first ? [overdueFirstSql(first)] : []), `t.${q(query.sort.column)} ${query.sort.order === 'asc' ? 'ASC' : 'DESC'}`, 't.id'].join(', ');
      const orderParams = first ? [first.today, JSON.stringify(first.done), first.today, JSON.stringify(first.done)] : [];
      const total = sqlite.prepare(`SELECT count(*) FROM ${q(table)} AS t WHERE ${whereSql}`).pluck().get(...params) as number;
      const rows = sqlite.prepare(`${select} WHERE ${whereSql} ORDER BY ${orderSql} LIMIT ? OFFSET ?`).all(...params, ...orderParams, query.limit, query.offset) as Row[];
      return { rows: withRecorder(rows), total };
    },
  };
}

/** ORDER BY terms putting overdue rows first (their due date ascending); binds today and the done statuses twice. */
function overdueFirstSql(due: Overdue): string {
  const overdue = `(t.${q(due.dueColumn)} < ? AND t.${q(due.statusColumn)} NOT IN (SELECT value FROM json_each(?)))`;
  return `${overdue} DESC, CASE WHEN ${overdue} THEN t.${q(due.dueColumn)} END ASC`;
}

/** The live rows of `table` whose `column` names the record (what a delete takes with it). */
export function liveRowsPointingAt(sqlite: Sqlite, table: LedgerName, column: string, id: string): string[] {
  return sqlite.prepare(`SELECT id FROM ${q(table)} WHERE ${q(column)} = ? AND deleted_at IS NULL`).pluck().all(id) as string[];
}
