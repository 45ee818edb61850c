// The streaming import: a verify pass, then an apply pass that reads each segment from the file
// again. Bytes that change between the passes are refused and roll everything back; conflicts
// are counted across segments as if the whole file were one merge.
import { closeSync, openSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readChanges } from '../../db/sync/merge';
import { encodeChanges } from '../../db/sync/segments/codec';
import { sealAll } from '../../db/sync/segments/seal';
import type * as Segments from '../../db/sync/segments/index';
import { assemble, handSeal } from './sync/bundleHelpers';
import { deviceIdOf, openPeer, replicaState, type Peer } from './sync/syncPeers';
import { countLogged, loggedChanges } from '../helpers/loggedChanges';
import { useTempDirs } from '../helpers/tempDir';

// Between the passes: the real scan runs, then the test may rewrite the file (a sync client or
// a person overwriting it while the import runs).
const between = vi.hoisted(() => ({ tamper: null as (() => void) | null }));
vi.mock('../../db/sync/segments/index', async (importOriginal) => {
  const real = await importOriginal<typeof Segments>();
  return {
    ...real,
    scanBundle: (...args: Parameters<typeof real.scanBundle>) => {
      const scanned = real.scanBundle(...args);
      between.tamper?.();
      return scanned;
    },
  };
});

const tempDir = useTempDirs();
afterEach(() => {
  between.tamper = null;
});

/** Everything an import may write. */
function everything(peer: Peer): string {
  const count = (table: string) => peer.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return `${replicaState(peer.sqlite)}\nchanges=${countLogged(peer.sqlite)} ${['segments', 'imports', 'quarantine'].map((t) => `${t}=${count(t)}`).join(' ')}`;
}

/** Flips one byte of the file at `position`, keeping its size. */
function flipByte(path: string, position: number): void {
  const fd = openSync(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, position);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, position);
  } finally {
    closeSync(fd);
  }
}

async function villageWithSegments(dir: string, run: number): Promise<{ secretary: Peer; coordinator: Peer; file: string; villageId: string }> {
  const secretary = await openPeer(dir, deviceIdOf(run, 1));
  const coordinator = await openPeer(dir, deviceIdOf(run, 2));
  const villageId = secretary.device.store.create('villages', null, { name: '李家村', township: '青石镇' });
  for (let i = 0; i < 6; i++) secretary.device.store.create('households', villageId, { head_name: `户主${i}`, phone: `1380000000${i}` });
  sealAll(secretary.sqlite, secretary.keys, { maxChanges: 4 }); // several segments in one file
  const file = secretary.exportTo(`${dir}/out`)!;
  coordinator.trust(secretary, [villageId]);
  return { secretary, coordinator, file, villageId };
}

describe('streaming import', () => {
  it('refuses a file whose last segment changed after it was verified, and keeps nothing of the segments before it', async () => {
    const dir = tempDir();
    const { secretary, coordinator, file } = await villageWithSegments(dir, 1);
    const segments = secretary.sqlite.prepare('SELECT count(*) FROM segments').pluck().get() as number;
    expect(segments).toBeGreaterThan(2);
    const before = everything(coordinator);
    // The last body ends where the trailer (hash 32, signature 64, end mark 8) begins.
    const { size } = statSync(file);
    between.tamper = () => flipByte(file, size - 104 - 1);

    const receipt = coordinator.importFile(file);
    expect(receipt.status).toBe('refused');
    expect(receipt.refusal?.reason).toBe('HASH_MISMATCH');
    expect(receipt.refusal?.message).toMatch(/changed while it was being imported/);
    expect(everything(coordinator)).toBe(before);

    // Restored, the same file imports in full.
    between.tamper = null;
    flipByte(file, size - 104 - 1);
    expect(coordinator.importFile(file).status).toBe('imported');
    expect(replicaState(coordinator.sqlite)).toBe(replicaState(secretary.sqlite));
    secretary.device.close();
    coordinator.device.close();
  });

  it('imports a file of many segments to exactly the ledgers of its author, each change remembering its segment', async () => {
    const dir = tempDir();
    const { secretary, coordinator, file } = await villageWithSegments(dir, 2);
    const receipt = coordinator.importFile(file);
    expect(receipt).toMatchObject({ status: 'imported', changesNew: countLogged(secretary.sqlite), conflictsCreated: 0 });
    expect(replicaState(coordinator.sqlite)).toBe(replicaState(secretary.sqlite));
    const log = (peer: Peer) => loggedChanges(peer.sqlite).map(({ id, segment }) => ({ id, segment }));
    expect(log(coordinator)).toEqual(log(secretary));
    expect(log(coordinator).every((c) => c.segment !== null)).toBe(true);
    secretary.device.close();
    coordinator.device.close();
  });

  it('counts a conflict made of changes from different segments of one file once, and none for a cell in conflict before the file', async () => {
    const dir = tempDir();
    const { secretary, coordinator, villageId } = await villageWithSegments(dir, 3);
    const other = await openPeer(dir, deviceIdOf(3, 3));
    // The village reaches the second secretary; both then rename it without seeing each other.
    other.trust(secretary, [villageId]);
    other.importFile(secretary.exportTo(`${dir}/to-other`, { full: true })!);
    secretary.advance(1000);
    other.advance(2000);
    secretary.device.store.update('villages', villageId, { name: '李家庄' });
    other.device.store.update('villages', villageId, { name: '李庄村' });
    // The other secretary relays everything (the village's creation, its own rename, then the
    // first secretary's) as one file to the coordinator.
    other.importFile(secretary.exportTo(`${dir}/to-other`)!);
    coordinator.trust(other, [villageId]);
    const relay = other.exportTo(`${dir}/relay`, { full: true })!;
    const first = coordinator.importFile(relay);
    expect(first.status).toBe('imported');
    expect(first.conflictsCreated).toBe(1);

    // The first secretary renames again, having seen only its own rename: the cell keeps two
    // heads, a conflict from before this file, so the file creates none.
    secretary.advance(1000);
    secretary.device.store.update('villages', villageId, { name: '李家新村' });
    const later = coordinator.importFile(secretary.exportTo(`${dir}/out`)!);
    expect(later).toMatchObject({ status: 'imported', changesNew: 1, conflictsCreated: 0 });
    expect(coordinator.sqlite.prepare("SELECT count(*) FROM cell_heads WHERE row_id = ? AND col = 'name'").pluck().get(villageId)).toBe(2);
    for (const peer of [secretary, coordinator, other]) peer.device.close();
  });
  it('refuses a segment whose content disagrees with its signed header even when the first pass did not decode it, storing nothing', async () => {
    // The secretary is trusted for its village only: judging needs nothing from the whole file,
    // so pass 1 checks hashes and signatures without decoding, and pass 2 finds the lie.
    const dir = tempDir();
    const { secretary, coordinator } = await villageWithSegments(dir, 4);
    const list = readChanges(secretary.sqlite).slice(0, 5);
    const lying = handSeal(secretary.keys, 1, null, encodeChanges(secretary.id, list), list.slice(0, 4));
    const file = join(dir, 'lying.cunji');
    writeFileSync(file, assemble(secretary.keys, [lying]));
    const before = everything(coordinator);
    const receipt = coordinator.importFile(file);
    expect(receipt.status).toBe('refused');
    expect(receipt.refusal?.reason).toBe('BAD_SEGMENT');
    expect(everything(coordinator)).toBe(before);
    secretary.device.close();
    coordinator.device.close();
  });
});
