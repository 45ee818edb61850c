// The app's sync of saved targets: the scheduler wired to real runs and probes, and the status
// a screen shows (last attempt and success, what came in and went out, the last error in plain
// words, reachable or not, the next run). Built once per opened app; `stop()` on close.
import { ApiError } from '../../../shared/api/result';
import type { SyncTargetStatus } from '../../../shared/domain/sync';
import type { ServiceContext } from '../context';
import { dropStagedMarks } from '../../../db/sync/exportMarks';
import { clearPrivateTemp } from './encryption';
import { SyncTargetError } from './errors';
import { openTarget, runTarget, type RunReport, type WebdavTuning } from './runner';
import { listSavedTargets, savedTarget, type SavedTarget } from '../../../db/sync/syncTargets';
import { createSyncScheduler, REAL_TIMERS, type ProbeDelays, type SchedulerTimers } from './scheduler';

export interface SyncServiceOptions {
  readonly timers?: SchedulerTimers;
  /** Start the scheduler when the app opens (default true). */
  readonly autoStart?: boolean;
  readonly webdav?: WebdavTuning;
  readonly probeDelays?: ProbeDelays;
}

export interface SyncService {
  start(): void;
  stop(): void;
  /** Runs a saved target now (after the one in flight, if any). */
  run(id: string, full?: boolean): Promise<RunReport & { status: SyncTargetStatus }>;
  status(): SyncTargetStatus[];
  statusOf(target: SavedTarget): SyncTargetStatus;
  notifyOnline(): void;
  targetSaved(id: string): void;
  targetDeleted(id: string): void;
  idle(): Promise<void>;
}

export function createSyncService(ctx: ServiceContext, options: SyncServiceOptions = {}): SyncService {
  const timers = options.timers ?? REAL_TIMERS;
  const { sqlite } = ctx.db;
  // Aborts the network work in flight when the app closes.
  let aborter = new AbortController();
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  // Before anything runs: a run or a decrypt killed part way left plain bundles and `.part`
  // files in the private temp folder, and marks staged for a file that never arrived.
  clearPrivateTemp(ctx.dataDir);
  dropStagedMarks(sqlite);

  const scheduler = createSyncScheduler<RunReport>({
    timers,
    targets: () => listSavedTargets(sqlite),
    run: async (id, full) => {
      const saved = savedTarget(sqlite, id);
      if (!saved) throw new ApiError('NOT_FOUND', `No sync target ${id}`);
      return runTarget(ctx, saved, { full, ...(options.webdav ? { tuning: options.webdav } : {}), signal: aborter.signal });
    },
    reachableOf: (report) => report.error?.reachable ?? true,
    probe: async (id) => {
      const saved = savedTarget(sqlite, id);
      if (!saved) return false;
      try {
        await (await openTarget(ctx, saved, options.webdav, aborter.signal)).probe();
        return true;
      } catch (error) {
        // A refusal (wrong password, 403) is an answer: the target is there.
        return error instanceof SyncTargetError ? error.reachable : false;
      }
    },
    ...(options.probeDelays ? { probeDelays: options.probeDelays } : {}),
  });

  function statusOf(target: SavedTarget): SyncTargetStatus {
    const schedule = scheduler.scheduleOf(target.id);
    return {
      targetId: target.id,
      name: target.name,
      kind: target.kind,
      state: schedule.state,
      reachable: schedule.reachable,
      lastAttemptAt: target.lastAttemptAt,
      lastSuccessAt: target.lastSuccessAt,
      lastCounts: target.lastCounts,
      lastError: target.lastError,
      nextRunAt: iso(schedule.nextRunAt),
      passwordProtected: ctx.secrets.protectedAtRest,
    };
  }

  return {
    start: () => {
      if (aborter.signal.aborted) aborter = new AbortController();
      scheduler.start();
    },
    stop: () => {
      scheduler.stop();
      aborter.abort();
    },
    run: async (id, full = false) => {
      if (!savedTarget(sqlite, id)) throw new ApiError('NOT_FOUND', `No sync target ${id}`);
      const report = await scheduler.runNow(id, full);
      const saved = savedTarget(sqlite, id);
      if (!saved) throw new ApiError('NOT_FOUND', `The sync target ${id} was deleted meanwhile`);
      return { ...report, status: statusOf(saved) };
    },
    status: () => listSavedTargets(sqlite).map(statusOf),
    statusOf,
    notifyOnline: () => scheduler.notifyOnline(),
    targetSaved: (id) => scheduler.targetSaved(id),
    targetDeleted: (id) => scheduler.targetDeleted(id),
    idle: () => scheduler.idle(),
  };
}
