// The whole app in a test: `openApp` on a real data folder with a wall clock the test moves,
// a typed client over its dispatch (no IPC, no HTTP), and a canonical dump of everything the
// database holds, so a test can prove a refused call left it byte-identical.
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openApp, type OpenedApp } from '../../electron/services/app';
import type { ApiMethod } from '../../shared/api/contract';
import { createClient } from '../../shared/api/client';
import type { ApiErrorShape, ApiResult } from '../../shared/api/result';
import type { ApiClient, ApiInput, ApiOutput, Transport } from '../../shared/api/types';
import type { DeviceSetupInput } from '../../shared/domain/device';
import type { Sqlite } from '../../db/open';
import { dumpHeads, dumpLedgers } from '../../db/sync/dump';
import { seedMigratedDatabase } from './migratedDatabase';
import { logText } from './loggedChanges';

export const APP_START_TIME = Date.UTC(2026, 10, 27, 8, 0, 0);

export const SECRETARY_SETUP = {
  role: 'secretary',
  name: '李明',
  unit: '省农业农村厅',
  unitLevel: 'province',
  township: '青石镇',
  county: '临河县',
  villages: [{ name: '李家村', code: '371325101201' }],
} as const satisfies DeviceSetupInput;

export interface TestApp extends OpenedApp {
  readonly api: ApiClient;
  /** Set the wall clock (ms); it may go backwards. */
  setTime(ms: number): void;
  /** Move the wall clock on by `ms`. */
  advance(ms: number): void;
  /** Everything the database holds, in a fixed order. */
  snapshot(): string;
}

export async function openTestApp(dataDir: string, startTime = APP_START_TIME): Promise<TestApp> {
  let wall = startTime;
  seedMigratedDatabase(join(dataDir, DATABASE_FILE_NAME));
  const app = await openApp({ dataDir, appVersion: 'test', now: () => wall });
  return {
    ...app,
    api: createClient(transportOf(app)),
    setTime: (ms) => {
      wall = ms;
    },
    advance: (ms) => {
      wall += ms;
    },
    snapshot: () => snapshotDatabase(app.context.db.sqlite),
  };
}

/** A transport that calls the app's dispatch directly, as IPC and HTTP do in the end. */
export function transportOf(app: Pick<OpenedApp, 'dispatch'>): Transport {
  return <M extends ApiMethod>(method: M, input: unknown) => app.dispatch(method, input) as Promise<ApiResult<ApiOutput<M>>>;
}

/** The ledgers, the cell heads, the change log (wherever its changes are kept) and the local meta table, canonically ordered. */
export function snapshotDatabase(sqlite: Sqlite): string {
  return [
    dumpLedgers(sqlite),
    dumpHeads(sqlite),
    logText(sqlite),
    sqlite.prepare('SELECT * FROM meta ORDER BY key').all().map((r) => JSON.stringify(r)).join('\n'),
  ].join('\n----\n');
}

/** The value of a call that must succeed; a refusal fails the test with its error. */
export async function expectOk<M extends ApiMethod>(app: Pick<OpenedApp, 'dispatch'>, method: M, input?: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} was refused: ${JSON.stringify(result.error)}`);
  return result.value as ApiOutput<M>;
}

/** The error of a call that must be refused. */
export async function expectRefused(app: Pick<OpenedApp, 'dispatch'>, method: string, input?: unknown): Promise<ApiErrorShape> {
  const result = await app.dispatch(method, input);
  if (result.ok) throw new Error(`${method} succeeded but should have been refused: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A secretary's app opened in `dataDir` with her one village, closed after `body`. */
export async function withSecretaryVillage(dataDir: string, body: (app: TestApp, villageId: string) => Promise<void>): Promise<void> {
  const app = await openTestApp(dataDir);
  try {
    const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
    await body(app, profile.villageIds[0]!);
  } finally {
    app.close();
  }
}
