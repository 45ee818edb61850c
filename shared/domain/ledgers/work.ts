// The year's work: assistance plans under the township's duties, public commitments, the
// village's yearly indicators, and the secretaries posted there.
import { z } from 'zod';
import {
  COMMITMENT_STATUS_LABELS, PLAN_STATUS_LABELS, VENUE_STATUS_LABELS, VILLAGE_TYPE_LABELS,
} from '../ledgerEnums';
import { UNIT_LEVEL_LABELS } from '../device';
import { choice, choices, count, isoDate, moneyFen, optionalChoice, optionalIsoDate, optionalPhone, optionalText, requiredText, V, year } from '../validation';
import { P } from '../party/messages';
import { defineLedger, issueAt } from './define';
import { funds, projects } from './money';

const optionalNumber = z
  .number({ error: V.invalid })
  .finite({ error: V.invalid })
  .min(0, { error: V.notNegative })
  .nullish()
  .transform((n) => n ?? null);

export const plans = defineLedger({
  noun: 'plans',
  table: 'plans',
  place: { group: 'work', icon: 'flag' },
  namedBy: ['year', 'duty', 'goal'],
  fields: {
    year: year(),
    // One of the township's duties (its synced settings): the main process checks the set.
    duty: requiredText(20),
    goal: requiredText(500),
    measures: optionalText(2000),
    targetValue: optionalNumber,
    actualValue: optionalNumber,
    valueUnit: optionalText(10),
    status: choice(PLAN_STATUS_LABELS),
    dueDate: optionalIsoDate(),
  },
  searchable: ['goal', 'measures'],
  filterable: ['year', 'duty', 'status'],
  dateField: 'dueDate',
  due: { field: 'dueDate', status: 'status', done: ['done'] },
  // Progress is done / target when the plan has numbers: a done value needs its target, and a
  // target of nothing cannot be divided by.
  check: (p) => [
    ...(p.targetValue === 0 ? [issueAt(['targetValue'], V.targetZero)] : []),
    ...(p.actualValue !== null && p.actualValue !== undefined && (p.targetValue === null || p.targetValue === undefined)
      ? [issueAt(['actualValue'], V.doneWithoutTarget)]
      : []),
  ],
});

export const commitments = defineLedger({
  noun: 'commitments',
  table: 'commitments',
  place: { group: 'work', icon: 'carryOut' },
  namedBy: ['year', 'content'],
  fields: {
    content: requiredText(500),
    year: year(),
    dueDate: optionalIsoDate(),
    status: choice(COMMITMENT_STATUS_LABELS),
    evidence: optionalText(2000),
  },
  searchable: ['content', 'evidence'],
  filterable: ['year', 'status'],
  dateField: 'dueDate',
  due: { field: 'dueDate', status: 'status', done: ['fulfilled'] },
});

/** At least 50,000 元 of operating funds a village a year; less is shown as a warning. */
export const MIN_OPERATING_FUNDS_FEN = 5_000_000;

export const indicators = defineLedger({
  noun: 'indicators',
  table: 'village_indicators',
  place: { group: 'work', icon: 'barChart' },
  namedBy: ['year'],
  fields: {
    year: year(),
    householdCount: count().nullish().transform((n) => n ?? null),
    population: count().nullish().transform((n) => n ?? null),
    partyMembers: count().nullish().transform((n) => n ?? null),
    villageTypes: choices(VILLAGE_TYPE_LABELS),
    collectiveIncomeFen: moneyFen().nullish().transform((n) => n ?? null),
    operatingFundsFen: moneyFen().nullish().transform((n) => n ?? null),
    venueStatus: optionalChoice(VENUE_STATUS_LABELS),
    reserveCadresTrained: count().nullish().transform((n) => n ?? null),
  },
  codecs: { villageTypes: 'json' },
  searchable: [],
  filterable: ['year'],
  // Counted from the reserve cadres ledger (on the reserve at some time that year); a figure typed
  // before that ledger existed stays in the column and stands for a village without cadres.
  computed: { reserveCadresTrained: P.reserveCadresComputed },
});

export const secretaries = defineLedger({
  noun: 'secretaries',
  table: 'secretaries',
  place: { group: 'posting', icon: 'idcard' },
  namedBy: ['name'],
  fields: {
    name: requiredText(20),
    unit: requiredText(60),
    unitLevel: choice(UNIT_LEVEL_LABELS),
    termStart: isoDate(),
    termEnd: optionalIsoDate(),
    phone: optionalPhone(),
    notes: optionalText(500),
  },
  searchable: ['name', 'unit'],
  filterable: ['unitLevel'],
  dateField: 'termStart',
  check: (s) => (s.termStart && s.termEnd && s.termEnd < s.termStart ? [issueAt(['termEnd'], V.dateOrder)] : []),
});

/** This file's ledgers with the projects and their money (./money.ts) among them, in menu order
 *  (shared/domain/ledgers/index.ts joins every file's); the secretaries follow the days in the village. */
export const WORK_LEDGERS = { plans, projects, funds, commitments, indicators } as const;
export const POSTING_LEDGERS = { secretaries } as const;
