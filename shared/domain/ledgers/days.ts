// 民情日记 and 驻村天数: one diary entry a day, leave with the right approver, and the
// 防返贫 monitoring procedure with its 15-day clock.
import { z } from 'zod';
import {
  APPROVER_LEVEL_LABELS, LEAVE_STATUS_LABELS, MONITOR_TYPE_LABELS, PRESENCE_LABELS, RISK_TYPE_LABELS,
  SIGNAL_SOURCE_LABELS,
} from '../ledgerEnums';
import { choice, choices, isoDate, optionalChoice, optionalIsoDate, optionalText, requiredText, rowId, V } from '../validation';
import { defineLedger, issueAt } from './define';

export const diary = defineLedger({
  noun: 'diary',
  table: 'diary_entries',
  place: { group: 'posting', icon: 'book' },
  namedBy: ['entryDate'],
  fields: {
    entryDate: isoDate(),
    presence: choice(PRESENCE_LABELS),
    content: optionalText(5000),
    // Words of the township's duties (its synced settings), as a plan's duty.
    dutyTags: z
      .array(requiredText(20), { error: V.invalid })
      .max(8, { error: V.tooLong })
      .refine((list) => new Set(list).size === list.length, { error: V.invalid })
      .default([]),
  },
  codecs: { dutyTags: 'json' },
  searchable: ['content'],
  filterable: ['presence'],
  dateField: 'entryDate',
});

/** Days from start to end, both counted. */
export function daysInclusive(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Up to 3 days the township approves; longer, the county. */
export function approverLevelFor(days: number): 'township' | 'county' {
  return days <= 3 ? 'township' : 'county';
}

export const leaves = defineLedger({
  noun: 'leaves',
  table: 'leave_requests',
  place: { group: 'posting', icon: 'calendar' },
  namedBy: ['startDate', 'endDate'],
  fields: {
    startDate: isoDate(),
    endDate: isoDate(),
    days: z
      .number({ error: V.invalid })
      .int({ error: V.wholeNumber })
      .min(1, { error: V.invalid })
      .max(366, { error: V.tooLarge })
      .nullish()
      .transform((n) => n ?? null),
    reason: optionalText(500),
    approverLevel: choice(APPROVER_LEVEL_LABELS),
    approver: optionalText(20),
    status: choice(LEAVE_STATUS_LABELS),
  },
  searchable: ['reason', 'approver'],
  filterable: ['status', 'approverLevel'],
  dateField: 'startDate',
  check: (l) => {
    if (!l.startDate || !l.endDate) return [];
    if (l.endDate < l.startDate) return [issueAt(['endDate'], V.dateOrder)];
    const days = daysInclusive(l.startDate, l.endDate);
    return l.approverLevel && l.approverLevel !== approverLevelFor(days) ? [issueAt(['approverLevel'], V.approverLevel)] : [];
  },
});

/** Home check to county decision: at most 15 days in all; the village posting at least 5. */
export const MONITORING_LIMIT_DAYS = 15;
export const POSTING_MIN_DAYS = 5;

export const monitoring = defineLedger({
  noun: 'monitoring',
  table: 'monitored_households',
  place: { group: 'households', icon: 'alert' },
  namedBy: ['householdId', 'monitorType'],
  fields: {
    householdId: rowId,
    monitorType: choice(MONITOR_TYPE_LABELS),
    riskTypes: choices(RISK_TYPE_LABELS),
    signalSource: optionalChoice(SIGNAL_SOURCE_LABELS),
    homeCheckDate: optionalIsoDate(),
    postingStart: optionalIsoDate(),
    postingEnd: optionalIsoDate(),
    townshipReviewDate: optionalIsoDate(),
    countyDecisionDate: optionalIsoDate(),
    measures: optionalText(2000),
    riskCleared: z.boolean({ error: V.invalid }).default(false),
    clearedDate: optionalIsoDate(),
  },
  codecs: { riskTypes: 'json', riskCleared: 'bool' },
  searchable: ['measures'],
  filterable: ['monitorType', 'householdId', 'riskCleared'],
  dateField: 'homeCheckDate',
  check: (m) => {
    const issues = [];
    const order: [string, string | null | undefined][] = [
      ['homeCheckDate', m.homeCheckDate],
      ['postingStart', m.postingStart],
      ['townshipReviewDate', m.townshipReviewDate],
      ['countyDecisionDate', m.countyDecisionDate],
    ];
    let previous: string | null = null;
    for (const [field, date] of order) {
      if (!date) continue;
      if (previous && date < previous) issues.push(issueAt([field], V.dateOrder));
      previous = date;
    }
    if (m.postingStart && m.postingEnd && daysInclusive(m.postingStart, m.postingEnd) < POSTING_MIN_DAYS) {
      issues.push(issueAt(['postingEnd'], V.postingTooShort));
    }
    if (m.riskCleared && !m.clearedDate) issues.push(issueAt(['clearedDate'], V.required));
    return issues;
  },
});

/** This file's ledgers, in menu order (shared/domain/ledgers/index.ts joins every file's). */
export const DAY_LEDGERS = { diary, leaves, monitoring } as const;
