// What a ledger checks against the database before a write (the pure cross-field checks live
// in its definition): references to rows of the same village, duplicates, money that would be
// overspent or pass the budget, dates after today, one diary entry a day, one visit a household
// a day; and what it derives, fills in on a new record, or takes down with it.
import type { ApiIssue } from '../../../shared/api/result';
import type { LedgerNoun } from '../../../shared/api/methods';
import type { Confirmation } from '../../../shared/domain/ledgers/define';
import { snakeCase } from '../../../shared/domain/ledgers/columns';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { REFERENCES as REFERENCE_NOUNS } from '../../../shared/domain/ledgers/references';
import { daysInclusive } from '../../../shared/domain/ledgers/days';
import { V } from '../../../shared/domain/validation';
import type { LedgerName } from '../../../db/ledgers';
import {
  diaryDayTaken, householdHeadsInGroup, householdVisitedOn, idNumberTaken, liveVisitDate, projectMoneyExcept, projectSpent, secretaryOnDay, secretaryTerms,
} from '../../../db/ledgers/checks';
import type { ServiceContext } from '../context';
import { readProfile } from '../profile';
import { readSettings } from '../settings';
import { diaryTagsInSet, planDutyInSet } from './duties';
import { PARTY_RULES } from './party';
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
  /** What a new record gets where the person left a field empty (never applied to an update). */
  defaults?(check: WriteCheck): Record<string, unknown>;
  hard?(check: WriteCheck): ApiIssue[];
  soft?(check: WriteCheck): SoftIssue[];
  /** Fills in the fields the definition marks computed, on every record read (list, get, after a write). */
  computed?(ctx: ServiceContext, records: Record<string, unknown>[]): Record<string, unknown>[];
}

/** Fields that point at a row of another ledger, always of the same village (shared/domain/ledgers/references.ts):
 *  the table to look in, and the column that names the row (the target's first `namedBy`, as a conflict names it). */
export const REFERENCES: Readonly<Record<string, { table: LedgerName; label: string }>> = Object.fromEntries(
  Object.entries(REFERENCE_NOUNS).map(([field, noun]) => {
    const target = LEDGER_DEFINITIONS[noun];
    return [field, { table: target.table, label: snakeCase(target.namedBy[0]) }];
  }),
);

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
    const terms = secretaryTerms(ctx.db.sqlite, villageId);
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

/**
 * A need raised on a visit is somebody's and falls due: unless the person said otherwise, the
 * village's secretary (the one whose term holds the visit's day; else whoever records it on this
 * device) owns it, due the township's number of days after the visit.
 */
function needFromVisitDefaults({ ctx, villageId, record }: WriteCheck): Record<string, unknown> {
  if (typeof record.visitId !== 'string') return {};
  const visitDate = liveVisitDate(ctx.db.sqlite, record.visitId);
  if (!visitDate) return {};
  const filled: Record<string, unknown> = {};
  if (!record.dueDate) filled.dueDate = addDays(visitDate, readSettings(ctx).needDueDays);
  if (!record.owner) {
    const secretary = secretaryOnDay(ctx.db.sqlite, villageId, visitDate);
    const owner = secretary ?? readProfile(ctx)?.name;
    if (owner) filled.owner = owner;
  }
  return filled;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function allOf(...checks: ((check: WriteCheck) => ApiIssue[])[]): (check: WriteCheck) => ApiIssue[] {
  return (check) => checks.flatMap((c) => c(check));
}

export const LEDGER_RULES: Partial<Record<LedgerNoun, LedgerRules>> = {
  ...PARTY_RULES,
  visits: {
    hard: withinTerm(['visitDate'], true),
    // Two visits to one household on one day is most often the same visit typed twice.
    soft: ({ ctx, id, record }) => {
      const twice = householdVisitedOn(ctx.db.sqlite, record.householdId, record.visitDate, id);
      return twice ? [{ confirmation: 'sameDayVisit', issue: { path: ['visitDate'], message: V.sameDayVisit } }] : [];
    },
  },
  needs: {
    hard: ({ ctx, record }) =>
      typeof record.closedOn === 'string' && record.closedOn > today(ctx.now) ? [{ path: ['closedOn'], message: V.closedInFuture }] : [],
    defaults: needFromVisitDefaults,
  },
  households: {
    soft: ({ ctx, villageId, id, record }) => {
      const others = householdHeadsInGroup(ctx.db.sqlite, villageId, record.villagerGroup, id);
      const similar = others.some((name) => nearlySameName(name, String(record.headName ?? '')));
      return similar ? [{ confirmation: 'similarHousehold', issue: { path: ['headName'], message: V.similarHousehold } }] : [];
    },
  },
  members: {
    hard: ({ ctx, id, record }) => {
      if (!record.idNumber) return [];
      const taken = idNumberTaken(ctx.db.sqlite, record.idNumber, id);
      return taken ? [{ path: ['idNumber'], message: V.duplicateIdNumber }] : [];
    },
  },
  funds: {
    // Money arrives or is spent on a day that has come; a date ahead is a typing slip (next year for this one).
    hard: ({ ctx, record }) =>
      typeof record.entryDate === 'string' && record.entryDate > today(ctx.now) ? [{ path: ['entryDate'], message: V.fundInFuture }] : [],
    soft: ({ ctx, id, record }) => {
      if (record.direction !== 'out') return [];
      const { received, spent, budget } = projectMoneyExcept(ctx.db.sqlite, record.projectId, id);
      const after = spent + Number(record.amountFen ?? 0);
      const asks: SoftIssue[] = [];
      if (after > received) asks.push({ confirmation: 'overspend', issue: { path: ['amountFen'], message: V.overspend } });
      if (budget !== null && after > budget) asks.push({ confirmation: 'overBudget', issue: { path: ['amountFen'], message: V.overBudget } });
      return asks;
    },
  },
  projects: {
    // A budget cut below what is already spent leaves the project over budget: asked, like the spending.
    soft: ({ ctx, id, record }) => {
      if (id === null) return [];
      const spent = projectSpent(ctx.db.sqlite, id);
      return spent > Number(record.budgetFen ?? 0) ? [{ confirmation: 'overBudget', issue: { path: ['budgetFen'], message: V.overBudget } }] : [];
    },
  },
  plans: { hard: planDutyInSet },
  diary: {
    hard: allOf(withinTerm(['entryDate'], true), diaryTagsInSet, ({ ctx, villageId, id, record }) => {
      const taken = diaryDayTaken(ctx.db.sqlite, villageId, record.entryDate, id);
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
