// Seal → bundle → verify → decode gives back the device's own changes; merging a bundle from
// device A into device B gives B the ledgers of A; a relay through B verifies at C unchanged.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { mergeChanges, readChanges } from '../../../db/sync/merge';
import { bufferSource, changesOf, fileSource, readBundle, segmentsToExport, verifyBundle, writeBundle } from '../../../db/sync/segments/bundle';
import { sealAll, sealSegment, storeSegment, loadDeviceKeys } from '../../../db/sync/segments/seal';
import { SyncFileError } from '../../../db/sync/segments/errors';
import { openTestDevice, type TestDevice } from '../../helpers/device';
import { useTempDirs } from '../../helpers/tempDir';
import { keyring, newKeys } from './bundleHelpers';

const tempDir = useTempDirs();

function scribble(device: TestDevice, villages = 3): void {
  const ids: string[] = [];
  for (let v = 0; v < villages; v++) {
    const village = device.store.create('villages', null, { name: `李家村${v} 🌾`, code: `3713251012${v}`, notes: null });
    ids.push(village);
    for (let h = 0; h < 5; h++) {
      const household = device.store.create('households', village, { head_name: `王${h}`, category: h % 2 ? 'dibao' : 'monitored', phone: '13800000000' });
      device.store.create('visits', village, { household_id: household, visit_date: '2026-11-2' + h, situation: '走访了解生产生活情况'.repeat(h + 1), confirmed: h % 2 });
      device.store.update('households', household, { notes: `第${h}户` });
      device.store.update('households', household, { notes: `第${h}户 (改)`, phone: null });
    }
  }
  device.store.remove('villages', ids[0]!);
  device.store.create('fund_entries', ids[1]!, { amount_fen: 9_007_199_254_740_991, purpose: 'x'.repeat(5000) });
}

describe('sealing and bundles', () => {
  it('seals unsealed changes into hash-chained segments and marks them sealed', async () => {
    const a = await openTestDevice(tempDir(), '00000000000000a1');
    const keys = newKeys(a.deviceId);
    scribble(a);
    const total = readChanges(a.db.sqlite).length;
    const headers = sealAll(a.db.sqlite, keys, { maxChanges: 40 });
    expect(headers.length).toBe(Math.ceil(total / 40));
    expect(headers.map((h) => h.seq)).toEqual(headers.map((_, i) => i + 1));
    const rows = a.db.sqlite.prepare('SELECT hash, prev_hash FROM segments ORDER BY seq').all() as { hash: string; prev_hash: string | null }[];
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? null : rows[i - 1]!.hash));
    expect(a.db.sqlite.prepare('SELECT count(*) FROM changes WHERE segment IS NULL').pluck().get()).toBe(0);
    expect(sealSegment(a.db.sqlite, keys)).toBeNull();
    a.store.update('villages', a.db.sqlite.prepare('SELECT id FROM villages WHERE deleted_at IS NULL LIMIT 1').pluck().get() as string, { notes: 'later' });
    const next = sealSegment(a.db.sqlite, keys)!;
    expect(next.seq).toBe(headers.length + 1);
    expect(next.prevHash).toBe(rows[rows.length - 1]!.hash);
    expect(next.count).toBe(1);
    a.close();
  });

  it('finds unsealed changes through an index that holds only them', async () => {
    const a = await openTestDevice(tempDir(), '00000000000000a2');
    const keys = newKeys(a.deviceId);
    scribble(a);
    const sqlite = a.db.sqlite;
    const entries = () => sqlite.prepare('SELECT count(*) FROM changes INDEXED BY changes_unsealed WHERE segment IS NULL').pluck().get();
    const unsealed = sqlite.prepare('SELECT count(*) FROM changes WHERE segment IS NULL').pluck().get() as number;
    expect(unsealed).toBeGreaterThan(0);
    expect(entries()).toBe(unsealed);
    // The statements sealing runs search by that index, not by a scan of the log.
    for (const query of [
      'SELECT id FROM changes WHERE origin = ? AND segment IS NULL ORDER BY id LIMIT ?',
      'UPDATE changes SET segment = ? WHERE origin = ? AND segment IS NULL AND id <= ?',
    ]) {
      const args = query.startsWith('UPDATE') ? ['x', a.deviceId, 'z'] : [a.deviceId, 10];
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX changes_unsealed \(origin=\?/);
      expect(plan).not.toContain('TEMP B-TREE');
    }
    sealAll(sqlite, keys);
    expect(entries()).toBe(0);
    // A change received sealed is never in it: the index costs a merge nothing.
    const size = sqlite.prepare("SELECT count(*) FROM dbstat WHERE name = 'changes_unsealed'").pluck().get() as number;
    expect(size).toBe(1); // one (empty) root page
    a.close();
  });

  it('reads the keys electron/services/identity keeps in meta', async () => {
    const { ensureDeviceIdentity } = await import('../../../electron/services/identity');
    const a = await openTestDevice(tempDir());
    const identity = ensureDeviceIdentity(a.db);
    const keys = loadDeviceKeys(a.db.sqlite);
    expect(keys.deviceId).toBe(identity.deviceId);
    expect(keys.publicKeyPem).toBe(identity.publicKeyPem);
    expect(keys.keyId.toUpperCase().match(/.{4}/g)!.join(' ')).toBe(identity.keyFingerprint);
    a.close();
  });

  it('seal → bundle → verify → decode gives back exactly the device\'s changes, and B then has the ledgers of A', async () => {
    const dir = tempDir();
    const a = await openTestDevice(dir, '00000000000000a1');
    const b = await openTestDevice(dir, '00000000000000b2');
    const keysA = newKeys(a.deviceId);
    scribble(a);
    sealAll(a.db.sqlite, keysA, { maxChanges: 25 });
    const path = join(dir, 'out', 'a.cunji');
    mkdirSync(join(dir, 'out'));
    const written = writeBundle(a.db.sqlite, path, { keys: keysA, app: 'test', segments: segmentsToExport(a.db.sqlite) });
    expect(readdirSync(join(dir, 'out'))).toEqual(['a.cunji']); // no .part left behind
    expect(() => writeBundle(a.db.sqlite, path, { keys: keysA, app: 'test', segments: [] })).toThrow(/never overwritten/);

    const source = fileSource(path);
    const bundle = readBundle(source, { keyOf: keyring(keysA) });
    source.close();
    expect(bundle.fileHash).toBe(written.fileHash);
    expect(bundle.warnings).toEqual([]);
    expect(bundle.changeList).toEqual(readChanges(a.db.sqlite));

    mergeChanges(b.db.sqlite, b.clock, bundle.changeList);
    expect(dumpLedgers(b.db.sqlite)).toBe(dumpLedgers(a.db.sqlite));
    expect(dumpHeads(b.db.sqlite)).toBe(dumpHeads(a.db.sqlite));
    // Again: nothing new.
    expect(mergeChanges(b.db.sqlite, b.clock, bundle.changeList).added).toBe(0);
    a.close();
    b.close();
  });

  it('relays A\'s segments verbatim through B; C verifies A\'s signatures and reaches the same ledgers', async () => {
    const dir = tempDir();
    const [a, b, c] = await Promise.all(['00000000000000a1', '00000000000000b2', '00000000000000c3'].map((id) => openTestDevice(dir, id)));
    const [keysA, keysB] = [newKeys(a!.deviceId), newKeys(b!.deviceId)];
    scribble(a!, 2);
    sealAll(a!.db.sqlite, keysA, { maxChanges: 30 });
    const fromA = verifyBundle(bufferSource(readFileSync(writeBundle(a!.db.sqlite, join(dir, 'a.cunji'), { keys: keysA, app: 't', segments: segmentsToExport(a!.db.sqlite) }).path)), { keyOf: keyring(keysA) });
    b!.db.sqlite.transaction(() => {
      for (const s of fromA.segments) {
        storeSegment(b!.db.sqlite, s);
        mergeChanges(b!.db.sqlite, b!.clock, changesOf(s), s.hash);
      }
    })();
    scribble(b!, 1);
    sealAll(b!.db.sqlite, keysB);
    const relay = writeBundle(b!.db.sqlite, join(dir, 'b.cunji'), { keys: keysB, app: 't', segments: segmentsToExport(b!.db.sqlite) });
    const atC = readBundle(bufferSource(readFileSync(relay.path)), { keyOf: keyring(keysA, keysB) });
    expect(atC.segments.map((s) => s.origin)).toContain(a!.deviceId);
    expect(atC.segments.filter((s) => s.origin === a!.deviceId).map((s) => s.hash)).toEqual(fromA.segments.map((s) => s.hash));
    mergeChanges(c!.db.sqlite, c!.clock, atC.changeList);
    expect(dumpLedgers(c!.db.sqlite)).toBe(dumpLedgers(b!.db.sqlite));
    // C without A's key refuses the whole file, naming A.
    expect(() => verifyBundle(bufferSource(readFileSync(relay.path)), { keyOf: keyring(keysB) })).toThrow(`unknown device ${a!.deviceId}`);
    // An export past a mark, resending the last one.
    const all = segmentsToExport(b!.db.sqlite);
    const marks = new Map([[a!.deviceId, fromA.segments.length]]);
    expect(segmentsToExport(b!.db.sqlite, marks, 1).length).toBe(all.length - fromA.segments.length + 1);
    expect(existsSync(`${relay.path}.part`)).toBe(false);
    for (const d of [a, b, c]) d!.close();
  });

  it('reports a gap in an origin\'s chain as a warning', async () => {
    const dir = tempDir();
    const a = await openTestDevice(dir, '00000000000000a1');
    const keysA = newKeys(a.deviceId);
    scribble(a, 1);
    const headers = sealAll(a.db.sqlite, keysA, { maxChanges: 10 });
    expect(headers.length).toBeGreaterThan(4);
    const hashes = segmentsToExport(a.db.sqlite);
    const path = writeBundle(a.db.sqlite, join(dir, 'gap.cunji'), { keys: keysA, app: 't', segments: [hashes[0]!, hashes[2]!, hashes[4]!] }).path;
    const verified = verifyBundle(fileSourceOnce(path), { keyOf: keyring(keysA) });
    expect(verified.warnings).toEqual([`device ${a.deviceId}, segment 2 missing`, `device ${a.deviceId}, segment 4 missing`]);
    const later = verifyBundle(fileSourceOnce(path), { keyOf: keyring(keysA), lastSeqOf: () => 0 });
    expect(later.warnings).toHaveLength(2);
    expect(() => verifyBundle(fileSourceOnce(path), { keyOf: () => null })).toThrow(SyncFileError);
    a.close();
  });
});

function fileSourceOnce(path: string) {
  return bufferSource(readFileSync(path));
}
