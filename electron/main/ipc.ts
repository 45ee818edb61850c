// ipcMain registration, from the contract in one loop: one handler per method on
// `api:<method>`. The sender's frame is checked, then dispatch parses the input with the
// method's schema before anything runs. `ipcMain` is passed in so this runs under Node in tests.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHODS_CHANNEL } from '../../shared/api/channels';
import { API_METHODS, channelOf } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import type { Dispatch } from '../services/dispatch';

export type TrustedFrame = (event: IpcMainInvokeEvent) => boolean;

export function registerApi(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeAllListeners'>, dispatch: Dispatch, isTrusted: TrustedFrame): () => void {
  // The preload's one synchronous question: the methods' names, to build the bridge from.
  ipcMain.on(METHODS_CHANNEL, (event) => {
    event.returnValue = [...API_METHODS];
  });
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'INTERNAL', message: 'Refused: the call did not come from the app window' } };
      }
      return dispatch(method, input);
    });
  }
  return () => {
    ipcMain.removeAllListeners(METHODS_CHANNEL);
    API_METHODS.forEach((method) => ipcMain.removeHandler(channelOf(method)));
  };
}

/** True for the app's own top frame, loaded from the app's own files. */
export function isAppFrame(senderFrameUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  if (!senderFrameUrl || !isMainFrame) return false;
  try {
    const sender = new URL(senderFrameUrl);
    const app = new URL(appUrl);
    return sender.protocol === app.protocol && sender.host === app.host && sender.pathname === app.pathname;
  } catch {
    return false;
  }
}
