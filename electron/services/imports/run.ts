// Rows of a spreadsheet through the ledger's own create: each row parsed by the contract's schema
// (the form's rules), then written by the ledger's handler (the database-side rules of rules.ts and
// the store's change log), all in one transaction. A household and its members go in together or
// not at all; a row refused is listed with its row number, column and reason. A household already
// in the ledger (its head's ID number, else its head and group, as the file keys households) is
// not made twice: the file's new members join it, and those it already has are reported present.
// A dry run (the preview) does all of it and rolls back.
import { contract } from '../../../shared/api/contract';
import type { ApiIssue } from '../../../shared/api/result';
import type { ImportJoin, ImportLedger, ImportMapping, ImportRefusal } from '../../../shared/domain/imports';
import { IMPORT_COLUMNS, MAX_LISTED_REFUSALS } from '../../../shared/domain/imports';
import {
  HEALTH_LABELS, HOUSEHOLD_CATEGORY_LABELS, HOUSING_GRADE_LABELS, LABOUR_LABELS, NEED_CATEGORY_LABELS, NEED_STATUS_LABELS,
  RELATION_LABELS, SATISFACTION_LABELS, SCHOOLING_LABELS, VISIT_MODE_LABELS,
} from '../../../shared/domain/ledgerEnums';
import type { LabelledEnum } from '../../../shared/domain/labels';
import { CONFIRMATIONS, type Confirmation } from '../../../shared/domain/ledgers/define';
import { householdsByHead, villageRoster, type VillageRoster } from '../../../db/imports/households';
import type { ServiceContext } from '../context';
import type { checkedCreate } from './checkedCreate';
import { booleanValue, choiceValue, dateValue, idValue, phoneValue } from './values';

export interface DataRow {
  /** The row's number in the file, as the spreadsheet shows it. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface ImportRequest {
  readonly ledger: ImportLedger;
  readonly villageId: string;
  readonly headers: readonly string[];
  readonly rows: readonly DataRow[];
  readonly mapping: ImportMapping;
  readonly confirm: readonly string[];
}

export interface ImportOutcome {
  rows: number;
  accepted: number;
  refusedRows: number;
  refusals: ImportRefusal[];
  records: Record<string, number>;
  joins: ImportJoin[];
}

/** The ledgers' creates (checkedCreate.ts), by method. */
export type Creators = Record<'households.create' | 'members.create' | 'visits.create' | 'needs.create', ReturnType<typeof checkedCreate>>;

const CHOICES: Record<string, LabelledEnum<string>> = {
  relation: RELATION_LABELS, labourCapacity: LABOUR_LABELS, health: HEALTH_LABELS, schooling: SCHOOLING_LABELS, housingGrade: HOUSING_GRADE_LABELS,
  mode: VISIT_MODE_LABELS, status: NEED_STATUS_LABELS, satisfaction: SATISFACTION_LABELS,
};
const DATES = new Set(['visitDate', 'nextVisitDue', 'dueDate', 'closedOn']);

/** A cell's value for its field; null when empty. */
function valueOf(ledger: ImportLedger, field: string, text: string): unknown {
  if (text === '') return field === 'confirmed' ? false : null;
  if (field === 'phone') return phoneValue(text);
  if (field === 'idNumber') return idValue(text);
  if (field === 'confirmed') return booleanValue(text);
  if (DATES.has(field)) return dateValue(text);
  if (field === 'category') return choiceValue(text, ledger === 'needs' ? NEED_CATEGORY_LABELS : HOUSEHOLD_CATEGORY_LABELS);
  const labels = CHOICES[field];
  return labels ? choiceValue(text, labels) : text;
}

/** What a column not in the file stands for (a roster without 户类别 is of ordinary households …). */
const DEFAULTS: Record<ImportLedger, Record<string, unknown>> = {
  households: { category: 'ordinary' },
  visits: { mode: 'home' },
  needs: { category: 'other', status: 'open' },
};

const HOUSEHOLD_FIELDS = ['headName', 'villagerGroup', 'gridCell', 'category', 'phone', 'address', 'housingGrade', 'helperName', 'notes'];
const MEMBER_FIELDS: Record<string, string> = { memberName: 'name', relation: 'relation', idNumber: 'idNumber', labourCapacity: 'labourCapacity', health: 'health', schooling: 'schooling' };

/** Thrown inside a savepoint to roll back a group that was refused. */
class Refused extends Error {}

export function runImport(ctx: ServiceContext, creators: Creators, request: ImportRequest, dryRun: boolean): ImportOutcome {
  const { ledger, villageId, headers, mapping } = request;
  const columnOf = new Map(mapping.map((m) => [m.field, m.column]));
  const textOf = (cells: readonly string[], field: string): string | undefined => {
    const column = columnOf.get(field);
    return column === undefined ? undefined : (cells[column] ?? '');
  };
  const headerOf = (field: string): string | null => {
    const column = columnOf.get(field);
    return column === undefined ? null : headers[column] || columnLetter(column);
  };
  const refusals = new Map<number, ImportRefusal[]>();
  const refuse = (row: number, field: string | null, message: string, params?: Record<string, string | number>) => {
    const list = refusals.get(row) ?? [];
    list.push({ row, column: field ? headerOf(field) : null, field, message, ...(params ? { params } : {}) });
    refusals.set(row, list);
  };
  /** Issues of a schema or a handler, onto the import field that fed the ledger field. */
  const refuseIssues = (row: number, issues: readonly ApiIssue[], fieldMap: (ledgerField: string) => string) => {
    for (const issue of issues) {
      const ledgerField = typeof issue.path[0] === 'string' ? issue.path[0] : null;
      refuse(row, ledgerField ? fieldMap(ledgerField) : null, issue.message);
    }
  };
  // Only what the ledgers know how to confirm is passed on (a rule this build lacks is never asked).
  const confirm = request.confirm.filter((c) => (CONFIRMATIONS as readonly string[]).includes(c));
  const records: Record<string, number> = ledger === 'households' ? { households: 0, members: 0 } : { [ledger]: 0 };
  const rows = request.rows.filter((r) => mapping.some((m) => (r.cells[m.column] ?? '') !== ''));
  const recordOf = (cells: readonly string[], fields: readonly string[]) => {
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const text = textOf(cells, field);
      record[field] = text === undefined ? DEFAULTS[ledger][field] : valueOf(ledger, field, text);
    }
    return record;
  };
  /** One create through the contract's schema (the form's rules) and the ledger's checks; null when refused. */
  const create = (method: keyof Creators, row: number, input: Record<string, unknown>, fieldMap: (f: string) => string): string | null => {
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) {
      refuseIssues(row, parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })), fieldMap);
      return null;
    }
    const { villageId: village, confirm: accepted, ...fields } = parsed.data as Record<string, unknown> & { villageId: string; confirm?: Confirmation[] };
    const outcome = creators[method](village, fields, accepted ?? []);
    if (outcome.ok) return outcome.id;
    refuseIssues(row, outcome.issues, fieldMap);
    return null;
  };

  const work = () => {
    if (ledger === 'households') importHouseholds();
    else importOthers();
  };

  const joins: ImportJoin[] = [];

  function importHouseholds(): void {
    const roster = villageRoster(ctx.db.sqlite, villageId);
    const byHead = householdsByHead(ctx.db.sqlite, villageId);
    const compactText = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : '');
    const idOf = (v: unknown) => (typeof v === 'string' && v ? v.toUpperCase() : null);
    /** The kept household a group is: its head's ID number's, else the one of its head and group (not one whose head has another ID number). */
    const keptHousehold = (headName: unknown, group: string, headId: string | null): string | 'ambiguous' | null => {
      const byId = headId ? roster.byIdNumber.get(headId) : undefined;
      if (byId) return byId.householdId;
      const same = (byHead.get(compactText(headName)) ?? [])
        .filter((h) => (h.villagerGroup ?? '') === group)
        .filter((h) => {
          const head = roster.byHousehold.get(h.id)?.find((m) => m.relation === 'head');
          return !headId || !head?.idNumber || head.idNumber === headId;
        });
      return same.length > 1 ? 'ambiguous' : (same[0]?.id ?? null);
    };
    const groups = new Map<string, DataRow[]>();
    for (const r of rows) {
      const head = (textOf(r.cells, 'headName') ?? '').replace(/\s+/g, '');
      if (!head) {
        refuse(r.row, 'headName', 'validation.required');
        continue;
      }
      const key = `${head}\u0000${(textOf(r.cells, 'villagerGroup') ?? '').trim()}`;
      const group = groups.get(key) ?? [];
      group.push(r);
      groups.set(key, group);
    }
    const idsSeen = new Map<string, number>();
    for (const group of groups.values()) {
      const first = group[0]!;
      // The household's fields: the first value given among its rows.
      const household: Record<string, unknown> = recordOf(first.cells, HOUSEHOLD_FIELDS);
      for (const r of group.slice(1)) {
        for (const [field, value] of Object.entries(recordOf(r.cells, HOUSEHOLD_FIELDS))) if ((household[field] ?? null) === null) household[field] = value;
      }
      const members = group.flatMap((r) => {
        const member = recordOf(r.cells, Object.keys(MEMBER_FIELDS));
        if (!Object.values(member).some((v) => v !== null && v !== undefined)) return [];
        // A row with no member name, or the head's own name, is the head's (an ID number beside 户主姓名).
        const compact = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v);
        if (member.memberName === null || member.memberName === undefined || compact(member.memberName) === compact(household.headName)) {
          member.memberName ??= household.headName;
          member.relation ??= 'head';
        }
        const input = Object.fromEntries(Object.entries(MEMBER_FIELDS).map(([from, to]) => [to, member[from]]));
        const id = typeof input.idNumber === 'string' ? input.idNumber : null;
        if (id) {
          const earlier = idsSeen.get(id);
          if (earlier !== undefined) refuse(r.row, 'idNumber', 'imports.reason.duplicateInFile', { row: earlier });
          else idsSeen.set(id, r.row);
        }
        return [{ row: r.row, input }];
      });
      const before = countRefused(group);
      const headId = idOf(members.find((m) => m.input.relation === 'head')?.input.idNumber);
      const kept = keptHousehold(household.headName, (textOf(first.cells, 'villagerGroup') ?? '').trim(), headId);
      if (kept === 'ambiguous') {
        refuse(first.row, 'headName', 'imports.reason.householdAmbiguous');
        for (const r of group.slice(1)) if (!refusals.has(r.row)) refuse(r.row, null, 'imports.reason.householdRefused', { row: first.row });
        continue;
      }
      if (kept !== null) {
        joinHousehold(roster, kept, group, members, before);
        continue;
      }
      try {
        ctx.store.transaction(() => {
          if (before > 0) throw new Refused();
          const householdId = create('households.create', first.row, { villageId, ...household, confirm }, (f) => f);
          if (!householdId) throw new Refused();
          let ok = true;
          for (const m of members) {
            const memberField = (f: string) => Object.entries(MEMBER_FIELDS).find(([, to]) => to === f)?.[0] ?? f;
            if (!create('members.create', m.row, { villageId, householdId, ...m.input }, memberField)) ok = false;
          }
          if (!ok) throw new Refused();
          records.households! += 1;
          records.members! += members.length;
        });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        const firstBad = group.find((r) => refusals.has(r.row))!.row;
        for (const r of group) if (!refusals.has(r.row)) refuse(r.row, null, 'imports.reason.householdRefused', { row: firstBad });
      }
    }
  }

  /** The group's members not yet in the kept household join it, together or not at all; those it has are reported present. */
  function joinHousehold(
    roster: VillageRoster,
    householdId: string,
    group: readonly DataRow[],
    members: readonly { row: number; input: Record<string, unknown> }[],
    before: number,
  ): void {
    const known = roster.byHousehold.get(householdId) ?? [];
    const compactText = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : '');
    const present = (input: Record<string, unknown>): boolean => {
      const id = typeof input.idNumber === 'string' && input.idNumber ? input.idNumber.toUpperCase() : null;
      const name = compactText(input.name);
      return known.some((k) => (id && k.idNumber === id) || ((!id || !k.idNumber) && compactText(k.name) === name));
    };
    const adding = members.filter((m) => !present(m.input));
    const join: ImportJoin = {
      household: roster.households.get(householdId)?.headName ?? '',
      villagerGroup: roster.households.get(householdId)?.villagerGroup ?? null,
      rows: group.map((r) => r.row),
      added: adding.map((m) => m.row),
      present: members.filter((m) => present(m.input)).map((m) => m.row),
    };
    try {
      ctx.store.transaction(() => {
        if (before > 0) throw new Refused();
        let ok = true;
        for (const m of adding) {
          const memberField = (f: string) => Object.entries(MEMBER_FIELDS).find(([, to]) => to === f)?.[0] ?? f;
          if (!create('members.create', m.row, { villageId, householdId, ...m.input }, memberField)) ok = false;
        }
        if (!ok) throw new Refused();
        records.members! += adding.length;
        joins.push(join);
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const firstBad = group.find((r) => refusals.has(r.row))!.row;
      for (const r of group) if (!refusals.has(r.row)) refuse(r.row, null, 'imports.reason.householdRefused', { row: firstBad });
    }
  }

  function countRefused(group: readonly DataRow[]): number {
    return group.filter((r) => refusals.has(r.row)).length;
  }

  function importOthers(): void {
    const households = householdsByHead(ctx.db.sqlite, villageId);
    const fields = Object.keys(IMPORT_COLUMNS[ledger]).filter((f) => f !== 'headName' && f !== 'villagerGroup');
    const method = ledger === 'visits' ? 'visits.create' : 'needs.create';
    for (const r of rows) {
      const record = recordOf(r.cells, fields);
      const head = (textOf(r.cells, 'headName') ?? '').replace(/\s+/g, '');
      let householdId: string | null = null;
      if (head) {
        const group = (textOf(r.cells, 'villagerGroup') ?? '').trim();
        const found = (households.get(head) ?? []).filter((h) => !group || (h.villagerGroup ?? '') === group);
        if (found.length === 0) refuse(r.row, 'headName', 'imports.reason.householdNotFound');
        else if (found.length > 1) refuse(r.row, 'headName', 'imports.reason.householdAmbiguous');
        else householdId = found[0]!.id;
      } else if (ledger === 'visits') {
        refuse(r.row, 'headName', 'validation.required');
      }
      if (refusals.has(r.row)) continue;
      const input = { villageId, ...record, householdId, ...(ledger === 'needs' ? { visitId: null } : {}), confirm };
      const toImport = (f: string) => (f === 'householdId' ? 'headName' : f);
      try {
        ctx.store.transaction(() => {
          if (!create(method, r.row, input, toImport)) throw new Refused();
          records[ledger]! += 1;
        });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
      }
    }
  }

  if (dryRun) {
    try {
      ctx.store.transaction(() => {
        work();
        throw new Refused();
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
    }
  } else {
    ctx.store.transaction(work);
  }

  const refused = [...refusals.values()].flat().sort((a, b) => a.row - b.row);
  return {
    rows: rows.length,
    accepted: rows.length - refusals.size,
    refusedRows: refusals.size,
    refusals: refused.slice(0, MAX_LISTED_REFUSALS),
    records,
    joins: joins.slice(0, MAX_LISTED_REFUSALS),
  };
}

/** A, B, … Z, AA: the column as the spreadsheet names it, for a column without a header. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
