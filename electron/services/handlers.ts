// Every handler of the contract, composed from one map per feature (as Actual Budget does).
// Typed as `Handlers`, so a missing method fails tsc; a name given by two features, or one
// the contract lacks, fails at start-up.
import { API_METHODS, isApiMethod } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/types';
import type { ServiceContext } from './context';
import { dashboardHandlers } from './dashboard';
import { demoHandlers } from './demo/index';
import { deviceHandlers } from './device';
import { dialogHandlers } from './dialogs';
import { historyHandlers } from './history';
import { importHandlers } from './imports/index';
import { printerHandlers } from './printer';
import { reportHandlers } from './reports/index';
import { allLedgerHandlers } from './ledgers/index';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync/index';
import { syncTargetHandlers } from './sync/targetHandlers';
import { villageHandlers } from './villages';
import { conflictCountHandlers } from './conflictCount';
import { backupHandlers } from './backups/index';
import { attachmentHandlers } from './attachments/handlers';
import { archiveHandlers } from './archive/index';

export function createHandlers(ctx: ServiceContext): Handlers {
  const app: Pick<Handlers, 'app.info' | 'app.setLanguage' | 'dialogs.openBundles' | 'dialogs.saveFile' | 'dialogs.chooseFolder'> = {
    'app.info': () => ({
      version: ctx.appVersion,
      schemaVersion: ctx.db.schemaVersion,
      dataDir: ctx.dataDir,
      databaseFile: ctx.db.file,
      nativeDialogs: ctx.dialogs !== undefined,
      clockBehindMs: Math.max(0, ctx.clock.lagMs()),
    }),
    'app.setLanguage': ({ language }) => {
      ctx.onLanguageChange?.(language);
      return { nativeMenu: ctx.onLanguageChange !== undefined };
    },
    ...dialogHandlers(ctx),
  };
  const parts = [app, deviceHandlers(ctx), villageHandlers(ctx), demoHandlers(ctx), settingsHandlers(ctx), allLedgerHandlers(ctx), syncHandlers(ctx), syncTargetHandlers(ctx), dashboardHandlers(ctx), reportHandlers(ctx), printerHandlers(ctx), importHandlers(ctx), historyHandlers(ctx), conflictCountHandlers(ctx), backupHandlers(ctx), attachmentHandlers(ctx), archiveHandlers(ctx)] as const;
  const handlers: Handlers = { ...parts[0], ...parts[1], ...parts[2], ...parts[3], ...parts[4], ...parts[5], ...parts[6], ...parts[7], ...parts[8], ...parts[9], ...parts[10], ...parts[11], ...parts[12], ...parts[13], ...parts[14], ...parts[15], ...parts[16] };

  const names = parts.flatMap((part) => Object.keys(part));
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  const missing = API_METHODS.filter((m) => !(m in handlers));
  const stray = names.filter((m) => !isApiMethod(m));
  if (twice.length || missing.length || stray.length) {
    throw new Error(`Handlers do not match the contract: twice ${twice}, missing ${missing}, stray ${stray}`);
  }
  return handlers;
}
