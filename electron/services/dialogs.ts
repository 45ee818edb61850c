// dialogs.*: native open/save dialogs, through a port the shell fills in (electron/main/dialogs.ts).
// The browser host has no native dialogs: there the methods answer UNSUPPORTED and the renderer
// lets the person type a path instead (app.info says which it is before anything is clicked).
import { ApiError } from '../../shared/api/result';
import type { Handlers } from '../../shared/api/types';
import type { DialogResult, ReportFileType } from '../../shared/domain/dialogs';
import type { ServiceContext } from './context';

/** What the shell offers; every method resolves with what the person chose (or canceled). */
export interface Dialogs {
  /** One or more `.cunji` bundles to import. */
  openBundles(): Promise<DialogResult>;
  saveBundle(defaultName: string): Promise<DialogResult>;
  chooseFolder(): Promise<DialogResult>;
  saveReport(defaultName: string, type: ReportFileType): Promise<DialogResult>;
}

function portOf(ctx: ServiceContext): Dialogs {
  if (!ctx.dialogs) throw new ApiError('UNSUPPORTED', 'No native dialogs here (browser host): type the path instead');
  return ctx.dialogs;
}

export function dialogHandlers(ctx: ServiceContext): Pick<Handlers, 'dialogs.openBundles' | 'dialogs.saveFile' | 'dialogs.chooseFolder'> {
  return {
    'dialogs.openBundles': () => portOf(ctx).openBundles(),
    'dialogs.chooseFolder': () => portOf(ctx).chooseFolder(),
    'dialogs.saveFile': ({ type, defaultName }) =>
      type === 'cunji' ? portOf(ctx).saveBundle(defaultName) : portOf(ctx).saveReport(defaultName, type),
  };
}
