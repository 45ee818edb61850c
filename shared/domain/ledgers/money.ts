// Projects and their money: budget, and every fund entry in (到位) or out (支出).
import { FUND_DIRECTION_LABELS, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS } from '../ledgerEnums';
import { choice, count, isoDate, moneyFen, optionalIsoDate, optionalText, requiredText, rowId, V } from '../validation';
import { defineLedger, issueAt } from './define';

export const projects = defineLedger({
  noun: 'projects',
  table: 'projects',
  place: { group: 'work', icon: 'project' },
  namedBy: ['name'],
  fields: {
    name: requiredText(60),
    kind: choice(PROJECT_KIND_LABELS),
    status: choice(PROJECT_STATUS_LABELS),
    budgetFen: moneyFen(),
    beneficiaryHouseholds: count().nullish().transform((n) => n ?? null),
    responsible: optionalText(20),
    startDate: optionalIsoDate(),
    endDate: optionalIsoDate(),
    notes: optionalText(2000),
  },
  searchable: ['name', 'responsible'],
  filterable: ['kind', 'status'],
  dateField: 'startDate',
  check: (p) => (p.startDate && p.endDate && p.endDate < p.startDate ? [issueAt(['endDate'], V.dateOrder)] : []),
});

export const funds = defineLedger({
  noun: 'funds',
  table: 'fund_entries',
  place: { partOf: 'projects' },
  namedBy: ['projectId', 'entryDate', 'amountFen'],
  fields: {
    projectId: rowId,
    direction: choice(FUND_DIRECTION_LABELS),
    source: optionalText(60),
    amountFen: moneyFen().refine((n) => n > 0, { error: V.notNegative }),
    entryDate: isoDate(),
    purpose: optionalText(200),
    voucherNo: optionalText(40),
  },
  searchable: ['source', 'purpose', 'voucherNo'],
  filterable: ['projectId', 'direction'],
  dateField: 'entryDate',
});
