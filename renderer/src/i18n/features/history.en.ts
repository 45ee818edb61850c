// A record's history on the ledger form, in English; en.ts mounts it under `history`.
import type { Messages } from '../zhCN';
import type { historyZhCN } from './history.zhCN';

export const historyEn: Messages<typeof historyZhCN> = {
  open: 'History',
  openHint: 'Who changed what, when, and on which device',
  title: 'History: {{record}}',
  empty: 'Nothing recorded yet',
  loadFailed: 'The history could not be read: {{message}}',
  when: 'When',
  who: 'Who and which device',
  what: 'What changed',
  created: 'Created the record',
  deleted: 'Deleted the record',
  restored: 'Restored the record',
  firstValue: '{{field}}: {{after}}',
  changed: '{{field}}: {{before}} → {{after}}',
  resolvedFrom: '{{field}}: chose {{after}} from {{before}}',
  blank: '(empty)',
  or: ' or ',
  whoRole: '{{who}} ({{role}})',
  self: 'this computer',
  device: 'device {{id}}',
  unknownDevice: 'a device not trusted here',
  conflict: 'Conflict open',
  resolved: 'Conflict resolved',
  masked: 'ID and phone numbers show only some digits.',
};
