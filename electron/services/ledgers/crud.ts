// The five methods of a ledger, from its definition and rules: list (filtered, searched,
// sorted and paged in SQLite, limited to the villages in scope), get, create, update, delete.
// Every write goes through the store, so it lands in the change log and syncs.
import { ApiError } from '../../../shared/api/result';
import type { CrudMethod, LedgerNoun } from '../../../shared/api/methods';
import type { Handlers } from '../../../shared/api/types';
import { snakeCase, type Confirmation, type LedgerDefinition, type LedgerListQuery } from '../../../shared/domain/ledgers/define';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { partsOf } from '../../../shared/domain/ledgers/references';
import { villagesOfTownship } from '../../../db/dashboard/index';
import { isLedger, isLedgerColumn, type LedgerName } from '../../../db/ledgers';
import { createLedgerReader, liveRowsPointingAt } from '../../../db/ledgers/list';
import { trustedDeviceName } from '../../../db/sync/trust';
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

export function ledgerHandlers(ctx: ServiceContext, def: AnyDefinition): Pick<Handlers, CrudMethod> {
  const noun = def.noun as LedgerNoun;
  const checks = writeChecks(ctx, def);
  const { rules, referenceFields } = checks;
  if (!isLedger(def.table)) throw new Error(`${noun}: ${def.table} is not a ledger table`);
  const table: LedgerName = def.table;
  // The ledgers that are part of this one (their definition's place): their rows go with a deleted row.
  const cascade = partsOf(noun).map((part) => ({ table: LEDGER_DEFINITIONS[part.noun].table as LedgerName, column: snakeCase(part.field) }));
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
    return trustedDeviceName(ctx.db.sqlite, deviceId);
  }

  function withRefNames(rows: Row[]): Record<string, unknown>[] {
    const names = new Map<string, string | null>();
    const records = rows.map((row) => {
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
    return rules.computed ? rules.computed(ctx, records) : records;
  }

  const reader = createLedgerReader(
    ctx.db.sqlite,
    table,
    referenceFields.map((field) => ({ field, column: columnOf(field), table: REFERENCES[field]!.table, label: REFERENCES[field]!.label })),
  );

  function getLive(id: string): Row {
    const row = reader.live(id);
    if (!row || !villagesInScope(ctx).includes(row.village_id as string)) throw new ApiError('NOT_FOUND', `${noun} ${id} does not exist`);
    return row;
  }

  /** Throws the first refusal, or the questions not yet confirmed; returns when the write may go ahead. */
  function refuseIfWrong(villageId: string, id: string | null, record: Record<string, unknown>, confirm: readonly Confirmation[] = []): void {
    const verdict = checks.judge(villageId, id, record, confirm);
    if (verdict.hard.length) throw new ApiError('INVALID_INPUT', `${noun}: the record was refused`, verdict.hard);
    if (verdict.soft.length) throw new ApiError('NEEDS_CONFIRMATION', verdict.asks.join(','), verdict.soft);
  }

  function list(input: ListInput): { items: Record<string, unknown>[]; total: number } {
    requireProfile(ctx);
    const scope = villagesInScope(ctx);
    const villages = input.villageId
      ? scope.filter((v) => v === input.villageId)
      : input.township
        ? villagesOfTownship(ctx.db.sqlite, scope, input.township)
        : scope;
    const equals: [string, unknown][] = [];
    for (const [field, value] of Object.entries(input.filters ?? {})) {
      if (value === undefined) continue;
      const codec = def.codecs[field as never];
      equals.push([columnOf(field), value === null ? null : codec === 'bool' ? (value ? 1 : 0) : value]);
    }
    const bounded = input.dateField ?? def.dateField;
    const overdue = def.due
      ? { dueColumn: columnOf(def.due.field), statusColumn: columnOf(def.due.status), done: def.due.done, today: today(ctx.now) }
      : null;
    const sortField = input.sort?.field ?? def.dateField ?? 'updatedAt';
    const { rows, total } = reader.page({
      villages,
      equals,
      search: input.search && def.searchable.length ? { columns: def.searchable.map(columnOf), text: input.search } : null,
      range: bounded && (input.from || input.to) ? { column: columnOf(bounded), from: input.from, to: input.to } : null,
      overdueOnly: input.overdue ? overdue : null,
      // Unless a person sorts, what is overdue leads, the longest overdue first: it is what the list is opened for.
      overdueFirst: !input.sort && !input.overdue ? overdue : null,
      sort: {
        column: sortField === 'createdAt' ? 'created_at' : sortField === 'updatedAt' ? 'updated_at' : columnOf(sortField),
        order: input.sort?.order ?? 'desc',
      },
      limit: input.limit,
      offset: input.offset,
    });
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
      // A record goes with its live attachments (synced deletes, so their files can be swept
      // once the backups no longer reach them), and so does each row of its cascade.
      const removeWithAttachments = (from: LedgerName, rowId: string) => {
        for (const attachmentId of liveRowsPointingAt(ctx.db.sqlite, 'attachments', 'record_id', rowId)) ctx.store.remove('attachments', attachmentId);
        ctx.store.remove(from, rowId);
      };
      ctx.store.transaction(() => {
        getLive(id);
        for (const child of cascade) {
          for (const childId of liveRowsPointingAt(ctx.db.sqlite, child.table, child.column, id)) removeWithAttachments(child.table, childId);
        }
        removeWithAttachments(table, id);
      });
      return { id };
    },
  };
  return handlers as unknown as Pick<Handlers, CrudMethod>;
}

function stripUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
