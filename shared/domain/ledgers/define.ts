// One definition per ledger drives its contract (input, patch, row), its storage codec and its
// cross-field checks, so the renderer's form, the main process's refusal and the stored row
// cannot disagree. Field names are camelCase; the column is the snake_case of the name.
import { z } from 'zod';
import type { ApiIssue } from '../../api/result';
import { isoDate, rowId, V } from '../validation';
import type { LedgerPlace } from './place';

/** How a field is kept in its SQLite column when it is not plain text or a number. */
export type FieldCodec = 'bool' | 'json';

export interface LedgerDefinition<N extends string, S extends z.ZodRawShape, T extends string = string> {
  /** The noun of its API methods: `${noun}.list`, … */
  readonly noun: N;
  /** Its table: the allow-list (db/ledgers.ts) and kysely's types (db/schema.ts) are made from `fields` under this name. */
  readonly table: T;
  readonly fields: S;
  /** The fields a person recognises a record by, in reading order (what a conflict names it by); a
   *  reference field names the row it points at by that ledger's first `namedBy`. */
  readonly namedBy: readonly [keyof S & string, ...(keyof S & string)[]];
  readonly codecs: Partial<Record<keyof S & string, FieldCodec>>;
  /** Fields matched by the list's free-text search. */
  readonly searchable: readonly (keyof S & string)[];
  /** Fields a list can be filtered on by equality (choices, references, years). */
  readonly filterable: readonly (keyof S & string)[];
  /** The date that orders the list (newest first) and bounds `from`/`to`. */
  readonly dateField: (keyof S & string) | null;
  /** Other dates a list may be bounded on instead (`dateField` in the list input): a need's closedOn. */
  readonly otherDates: readonly (keyof S & string)[];
  /** A record is overdue when its due date has passed and its status is not one of `done`. */
  readonly due: { readonly field: keyof S & string; readonly status: keyof S & string; readonly done: readonly string[] } | null;
  /** Cross-field rules on a whole record (after a patch is merged, too). */
  readonly check: (record: Partial<z.output<z.ZodObject<S>>>) => ApiIssue[];
  /** Its group and icon in the menu, or the ledger it is part of (shared/domain/ledgers/place.ts). */
  readonly place: LedgerPlace;
  /** Fields the app computes (shown, never typed): a write giving one is refused with its message. */
  readonly computed: Partial<Record<keyof S & string, string>>;
}

export function defineLedger<N extends string, S extends z.ZodRawShape, T extends string>(definition: {
  noun: N;
  table: T;
  fields: S;
  namedBy: readonly [keyof S & string, ...(keyof S & string)[]];
  codecs?: Partial<Record<keyof S & string, FieldCodec>>;
  searchable: readonly (keyof S & string)[];
  filterable?: readonly (keyof S & string)[];
  dateField?: keyof S & string;
  otherDates?: readonly (keyof S & string)[];
  due?: { field: keyof S & string; status: keyof S & string; done: readonly string[] };
  check?: (record: Partial<z.output<z.ZodObject<S>>>) => ApiIssue[];
  place: LedgerPlace;
  computed?: Partial<Record<keyof S & string, string>>;
}): LedgerDefinition<N, S, T> {
  return { codecs: {}, check: () => [], filterable: [], dateField: null, otherDates: [], due: null, computed: {}, ...definition };
}

export { snakeCase } from './columns';

/**
 * Soft rules: the main process refuses with NEEDS_CONFIRMATION naming these, the renderer asks
 * the person, and sends the write again with `confirm` listing what they accepted.
 */
export const CONFIRMATIONS = ['similarHousehold', 'overspend', 'overBudget', 'sameDayVisit', 'lateStep'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];
const confirm = z.array(z.enum(CONFIRMATIONS, { error: V.invalid }), { error: V.invalid }).max(CONFIRMATIONS.length).optional();

/** Input of `create`: the village the row belongs to (fixed for ever) and every field. */
export function createSchema<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>) {
  return z.strictObject({ villageId: rowId, ...def.fields, confirm }).superRefine((value, ctx) => {
    refuseComputed(def, value, ctx);
    for (const issue of def.check(value as Partial<z.output<z.ZodObject<S>>>)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/** A computed field given a value is refused by name (an empty one is as good as left out). */
function refuseComputed<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>, value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [field, message] of Object.entries(def.computed) as [string, string][]) {
    if (value[field] !== undefined && value[field] !== null) ctx.addIssue({ code: 'custom', path: [field], message });
  }
}

/** Input of `update`: any subset of the fields. Cross-field checks run on the merged record. */
export function patchSchema<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>) {
  return z.strictObject({
    id: rowId,
    patch: z
      .strictObject(withoutDefaults(def.fields))
      .partial()
      .superRefine((value, ctx) => refuseComputed(def, value, ctx)),
    confirm,
  });
}

/** A field left out of a patch keeps its stored value: its create-time default must not fill it in
 *  (zod runs a default inside `.partial()`, which would reset `confirmed`, `dutyTags`, …). */
function withoutDefaults<S extends z.ZodRawShape>(fields: S): S {
  return Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [name, schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema]),
  ) as S;
}

const SORT_ORDER = z.enum(['asc', 'desc'], { error: V.invalid });

/** A parsed `list` input, as the generic screen sends it and the generic handler reads it. */
export interface LedgerListQuery {
  villageId?: string;
  /** Every village of one township among those in scope (a district's township figure). */
  township?: string;
  search?: string;
  filters?: Record<string, unknown>;
  from?: string;
  to?: string;
  /** The date `from`/`to` bound: the ledger's dateField unless one of its otherDates is named. */
  dateField?: string;
  overdue?: boolean;
  sort?: { field: string; order: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

/** Input of `list`: one village or all in scope, free text, equality filters, a date range,
 *  overdue only, a sort, and a page. Paging and filtering happen in SQLite. */
export function listSchema<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>) {
  const filterShape: Record<string, z.ZodType> = {};
  const fields = withoutDefaults(def.fields);
  for (const field of def.filterable) filterShape[field] = (fields[field] as unknown as z.ZodType).optional();
  const sortable = ['createdAt', 'updatedAt', ...Object.keys(def.fields)] as [string, ...string[]];
  return z
    .strictObject({
      villageId: rowId.optional(),
      township: z.string({ error: V.invalid }).trim().min(1, { error: V.required }).max(40, { error: V.tooLong }).optional(),
      search: z.string({ error: V.invalid }).trim().max(40, { error: V.tooLong }).optional(),
      filters: z.strictObject(filterShape).optional(),
      from: isoDate().optional(),
      to: isoDate().optional(),
      dateField: (def.dateField ? z.enum([def.dateField, ...def.otherDates] as [string, ...string[]], { error: V.invalid }) : z.never({ error: V.invalid })).optional(),
      overdue: z.boolean({ error: V.invalid }).optional(),
      sort: z.strictObject({ field: z.enum(sortable, { error: V.invalid }), order: SORT_ORDER }).optional(),
      offset: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(0, { error: V.notNegative }).default(0),
      limit: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(500, { error: V.tooLarge }).default(100),
    })
    .optional()
    .default({ offset: 0, limit: 100 });
}

/** A stored row as the renderer sees it. */
export function rowSchema<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>) {
  return z.object({
    id: z.string(),
    villageId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    ...def.fields,
    /** Display names of the rows this one refers to (householdId → the head's name, …). */
    refNames: z.record(z.string(), z.string()),
    /** Who first recorded the row: their device, and their name where this device knows it.
     *  It survives a secretary's handover, so a successor sees who wrote what. */
    recordedBy: z.object({ deviceId: z.string(), name: z.string().nullable() }).nullable(),
  });
}

/** Issue helper for `check`. */
export function issueAt(path: (string | number)[], message: string): ApiIssue {
  return { path, message };
}
