// A clock a test moves by hand, for the sync scheduler: `advance` fires every timer that falls
// due, in order. The runs those timers start do real work; the test awaits them with `idle()`.
import type { SchedulerTimers } from '../../../../electron/services/sync/scheduler';

export interface FakeClock extends SchedulerTimers {
  advance(ms: number): void;
  /** Timers set and not yet fired or cleared. */
  pending(): number;
}

export function fakeClock(start = Date.UTC(2026, 10, 27, 8, 0, 0)): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    advance: (ms) => {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((x, y) => x[1].at - y[1].at || x[0] - y[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    pending: () => timers.size,
  };
}
