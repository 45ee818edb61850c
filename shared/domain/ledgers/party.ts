// 发展党员 member development: one record per candidate of a village branch, and one row per step
// of a candidate (stage, talk, evaluation, training, prior report or filing) with its date, its
// meeting and vote, who signed it off and the paper archive's number. The rules across a
// candidate's steps are shared/domain/party/stepRules.ts, applied before a step is saved.
import { candidateFields, checkStepRecord, stepFields } from '../party/records';
import { defineLedger } from './define';

export const candidates = defineLedger({
  noun: 'candidates',
  table: 'party_candidates',
  place: { group: 'party', icon: 'userAdd' },
  namedBy: ['name'],
  fields: candidateFields,
  codecs: { hasRecord: 'bool' },
  searchable: ['name', 'occupation', 'notes'],
  filterable: ['householdId', 'sex', 'hasRecord'],
});

export const steps = defineLedger({
  noun: 'steps',
  table: 'party_steps',
  place: { partOf: 'candidates' },
  namedBy: ['candidateId', 'step', 'stepDate'],
  fields: stepFields,
  searchable: ['archiveRef', 'notes'],
  filterable: ['candidateId', 'step'],
  dateField: 'stepDate',
  otherDates: ['approvalOn'],
  check: checkStepRecord,
});

/** This file's ledgers, in menu order (shared/domain/ledgers/index.ts joins every file's). */
export const PARTY_LEDGERS = { candidates, steps } as const;
