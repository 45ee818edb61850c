// The renderer's one way to the handlers. Screens and the store see only this typed client;
// which transport carries the calls depends on whether the Electron preload is there.
import { createClient } from '../../shared/api/client';
import type { Bridge } from '../../shared/api/types';
import { pickTransport } from './transport';

declare global {
  interface Window {
    /** Exposed by electron/preload through contextBridge; absent in the browser host. */
    cunji?: Bridge;
  }
}

export const api = createClient(pickTransport(window.cunji));
