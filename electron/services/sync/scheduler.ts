// When each saved target syncs: at start, every `intervalMinutes`, on demand, and as soon as a
// target that could not be reached answers again (probed cheaply, with backoff, and at once on
// `notifyOnline()`). One run at a time per target: a request during a run queues one more run
// after it, and further requests join that queued one. Timers are injected, so tests drive the
// clock while the runs themselves do real work; nothing here knows what a run does.

export interface SchedulerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's timers, unref'd: a pending sync never keeps the app (or a test) alive. */
export const REAL_TIMERS: SchedulerTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ScheduledTarget {
  readonly id: string;
  /** Run by the scheduler; false: on demand only. */
  readonly auto: boolean;
  readonly intervalMinutes: number;
}

export interface ProbeDelays {
  readonly firstMs: number;
  readonly maxMs: number;
}

export const DEFAULT_PROBE_DELAYS: ProbeDelays = { firstMs: 15_000, maxMs: 5 * 60_000 };

export interface SchedulerDeps<R> {
  readonly timers: SchedulerTimers;
  /** The saved targets now (read at each decision, so edits take effect). */
  targets(): ScheduledTarget[];
  run(id: string, full: boolean): Promise<R>;
  /** Whether the run found the target reachable (false: probe until it is). */
  reachableOf(result: R): boolean;
  /** Cheap: does the target answer now? Never rejects. */
  probe(id: string): Promise<boolean>;
  readonly probeDelays?: ProbeDelays;
}

export interface TargetSchedule {
  readonly state: 'idle' | 'running' | 'queued';
  readonly reachable: boolean | null;
  /** When the next automatic run is due (ms); null while waiting for the target to come back. */
  readonly nextRunAt: number | null;
  /** When the next probe is due (ms), while the target is unreachable. */
  readonly nextProbeAt: number | null;
}

interface Slot<R> {
  running: Promise<R> | null;
  queued: Promise<R> | null;
  queuedFull: boolean;
  reachable: boolean | null;
  runTimer: unknown;
  nextRunAt: number | null;
  probeTimer: unknown;
  nextProbeAt: number | null;
  probeDelayMs: number;
  probing: Promise<void> | null;
}

export interface SyncScheduler<R> {
  /** Runs every automatic target now, then keeps them on their timers. */
  start(): void;
  /** Clears every timer; runs in flight finish but schedule nothing more. */
  stop(): void;
  /** On demand (also while stopped): after the running one, if any. */
  runNow(id: string, full?: boolean): Promise<R>;
  /** The network came back (an OS event, the renderer's `online`): probe every unreachable target now. */
  notifyOnline(): void;
  /** A target was added or changed: its next automatic run is one interval from now. */
  targetSaved(id: string): void;
  targetDeleted(id: string): void;
  scheduleOf(id: string): TargetSchedule;
  /** Resolves once no run or probe is in flight (tests, shutdown). */
  idle(): Promise<void>;
}

export function createSyncScheduler<R>(deps: SchedulerDeps<R>): SyncScheduler<R> {
  const { timers } = deps;
  const delays = deps.probeDelays ?? DEFAULT_PROBE_DELAYS;
  const slots = new Map<string, Slot<R>>();
  let started = false;

  const slotOf = (id: string): Slot<R> => {
    let slot = slots.get(id);
    if (!slot) {
      slot = { running: null, queued: null, queuedFull: false, reachable: null, runTimer: null, nextRunAt: null, probeTimer: null, nextProbeAt: null, probeDelayMs: 0, probing: null };
      slots.set(id, slot);
    }
    return slot;
  };
  const targetOf = (id: string) => deps.targets().find((t) => t.id === id);

  function clearTimers(slot: Slot<R>): void {
    if (slot.runTimer !== null) timers.clearTimeout(slot.runTimer);
    if (slot.probeTimer !== null) timers.clearTimeout(slot.probeTimer);
    slot.runTimer = slot.probeTimer = null;
    slot.nextRunAt = slot.nextProbeAt = null;
  }

  function scheduleRun(id: string, ms: number): void {
    const slot = slotOf(id);
    clearTimers(slot);
    slot.nextRunAt = timers.now() + ms;
    slot.runTimer = timers.setTimeout(() => {
      slot.runTimer = null;
      slot.nextRunAt = null;
      void runNow(id).catch(() => undefined);
    }, ms);
  }

  function scheduleProbe(id: string): void {
    const slot = slotOf(id);
    clearTimers(slot);
    slot.probeDelayMs = slot.probeDelayMs === 0 ? delays.firstMs : Math.min(delays.maxMs, slot.probeDelayMs * 2);
    slot.nextProbeAt = timers.now() + slot.probeDelayMs;
    slot.probeTimer = timers.setTimeout(() => {
      slot.probeTimer = null;
      slot.nextProbeAt = null;
      probeNow(id);
    }, slot.probeDelayMs);
  }

  function probeNow(id: string): void {
    const slot = slotOf(id);
    if (slot.probing || slot.running || slot.queued) return;
    slot.probing = deps.probe(id).then((reachable) => {
      slot.probing = null;
      if (!started || !targetOf(id)?.auto) return;
      if (reachable) {
        // Back: sync at once, then the usual interval.
        slot.probeDelayMs = 0;
        void runNow(id).catch(() => undefined);
      } else scheduleProbe(id);
    });
  }

  /** What follows a run: the next interval, or probing when the target did not answer. */
  function afterRun(id: string, reachable: boolean | null): void {
    const slot = slotOf(id);
    if (reachable !== null) slot.reachable = reachable;
    if (!started || slot.queued) return;
    const target = targetOf(id);
    if (!target?.auto) return clearTimers(slot);
    if (slot.reachable === false) scheduleProbe(id);
    else {
      slot.probeDelayMs = 0;
      scheduleRun(id, target.intervalMinutes * 60_000);
    }
  }

  function execute(id: string, full: boolean): Promise<R> {
    const slot = slotOf(id);
    clearTimers(slot);
    const run = deps.run(id, full);
    slot.running = run;
    run.then(
      (result) => {
        slot.running = null;
        afterRun(id, deps.reachableOf(result));
      },
      () => {
        slot.running = null;
        afterRun(id, null);
      },
    );
    return run;
  }

  function runNow(id: string, full = false): Promise<R> {
    const slot = slotOf(id);
    if (slot.queued) {
      slot.queuedFull ||= full;
      return slot.queued;
    }
    if (slot.running) {
      slot.queuedFull = full;
      const queued = slot.running
        .catch(() => undefined)
        .then(() => {
          slot.queued = null;
          const wantsFull = slot.queuedFull;
          slot.queuedFull = false;
          return execute(id, wantsFull);
        });
      slot.queued = queued;
      return queued;
    }
    return execute(id, full);
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const target of deps.targets()) if (target.auto) void runNow(target.id).catch(() => undefined);
    },
    stop() {
      started = false;
      for (const slot of slots.values()) clearTimers(slot);
    },
    runNow,
    notifyOnline() {
      if (!started) return;
      for (const target of deps.targets()) {
        const slot = slotOf(target.id);
        if (!target.auto || slot.reachable !== false) continue;
        clearTimers(slot);
        slot.probeDelayMs = 0;
        probeNow(target.id);
      }
    },
    targetSaved(id) {
      const slot = slotOf(id);
      // A changed target may be reachable now; the last verdict was about the old place.
      slot.reachable = null;
      slot.probeDelayMs = 0;
      if (slot.running || slot.queued) return; // the run in flight schedules the next one
      const target = targetOf(id);
      if (started && target?.auto) scheduleRun(id, target.intervalMinutes * 60_000);
      else clearTimers(slot);
    },
    targetDeleted(id) {
      const slot = slots.get(id);
      if (slot) clearTimers(slot);
      if (slot && !slot.running && !slot.queued && !slot.probing) slots.delete(id);
    },
    scheduleOf(id) {
      const slot = slots.get(id);
      if (!slot) return { state: 'idle', reachable: null, nextRunAt: null, nextProbeAt: null };
      return {
        state: slot.queued ? 'queued' : slot.running ? 'running' : 'idle',
        reachable: slot.reachable,
        nextRunAt: slot.nextRunAt,
        nextProbeAt: slot.nextProbeAt,
      };
    },
    async idle() {
      for (;;) {
        const busy = [...slots.values()].flatMap((s) => [s.running, s.queued, s.probing].filter((p): p is Promise<R> | Promise<void> => p !== null));
        if (busy.length === 0) return;
        await Promise.allSettled(busy);
        // Let the callbacks that follow a settled run (afterRun, a probe's runNow) take their turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
