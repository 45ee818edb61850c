// What a ledger checks against the database before a write (the pure cross-field checks live
// in its definition): references to rows of the same village, duplicates, money that would be
// overspent, one diary entry a day; and what it derives or takes down with it.
import type { ApiIssue } from '../../../shared/api/result';
import type { LedgerNoun } from '../../../shared/api/methods';
import type { Confirmation } from '../../../shared/domain/ledgers/define';
import { daysInclusive } from '../../../shared/domain/ledgers/days';
import { V } from '../../../shared/domain/validation';
import type { LedgerName } from '../../../db/ledgers';
import type { ServiceContext } from '../context';
import { today } from './today';

export interface WriteCheck {
  readonly ctx: ServiceContext;
  readonly villageId: string;
  /** null while creating. */
  readonly id: string | null;
  /** The whole record as it would be after the write. */
  readonly record: Record<string, unknown>;
}

export interface SoftIssue {
  readonly confirmation: Confirmation;
  readonly issue: ApiIssue;
}

export interface LedgerRules {
  derive?(record: Record<string, unknown>): Record<string, unknown>;
  hard?(check: WriteCheck): ApiIssue[];
  soft?(check: WriteCheck): SoftIssue[];
  /** Rows of other ledgers that point at this one and go with it when it is deleted. */
  cascade?: { table: LedgerName; column: string }[];
}

/** Fields that point at a row of another ledger, always of the same village. */
export const REFERENCES: Record<string, { table: LedgerName; label: string }> = {
  householdId: { table: 'households', label: 'head_name' },
  visitId: { table: 'visits', label: 'visit_date' },
  projectId: { table: 'projects', label: 'name' },
};

const compact = (name: string) => name.replace(/\s+/g, '');

/** Same name, or one character different at the same place (王建国 / 王建围). */
export function nearlySameName(a: string, b: string): boolean {
  const [x, y] = [[...compact(a)], [...compact(b)]];
  if (x.length !== y.length || x.length < 2) return x.join('') === y.join('');
  return x.filter((c, i) => c !== y[i]).length <= 1;
}

/**
 * Dates of what a secretary did (a visit, a diary day, a leave) must fall in the term of one of
 * the village's secretaries, once the village has any on record, and never after today.
 */
function withinTerm(fields: string[], notAfterToday: boolean): (check: WriteCheck) => ApiIssue[] {
  return ({ ctx, villageId, record }) => {
    const terms = ctx.db.sqlite
      .prepare('SELECT term_start AS start, term_end AS end FROM secretaries WHERE village_id = ? AND deleted_at IS NULL')
      .all(villageId) as { start: string | null; end: string | null }[];
    const todayText = today(ctx.now);
    return fields.flatMap((field): ApiIssue[] => {
      const date = record[field];
      if (typeof date !== 'string') return [];
      if (notAfterToday && date > todayText) return [{ path: [field], message: V.futureDate }];
      const inTerm = terms.some((t) => (!t.start || t.start <= date) && (!t.end || date <= t.end));
      return terms.length && !inTerm ? [{ path: [field], message: V.outOfTerm }] : [];
    });
  };
}

function allOf(...checks: ((check: WriteCheck) => ApiIssue[])[]): (check: WriteCheck) => ApiIssue[] {
  return (check) => checks.flatMap((c) => c(check));
}

export const LEDGER_RULES: Partial<Record<LedgerNoun, LedgerRules>> = {
  visits: { hard: withinTerm(['visitDate'], true) },
  households: {
    soft: ({ ctx, villageId, id, record }) => {
      const others = ctx.db.sqlite
        .prepare(
          `SELECT head_name FROM households WHERE village_id = ? AND deleted_at IS NULL AND id IS NOT ?
             AND coalesce(villager_group, '') = coalesce(?, '')`,
        )
        .pluck()
        .all(villageId, id, record.villagerGroup ?? null) as string[];
      const similar = others.some((name) => nearlySameName(name, String(record.headName ?? '')));
      return similar ? [{ confirmation: 'similarHousehold', issue: { path: ['headName'], message: V.similarHousehold } }] : [];
    },
    cascade: [{ table: 'household_members', column: 'household_id' }],
  },
  members: {
    hard: ({ ctx, id, record }) => {
      if (!record.idNumber) return [];
      const taken = ctx.db.sqlite
        .prepare('SELECT 1 FROM household_members WHERE id_number = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1')
        .get(record.idNumber, id);
      return taken ? [{ path: ['idNumber'], message: V.duplicateIdNumber }] : [];
    },
  },
  funds: {
    soft: ({ ctx, id, record }) => {
      if (record.direction !== 'out') return [];
      const { received, spent } = ctx.db.sqlite
        .prepare(
          `SELECT coalesce(sum(CASE WHEN direction = 'in' THEN amount_fen END), 0) AS received,
                  coalesce(sum(CASE WHEN direction = 'out' THEN amount_fen END), 0) AS spent
             FROM fund_entries WHERE project_id = ? AND deleted_at IS NULL AND id IS NOT ?`,
        )
        .get(record.projectId, id) as { received: number; spent: number };
      const overspent = spent + Number(record.amountFen ?? 0) > received;
      return overspent ? [{ confirmation: 'overspend', issue: { path: ['amountFen'], message: V.overspend } }] : [];
    },
  },
  projects: { cascade: [{ table: 'fund_entries', column: 'project_id' }] },
  diary: {
    hard: allOf(withinTerm(['entryDate'], true), ({ ctx, villageId, id, record }) => {
      const taken = ctx.db.sqlite
        .prepare('SELECT 1 FROM diary_entries WHERE village_id = ? AND entry_date = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1')
        .get(villageId, record.entryDate, id);
      return taken ? [{ path: ['entryDate'], message: V.diaryDayTaken }] : [];
    }),
  },
  leaves: {
    hard: withinTerm(['startDate', 'endDate'], false),
    derive: (record) =>
      typeof record.startDate === 'string' && typeof record.endDate === 'string' && record.endDate >= record.startDate
        ? { days: daysInclusive(record.startDate, record.endDate) }
        : {},
  },
};
