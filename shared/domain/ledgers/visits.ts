// 入户走访 and 群众诉求: what a secretary found, what was asked for, and what became of it.
import { z } from 'zod';
import { NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, SATISFACTION_LABELS, VISIT_MODE_LABELS } from '../ledgerEnums';
import { choice, isoDate, optionalChoice, optionalIsoDate, optionalText, requiredText, rowId, V } from '../validation';
import { defineLedger, issueAt } from './define';

export const visits = defineLedger({
  noun: 'visits',
  table: 'visits',
  place: { group: 'visits', icon: 'solution' },
  namedBy: ['visitDate', 'householdId'],
  fields: {
    householdId: rowId,
    visitDate: isoDate(),
    mode: choice(VISIT_MODE_LABELS),
    visitors: optionalText(100),
    situation: requiredText(2000),
    actions: optionalText(2000),
    confirmed: z.boolean({ error: V.invalid }).default(false),
    nextVisitDue: optionalIsoDate(),
  },
  codecs: { confirmed: 'bool' },
  searchable: ['situation', 'actions', 'visitors'],
  filterable: ['householdId', 'mode', 'confirmed'],
  dateField: 'visitDate',
  check: (v) => (v.visitDate && v.nextVisitDue && v.nextVisitDue < v.visitDate ? [issueAt(['nextVisitDue'], V.dateOrder)] : []),
});

export const needs = defineLedger({
  noun: 'needs',
  table: 'needs',
  place: { group: 'visits', icon: 'message' },
  namedBy: ['householdId', 'content'],
  fields: {
    visitId: rowId.nullish().transform((v) => v ?? null),
    householdId: rowId.nullish().transform((v) => v ?? null),
    category: choice(NEED_CATEGORY_LABELS),
    content: requiredText(1000),
    owner: optionalText(40),
    dueDate: optionalIsoDate(),
    status: choice(NEED_STATUS_LABELS),
    outcome: optionalText(1000),
    satisfaction: optionalChoice(SATISFACTION_LABELS),
    closedOn: optionalIsoDate(),
  },
  searchable: ['content', 'owner', 'outcome'],
  filterable: ['category', 'status', 'householdId', 'visitId'],
  dateField: 'dueDate',
  otherDates: ['closedOn'],
  due: { field: 'dueDate', status: 'status', done: ['done'] },
  // A need is closed with the day it was closed; an open one has no such day.
  check: (n) => (n.status === 'done' && !n.closedOn ? [issueAt(['closedOn'], V.required)] : []),
});

/** This file's ledgers, in menu order (shared/domain/ledgers/index.ts joins every file's). */
export const VISIT_LEDGERS = { visits, needs } as const;
