// 民情日记, leave and 防返贫 monitoring.
import {
  APPROVER_LEVEL_LABELS, LEAVE_STATUS_LABELS, MONITOR_TYPE_LABELS, PRESENCE_LABELS, RISK_TYPE_LABELS,
  SIGNAL_SOURCE_LABELS,
} from '../../../../shared/domain/ledgerEnums';
import { f, type LedgerView } from '../viewTypes';

export const diaryView: LedgerView = {
  noun: 'diary',
  fields: [f.date('entryDate'), f.choice('presence', PRESENCE_LABELS), f.duties('dutyTags'), f.textarea('content')],
  columns: ['entryDate', 'presence', 'dutyTags', 'content'],
};

export const leavesView: LedgerView = {
  noun: 'leaves',
  fields: [
    f.date('startDate'),
    f.date('endDate'),
    { ...f.integer('days'), derived: true },
    f.choice('approverLevel', APPROVER_LEVEL_LABELS),
    f.text('approver'),
    f.choice('status', LEAVE_STATUS_LABELS),
    f.textarea('reason'),
  ],
  columns: ['startDate', 'endDate', 'days', 'approverLevel', 'approver', 'status', 'reason'],
};

export const monitoringView: LedgerView = {
  noun: 'monitoring',
  fields: [
    f.reference('householdId', 'households'),
    f.choice('monitorType', MONITOR_TYPE_LABELS),
    f.choice('signalSource', SIGNAL_SOURCE_LABELS),
    f.choices('riskTypes', RISK_TYPE_LABELS),
    f.date('homeCheckDate'),
    f.date('postingStart'),
    f.date('postingEnd'),
    f.date('townshipReviewDate'),
    f.date('countyDecisionDate'),
    f.textarea('measures'),
    f.boolean('riskCleared'),
    f.date('clearedDate'),
  ],
  columns: ['householdId', 'monitorType', 'riskTypes', 'homeCheckDate', 'countyDecisionDate', 'riskCleared'],
};
