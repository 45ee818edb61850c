// A device in a test: a real SQLite file, a controllable wall clock and a fixed device id,
// built the same way the app builds its own. Several can live in one process.
import { join } from 'node:path';
import { createUuidV7Source } from '../../db/ids';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createStore, type Store } from '../../db/store';
import { createHlcClock, type HlcClock } from '../../db/sync/hlc';
import { seedMigratedDatabase } from './migratedDatabase';

export interface TestDevice {
  readonly db: OpenedDatabase;
  readonly store: Store;
  readonly clock: HlcClock;
  readonly deviceId: string;
  /** Set the wall clock (ms); it may go backwards. */
  setTime(ms: number): void;
  close(): void;
}

export const START_TIME = Date.UTC(2026, 10, 27, 8, 0, 0);

export async function openTestDevice(dir: string, deviceId = '00000000000000a1', startTime = START_TIME): Promise<TestDevice> {
  let wall = startTime;
  const now = () => wall;
  const file = join(dir, `${deviceId}.sqlite`);
  seedMigratedDatabase(file);
  const db = await openDatabase(file, { now });
  const clock = createHlcClock(now);
  const store = createStore({ db, clock, newId: createUuidV7Source(now, seededRandom(deviceId)), deviceId });
  return {
    db,
    store,
    clock,
    deviceId,
    setTime: (ms) => {
      wall = ms;
    },
    close: () => db.close(),
  };
}

/** Deterministic bytes (xorshift32 seeded from the device id), so ids repeat run to run. */
export function seededRandom(seedText: string): (size: number) => Uint8Array {
  let state = parseInt(seedText.slice(-8), 16) || 0x9e3779b9;
  return (size) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
}
