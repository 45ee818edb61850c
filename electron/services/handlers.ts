// Every handler of the contract, composed from one map per feature (as Actual Budget does).
// The `Handlers` type makes a missing method a type error; `assertComplete` catches a
// duplicate or stray name at start-up.
import { API_METHODS, isApiMethod } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/types';
import type { ServiceContext } from './context';
import { demoHandlers } from './demo';
import { deviceHandlers } from './device';
import { villageHandlers } from './villages';

export function createHandlers(ctx: ServiceContext): Handlers {
  const parts = [
    {
      'app.info': () => ({
        version: ctx.appVersion,
        schemaVersion: ctx.db.schemaVersion,
        dataDir: ctx.dataDir,
        databaseFile: ctx.db.file,
      }),
    } satisfies Pick<Handlers, 'app.info'>,
    deviceHandlers(ctx),
    villageHandlers(ctx),
    demoHandlers(ctx),
  ];
  const handlers: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part)) {
      if (name in handlers) throw new Error(`Two handlers for ${name}`);
      handlers[name] = fn;
    }
  }
  const missing = API_METHODS.filter((m) => !(m in handlers));
  const stray = Object.keys(handlers).filter((m) => !isApiMethod(m));
  if (missing.length || stray.length) throw new Error(`Handlers do not match the contract: missing ${missing}, stray ${stray}`);
  return handlers as Handlers;
}
