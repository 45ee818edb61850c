// 入户走访 and 群众诉求.
import {
  NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, SATISFACTION_LABELS, VISIT_MODE_LABELS,
} from '../../../../shared/domain/ledgerEnums';
import { f, type LedgerView } from '../viewTypes';

export const visitsView: LedgerView = {
  noun: 'visits',
  fields: [
    f.reference('householdId', 'households'),
    f.date('visitDate'),
    f.choice('mode', VISIT_MODE_LABELS),
    f.text('visitors'),
    f.textarea('situation'),
    f.textarea('actions'),
    f.boolean('confirmed'),
    f.date('nextVisitDue'),
  ],
  columns: ['visitDate', 'householdId', 'mode', 'situation', 'confirmed', 'nextVisitDue'],
};

export const needsView: LedgerView = {
  noun: 'needs',
  fields: [
    f.reference('householdId', 'households'),
    f.reference('visitId', 'visits'),
    f.choice('category', NEED_CATEGORY_LABELS),
    f.choice('status', NEED_STATUS_LABELS),
    f.textarea('content'),
    f.text('owner'),
    f.date('dueDate'),
    f.textarea('outcome'),
    f.choice('satisfaction', SATISFACTION_LABELS),
    f.date('closedOn'),
  ],
  columns: ['dueDate', 'householdId', 'category', 'content', 'owner', 'status', 'satisfaction'],
};
