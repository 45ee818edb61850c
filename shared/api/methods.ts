// The contract's method names: the app's own methods, and the five of every ledger in the
// registry. contract.ts must define exactly these (`satisfies Record<ApiMethod, …>` refuses a
// missing or an extra one). The sandboxed preload does not load this (it would carry zod with
// the registry): it asks the main process for the names (shared/api/channels.ts).
import { LEDGER_NOUNS, type LedgerNoun } from '../domain/ledgers/index';
import { API_CHANNEL_PREFIX, channelOf } from './channels';

const BASE_METHODS = [
  'app.info',
  'app.setLanguage',
  'device.status',
  'device.setup',
  'villages.list',
  'villages.get',
  'villages.create',
  'villages.update',
  'villages.delete',
  'villages.moves',
  'villages.decideMove',
  'demo.load',
  'dashboard.village',
  'dashboard.township',
  'dashboard.district',
  'reports.preview',
  'reports.export',
  'reports.job',
  'reports.cancel',
  'reports.recent',
  'reports.pdf',
  'reports.print',
  'settings.get',
  'settings.update',
  'money.list',
  'party.targets',
  'party.status',
  'sync.exportFile',
  'sync.importFiles',
  'sync.now',
  'sync.run',
  'sync.status',
  'sync.online',
  'sync.targets',
  'sync.saveTarget',
  'sync.deleteTarget',
  'sync.setPassphrase',
  'sync.encryption',
  'devices.list',
  'devices.trust',
  'devices.revoke',
  'records.history',
  'conflicts.list',
  'conflicts.count',
  'conflicts.resolve',
  'backups.list',
  'backups.create',
  'backups.restore',
  'backups.exportTo',
  'dialogs.openBundles',
  'dialogs.saveFile',
  'dialogs.chooseFolder',
  'imports.preview',
  'imports.commit',
  'imports.template',
  'attachments.add',
  'attachments.list',
  'attachments.update',
  'attachments.remove',
  'attachments.content',
  'attachments.gallery',
  'attachments.archive',
] as const;

/** The ledgers kept through the same five methods: the registry's nouns (shared/domain/ledgers). */
export { LEDGER_NOUNS, type LedgerNoun };

export const CRUD_VERBS = ['list', 'get', 'create', 'update', 'delete'] as const;
export type CrudVerb = (typeof CRUD_VERBS)[number];
export type CrudMethod = `${LedgerNoun}.${CrudVerb}`;

export type ApiMethod = (typeof BASE_METHODS)[number] | CrudMethod;

export const API_METHODS: readonly ApiMethod[] = [
  ...BASE_METHODS,
  ...LEDGER_NOUNS.flatMap((noun) => CRUD_VERBS.map((verb): CrudMethod => `${noun}.${verb}`)),
];

export { API_CHANNEL_PREFIX, channelOf };

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}
