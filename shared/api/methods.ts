// The contract's method names alone, with no schemas: what the preload needs, so the sandboxed
// bridge stays a few hundred bytes instead of carrying zod. contract.ts must define exactly
// these (`satisfies Record<ApiMethod, …>` refuses a missing or an extra one).
export const API_METHODS = [
  'app.info',
  'device.status',
  'device.setup',
  'villages.list',
  'villages.get',
  'villages.create',
  'villages.update',
  'villages.delete',
  'demo.load',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** The IPC channel a method travels on; nothing without this prefix is ever sent. */
export const API_CHANNEL_PREFIX = 'api:';
export function channelOf(method: ApiMethod): `api:${ApiMethod}` {
  return `${API_CHANNEL_PREFIX}${method}`;
}

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}
