// Builds the preload's bridge: one function per contract method, each invoking its own
// `api:<method>` channel, frozen. The names come from the main process (the preload cannot load
// the registry without zod); anything not shaped like a method gets no function. Kept here
// (pure) so it is tested without Electron.
import { channelOf, looksLikeMethod } from './channels';
import type { Bridge } from './types';

export function buildBridge(methods: unknown, invoke: (channel: string, input: unknown) => Promise<unknown>): Bridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of Array.isArray(methods) ? methods : []) {
    if (!looksLikeMethod(method)) continue;
    const channel = channelOf(method);
    bridge[method] = (input: unknown) => invoke(channel, input);
  }
  return Object.freeze(bridge) as Bridge;
}
