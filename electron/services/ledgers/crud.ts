// The five methods of a ledger, from its definition and rules: list (filtered, searched,
// sorted and paged in SQLite, limited to the villages in scope), get, create, update, delete.
// Every write goes through the store, so it lands in the change log and syncs.
import { ApiError } from '../../../shared/api/result';
import type { CrudMethod, LedgerNoun } from '../../../shared/api/methods';
import type { Handlers } from '../../../shared/api/types';
import { snakeCase, type Confirmation, type LedgerDefinition, type LedgerListQuery } from '../../../shared/domain/ledgers/define';
import { villagesOfTownship } from '../../../db/dashboard/index';
import { isLedger, isLedgerColumn, type LedgerName } from '../../../db/ledgers';
import type { ServiceContext } from '../context';
import { readProfile, requireProfile } from '../profile';
import { fromRow, toColumns } from './codec';
import { REFERENCES } from './rules';
import { requireVillageInScope, villagesInScope } from './scope';
import { today } from './today';
import { writeChecks } from './writeChecks';

type AnyDefinition = LedgerDefinition<string, Record<string, never>>;
type Row = Record<string, unknown>;

type ListInput = LedgerListQuery;

const q = (identifier: string) => `"${identifier}"`;


export function ledgerHandlers(ctx: ServiceContext, def: AnyDefinition): Pick<Handlers, CrudMethod> {
  const noun = def.noun as LedgerNoun;
  const checks = writeChecks(ctx, def);
  const { rules, referenceFields } = checks;
  if (!isLedger(def.table)) throw new Error(`${noun}: ${def.table} is not a ledger table`);
  const table: LedgerName = def.table;
  const columnOf = (field: string) => {
    const column = snakeCase(field);
    if (!isLedgerColumn(table, column)) throw new Error(`${noun}.${field}: ${table} has no column ${column}`);
    return column;
  };
  // Fail at start-up, not on first use, if a definition names a column the table lacks.
  for (const field of Object.keys(def.fields)) columnOf(field);

  /** The person behind a device id: this device's own profile, or a device it trusts. */
  function deviceName(deviceId: string): string | null {
    if (deviceId === ctx.identity.deviceId) return readProfile(ctx)?.name ?? null;
    return (ctx.db.sqlite.prepare('SELECT name FROM trusted_devices WHERE device_id = ?').pluck().get(deviceId) as string | undefined) ?? null;
  }

  function withRefNames(rows: Row[]): Record<string, unknown>[] {
    const names = new Map<string, string | null>();
    return rows.map((row) => {
      const record = fromRow(def, row);
      const refNames: Record<string, string> = {};
      for (const field of referenceFields) {
        const label = row[`ref_${field}`];
        if (typeof label === 'string') refNames[field] = label;
      }
      const origin = typeof row.recorded_by === 'string' ? row.recorded_by : null;
      if (origin && !names.has(origin)) names.set(origin, deviceName(origin));
      return { ...record, refNames, recordedBy: origin ? { deviceId: origin, name: names.get(origin) ?? null } : null };
    });
  }

  /** SELECT of the table with one label column per reference (the household's head, …). */
  function selectSql(): string {
    const joins = referenceFields.map((field, i) => {
      const ref = REFERENCES[field]!;
      return { column: `r${i}.${q(ref.label)} AS ${q(`ref_${field}`)}`, join: `LEFT JOIN ${q(ref.table)} AS r${i} ON r${i}.id = t.${q(columnOf(field))}` };
    });
    // The row's first change names the device that recorded it (changes_by_cell finds it).
    const recordedBy = `(SELECT c.origin FROM changes AS c WHERE c.tbl = '${table}' AND c.row_id = t.id ORDER BY c.id LIMIT 1) AS recorded_by`;
    return `SELECT t.*, ${recordedBy}${joins.map((j) => `, ${j.column}`).join('')} FROM ${q(table)} AS t ${joins.map((j) => j.join).join(' ')}`;
  }

  function getLive(id: string): Row {
    const row = ctx.db.sqlite.prepare(`${selectSql()} WHERE t.id = ? AND t.deleted_at IS NULL`).get(id) as Row | undefined;
    if (!row || !villagesInScope(ctx).includes(row.village_id as string)) throw new ApiError('NOT_FOUND', `${noun} ${id} does not exist`);
    return row;
  }

  /** Throws the first refusal, or the questions not yet confirmed; returns when the write may go ahead. */
  function refuseIfWrong(villageId: string, id: string | null, record: Record<string, unknown>, confirm: readonly Confirmation[] = []): void {
    const verdict = checks.judge(villageId, id, record, confirm);
    if (verdict.hard.length) throw new ApiError('INVALID_INPUT', `${noun}: the record was refused`, verdict.hard);
    if (verdict.soft.length) throw new ApiError('NEEDS_CONFIRMATION', verdict.asks.join(','), verdict.soft);
  }

  function liveVillageCount(): number {
    return ctx.db.sqlite.prepare('SELECT count(*) FROM villages WHERE deleted_at IS NULL').pluck().get() as number;
  }

  function list(input: ListInput): { items: Record<string, unknown>[]; total: number } {
    requireProfile(ctx);
    const scope = villagesInScope(ctx);
    const villages = input.villageId
      ? scope.filter((v) => v === input.villageId)
      : input.township
        ? villagesOfTownship(ctx.db.sqlite, scope, input.township)
        : scope;
    // One village by equality, so the (village_id, deleted_at, sort column) indexes can order the
    // page; every live village (a coordinator's usual view) as a lookup on villages' key, which
    // lets SQLite walk an index in the page's order instead of sorting the whole table.
    const where: string[] = ['t.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (villages.length === 1) {
      where.push('t.village_id = ?');
      params.push(villages[0]);
    } else if (villages.length === liveVillageCount()) {
      where.push('t.village_id IN (SELECT id FROM villages WHERE deleted_at IS NULL)');
    } else {
      where.push('t.village_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(villages));
    }
    for (const [field, value] of Object.entries(input.filters ?? {})) {
      if (value === undefined) continue;
      const codec = def.codecs[field as never];
      where.push(value === null ? `t.${q(columnOf(field))} IS NULL` : `t.${q(columnOf(field))} = ?`);
      if (value !== null) params.push(codec === 'bool' ? (value ? 1 : 0) : value);
    }
    if (input.search && def.searchable.length) {
      where.push(`(${def.searchable.map((f) => `t.${q(columnOf(f))} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      const pattern = `%${input.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      for (let i = 0; i < def.searchable.length; i++) params.push(pattern);
    }
    const bounded = input.dateField ?? def.dateField;
    if (bounded && input.from) {
      where.push(`t.${q(columnOf(bounded))} >= ?`);
      params.push(input.from);
    }
    if (bounded && input.to) {
      where.push(`t.${q(columnOf(bounded))} <= ?`);
      params.push(input.to);
    }
    if (def.due && input.overdue) {
      where.push(`t.${q(columnOf(def.due.field))} < ? AND t.${q(columnOf(def.due.status))} NOT IN (SELECT value FROM json_each(?))`);
      params.push(today(ctx.now), JSON.stringify(def.due.done));
    }
    const whereSql = where.join(' AND ');
    const sortField = input.sort?.field ?? def.dateField ?? 'updatedAt';
    const sortColumn = sortField === 'createdAt' ? 'created_at' : sortField === 'updatedAt' ? 'updated_at' : columnOf(sortField);
    const order = input.sort?.order ?? 'desc';
    // Unless a person sorts, what is overdue leads, the longest overdue first: it is what the list is opened for.
    const overdueFirst = def.due && !input.sort && !input.overdue ? overdueFirstSql(def.due, columnOf) : null;
    const orderSql = [...(overdueFirst ? [overdueFirst.sql] : []), `t.${q(sortColumn)} ${order === 'asc' ? 'ASC' : 'DESC'}`, 't.id'].join(', ');
    const orderParams = overdueFirst ? [today(ctx.now), JSON.stringify(def.due!.done), today(ctx.now), JSON.stringify(def.due!.done)] : [];
    const total = ctx.db.sqlite.prepare(`SELECT count(*) FROM ${q(table)} AS t WHERE ${whereSql}`).pluck().get(...params) as number;
    const rows = ctx.db.sqlite
      .prepare(`${selectSql()} WHERE ${whereSql} ORDER BY ${orderSql} LIMIT ? OFFSET ?`)
      .all(...params, ...orderParams, input.limit, input.offset) as Row[];
    return { items: withRefNames(rows), total };
  }

  const handlers: Record<string, (input: never) => unknown> = {
    [`${noun}.list`]: (input: ListInput) => list(input),
    [`${noun}.get`]: ({ id }: { id: string }) => withRefNames([getLive(id)])[0],
    [`${noun}.create`]: (input: Record<string, unknown> & { villageId: string; confirm?: Confirmation[] }) => {
      requireProfile(ctx);
      const { villageId, confirm, ...fields } = input;
      const id = ctx.store.transaction(() => {
        requireVillageInScope(ctx, villageId);
        const record = checks.completeNew(villageId, fields);
        refuseIfWrong(villageId, null, record, confirm);
        return ctx.store.create(table as 'households', villageId, toColumns(def, record));
      });
      return withRefNames([getLive(id)])[0];
    },
    [`${noun}.update`]: ({ id, patch, confirm }: { id: string; patch: Record<string, unknown>; confirm?: Confirmation[] }) => {
      requireProfile(ctx);
      ctx.store.transaction(() => {
        const current = getLive(id);
        const villageId = current.village_id as string;
        const merged = { ...fromRow(def, current), ...stripUndefined(patch) };
        const derived = rules.derive?.(merged) ?? {};
        const record = { ...merged, ...derived };
        refuseIfWrong(villageId, id, record, confirm);
        ctx.store.update(table as 'households', id, toColumns(def, { ...patch, ...derived }));
      });
      return withRefNames([getLive(id)])[0];
    },
    [`${noun}.delete`]: ({ id }: { id: string }) => {
      requireProfile(ctx);
      ctx.store.transaction(() => {
        getLive(id);
        for (const child of rules.cascade ?? []) {
          const children = ctx.db.sqlite
            .prepare(`SELECT id FROM ${q(child.table)} WHERE ${q(child.column)} = ? AND deleted_at IS NULL`)
            .pluck()
            .all(id) as string[];
          for (const childId of children) ctx.store.remove(child.table, childId);
        }
        ctx.store.remove(table, id);
      });
      return { id };
    },
  };
  return handlers as unknown as Pick<Handlers, CrudMethod>;
}

/** ORDER BY terms putting overdue rows first (their due date ascending); binds today and the done statuses twice. */
function overdueFirstSql(due: NonNullable<AnyDefinition['due']>, columnOf: (field: string) => string): { sql: string } {
  const overdue = `(t.${q(columnOf(due.field))} < ? AND t.${q(columnOf(due.status))} NOT IN (SELECT value FROM json_each(?)))`;
  return { sql: `${overdue} DESC, CASE WHEN ${overdue} THEN t.${q(columnOf(due.field))} END ASC` };
}

function stripUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
