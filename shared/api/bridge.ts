// Builds the preload's bridge: one function per contract method, each invoking its own
// `api:<method>` channel, frozen. Kept here (pure) so it is tested without Electron.
import { API_METHODS, channelOf } from './methods';
import type { Bridge } from './types';

export function buildBridge(invoke: (channel: string, input: unknown) => Promise<unknown>): Bridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = channelOf(method);
    bridge[method] = (input: unknown) => invoke(channel, input);
  }
  return Object.freeze(bridge) as Bridge;
}
