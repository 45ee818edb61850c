// Random multi-device histories for the merge laws: creates, edits (an edit on a device that
// holds both sides of a conflict resolves it), deletes, clock jumps, and deliveries that drop,
// duplicate and reorder changes. Shared by the merge-law and bulk-merge property tests.
import fc from 'fast-check';
import { expect } from 'vitest';
import { StoreError } from '../../db/store';
import type { Change } from '../../db/sync/apply';
import { dumpHeads, dumpLedgers } from '../../db/sync/dump';
import { createChangeLog } from '../../db/sync/changeLog';
import { mergeChanges, readChanges, type MergeResult } from '../../db/sync/merge';
import type { HlcClock } from '../../db/sync/hlc';
import type { Sqlite } from '../../db/open';
import { openTestDevice, START_TIME, type TestDevice } from './device';

export type MergeFn = (sqlite: Sqlite, clock: HlcClock, changes: Iterable<Change>) => MergeResult;

export type Op =
  | { kind: 'create'; dev: number; name: string }
  | { kind: 'edit'; dev: number; pick: number; name: string | null; notes: string | null }
  | { kind: 'delete'; dev: number; pick: number }
  | { kind: 'send'; from: number; to: number; keep: number[]; twice: boolean }
  | { kind: 'time'; dev: number; delta: number };

export const DEVICES = 4;
const dev = fc.integer({ min: 0, max: DEVICES - 1 });
const text = fc.string({ maxLength: 6 });
export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), dev, name: text }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), dev, pick: fc.nat(), name: fc.option(text), notes: fc.option(text) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), dev, pick: fc.nat() }) },
  // A delivery that drops changes (keep = which ones arrive), duplicates them, and reorders them.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), from: dev, to: dev, keep: fc.array(fc.nat(), { maxLength: 30 }), twice: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('time' as const), dev, delta: fc.integer({ min: -3_600_000, max: 3_600_000 }) }) },
);

/** The ledgers and the heads: what must be byte-identical between replicas. */
export function state(device: TestDevice): string {
  return `${dumpLedgers(device.db.sqlite)}\n--\n${dumpHeads(device.db.sqlite)}`;
}

function liveVillages(device: TestDevice): string[] {
  return device.db.sqlite.prepare('SELECT id FROM villages WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];
}

/** What the author of each local change had of its cell when writing it (the oracle's input). */
export type Knowledge = Map<string, Set<string>>;

function cellChangeIds(device: TestDevice, rowId: string, col: string): string[] {
  return createChangeLog(device.db.sqlite).ofCell('villages', rowId, col).map((change) => change.id);
}

function recordKnowledge(device: TestDevice, knowledge: Knowledge, rowId: string, write: () => void): void {
  const cols = ['name', 'notes', '_row'];
  const before = new Map(cols.map((col) => [col, new Set(cellChangeIds(device, rowId, col))]));
  write();
  for (const col of cols) {
    for (const id of cellChangeIds(device, rowId, col)) if (!before.get(col)!.has(id)) knowledge.set(id, before.get(col)!);
  }
}

/** Plays one op on the devices; deliveries go through `merge` (default: mergeChanges). */
export function run(devices: TestDevice[], clocks: number[], o: Op, knowledge: Knowledge = new Map(), merge: MergeFn = mergeChanges): void {
  if (o.kind === 'time') {
    clocks[o.dev]! += o.delta;
    devices[o.dev]!.setTime(clocks[o.dev]!);
    return;
  }
  if (o.kind === 'send') {
    const all = readChanges(devices[o.from]!.db.sqlite);
    const batch: Change[] = o.keep.length ? o.keep.map((k) => all[k % all.length]!).filter(Boolean) : all;
    const to = devices[o.to]!;
    merge(to.db.sqlite, to.clock, batch);
    if (o.twice) merge(to.db.sqlite, to.clock, [...batch].reverse());
    return;
  }
  const device = devices[o.dev]!;
  if (o.kind === 'create') {
    device.store.create('villages', null, { name: o.name, township: '青石镇' });
    return;
  }
  const live = liveVillages(device);
  if (!live.length) return;
  const id = live[o.pick % live.length]!;
  try {
    recordKnowledge(device, knowledge, id, () => {
      if (o.kind === 'edit') device.store.update('villages', id, { name: o.name, notes: o.notes });
      else device.store.remove('villages', id);
    });
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
  }
}

/** The DEVICES devices of one property run, ids unique to the run, clocks a second apart. */
export async function openDevices(dir: string, round: number): Promise<{ devices: TestDevice[]; clocks: number[] }> {
  const devices = await Promise.all(
    Array.from({ length: DEVICES }, (_, i) => openTestDevice(dir, `${round.toString(16).padStart(8, '0')}0000000${i + 1}`, START_TIME + i * 1000)),
  );
  return { devices, clocks: devices.map((_, i) => START_TIME + i * 1000) };
}
