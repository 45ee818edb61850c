// What the sync screen does for each desktop menu command, and how a native dialog's answer
// becomes paths. Free of React and of the API, so tests read the mapping directly (the
// browser host, where the e2e tests run, has no menu to send commands).
import type { MenuCommand } from '../../../../shared/api/menuCommands';
import { ApiError } from '../../../../shared/api/result';
import type { DialogResult } from '../../../../shared/domain/dialogs';

/** A field a typed path goes into, when no native dialog can be shown. */
export type PathField = 'folder' | 'paths';

export type MenuAction =
  /** Import these paths now (double-clicked `.cunji` files, or a second start's arguments). */
  | { readonly kind: 'import'; readonly paths: readonly string[] }
  /** Ask for bundles in the open dialog, then import what was chosen. */
  | { readonly kind: 'chooseBundles' }
  /** Ask for the folder to export into (sync.exportFile writes a new file into a folder), then export. */
  | { readonly kind: 'chooseExportFolder' }
  /** Sync with the remembered folder, or else with every saved place. */
  | { readonly kind: 'syncNow' }
  /** No native dialogs here: put the cursor in the field where the path is typed. */
  | { readonly kind: 'focus'; readonly field: PathField };

export function menuAction(command: MenuCommand, nativeDialogs: boolean): MenuAction {
  switch (command.command) {
    case 'importFiles':
      return { kind: 'import', paths: command.paths };
    case 'importBundles':
      return nativeDialogs ? { kind: 'chooseBundles' } : { kind: 'focus', field: 'paths' };
    case 'exportBundle':
      return nativeDialogs ? { kind: 'chooseExportFolder' } : { kind: 'focus', field: 'folder' };
    case 'syncNow':
      return { kind: 'syncNow' };
  }
}

/** What "sync now" runs: the folder typed or remembered first, else the saved places, else nothing to run. */
export type SyncNowPlan = { readonly kind: 'folder' } | { readonly kind: 'targets'; readonly ids: readonly string[] } | { readonly kind: 'focus'; readonly field: 'folder' };

export function syncNowPlan(folder: string, savedTargetIds: readonly string[]): SyncNowPlan {
  if (folder.trim() !== '') return { kind: 'folder' };
  return savedTargetIds.length > 0 ? { kind: 'targets', ids: savedTargetIds } : { kind: 'focus', field: 'folder' };
}

/**
 * The paths a dialog answered, `[]` when the person closed it, or null when this side has no
 * native dialogs (UNSUPPORTED): then the path is typed. Any other failure is thrown on.
 */
export async function chosenPaths(ask: () => Promise<DialogResult>): Promise<string[] | null> {
  try {
    const result = await ask();
    return result.canceled ? [] : result.paths;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNSUPPORTED') return null;
    throw error;
  }
}
