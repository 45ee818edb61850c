// The IPC channels, free of zod and of the contract, so the sandboxed preload stays a few
// hundred bytes: a method travels on `api:<method>`, and the preload learns the names of the
// methods from the main process once, on METHODS_CHANNEL, when it builds the bridge.
export const API_CHANNEL_PREFIX = 'api:';

/** Answered synchronously by the main process with every method's name (electron/main/ipc.ts). */
export const METHODS_CHANNEL = 'cunji:methods';

/** The IPC channel a method travels on; nothing without this prefix is ever sent. */
export function channelOf<M extends string>(method: M): `api:${M}` {
  return `${API_CHANNEL_PREFIX}${method}`;
}

/** What a method's name looks like (`noun.verb`): the preload builds no function for anything else. */
export function looksLikeMethod(name: unknown): name is string {
  return typeof name === 'string' && /^[a-z]+\.[a-zA-Z]+$/.test(name);
}
