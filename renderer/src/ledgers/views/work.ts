// The year's work: plans under the township's duties, projects and their money, commitments and
// the village's yearly indicators.
import {
  COMMITMENT_STATUS_LABELS, FUND_DIRECTION_LABELS, PLAN_STATUS_LABELS, PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS, VENUE_STATUS_LABELS, VILLAGE_TYPE_LABELS,
} from '../../../../shared/domain/ledgerEnums';
import { f, type LedgerView } from '../viewTypes';

export const plansView: LedgerView = {
  noun: 'plans',
  fields: [
    f.integer('year'),
    f.duty('duty'),
    f.textarea('goal'),
    f.textarea('measures'),
    f.number('targetValue'),
    f.number('actualValue'),
    f.text('valueUnit'),
    f.choice('status', PLAN_STATUS_LABELS),
    f.date('dueDate'),
  ],
  // Target, done and unit are read in the progress column (done / target unit, and its bar), so
  // the list fits a 1366-pixel screen with 记录人 beside the pinned actions.
  columns: ['year', 'duty', 'goal', 'status', 'dueDate'],
};

export const projectsView: LedgerView = {
  noun: 'projects',
  fields: [
    { ...f.text('name'), wide: true },
    f.choice('kind', PROJECT_KIND_LABELS),
    f.choice('status', PROJECT_STATUS_LABELS),
    f.money('budgetFen'),
    f.integer('beneficiaryHouseholds'),
    f.text('responsible'),
    f.date('startDate'),
    f.date('endDate'),
    f.textarea('notes'),
  ],
  // Budget last, so received, spent and balance (the list's extra columns) follow it; kind and
  // dates stay in the filters and the form, so the money fits a 1366-pixel screen unscrolled.
  columns: ['name', 'status', 'budgetFen'],
};

export const fundsView: LedgerView = {
  noun: 'funds',
  fields: [
    f.reference('projectId', 'projects'),
    f.choice('direction', FUND_DIRECTION_LABELS),
    f.money('amountFen'),
    f.date('entryDate'),
    f.text('source'),
    f.text('voucherNo'),
    { ...f.text('purpose'), wide: true },
  ],
  columns: ['entryDate', 'projectId', 'direction', 'amountFen', 'source', 'purpose', 'voucherNo'],
};

export const commitmentsView: LedgerView = {
  noun: 'commitments',
  fields: [f.textarea('content'), f.integer('year'), f.date('dueDate'), f.choice('status', COMMITMENT_STATUS_LABELS), f.textarea('evidence')],
  columns: ['year', 'content', 'dueDate', 'status'],
};

export const indicatorsView: LedgerView = {
  noun: 'indicators',
  fields: [
    f.integer('year'),
    f.integer('householdCount'),
    f.integer('population'),
    f.integer('partyMembers'),
    f.money('collectiveIncomeFen'),
    f.money('operatingFundsFen'),
    f.choice('venueStatus', VENUE_STATUS_LABELS),
    // Counted from the reserve cadres ledger by the main process: shown, never typed.
    { ...f.integer('reserveCadresTrained'), derived: true },
    f.choices('villageTypes', VILLAGE_TYPE_LABELS),
  ],
  columns: ['year', 'householdCount', 'population', 'partyMembers', 'collectiveIncomeFen', 'operatingFundsFen', 'venueStatus', 'villageTypes'],
};
