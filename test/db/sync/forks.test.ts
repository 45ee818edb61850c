// Forks through real SQLite files and real bundle files: a secretary's laptop restored from a
// backup (its database copied at an earlier point and opened again with the same device key)
// keeps writing under its id. The coordinator keeps both histories, names the device, and every
// file it writes still arrives at every secretary; nothing either copy wrote is lost.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import { SUCCESSOR_NEEDED, type ImportReceipt } from '../../../db/sync/importBundle';
import { sealChanges, assemble } from './bundleHelpers';
import { useTempDirs } from '../../helpers/tempDir';
import { createChangeLog } from '../../../db/sync/changeLog';
import { openPeer, replicaState, villageWithHouseholds, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const ID = { s1: '00000000000000a1', s2: '00000000000000a2', coordinator: '00000000000000c1' } as const;
const MINUTE = 60_000;

/** A copy of the peer's database as it stands: what a backup holds. */
function backup(peer: Peer, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${peer.id}.sqlite`);
  peer.sqlite.prepare('VACUUM INTO ?').run(path);
  return path;
}

/** The device opened again from its backup, with its own key, its clock at `at`: the restored laptop. */
async function restore(copy: string, original: Peer, dir: string, at: number): Promise<Peer> {
  mkdirSync(dir, { recursive: true });
  copyFileSync(copy, join(dir, `${original.id}.sqlite`));
  return openPeer(dir, original.id, at, original.keys);
}

function imported(receipt: ImportReceipt): ImportReceipt {
  expect(receipt.refusal).toBeNull();
  expect(receipt.status).toBe('imported');
  return receipt;
}

const headNames = (peer: Peer) => peer.sqlite.prepare('SELECT head_name FROM households WHERE deleted_at IS NULL ORDER BY head_name').pluck().all() as string[];

/** Two secretaries of one township and their coordinator, each secretary's first file imported. */
async function township(dir: string) {
  const s1 = await openPeer(dir, ID.s1);
  const s2 = await openPeer(dir, ID.s2);
  const coordinator = await openPeer(dir, ID.coordinator);
  const village1 = villageWithHouseholds(s1, 2);
  const village2 = villageWithHouseholds(s2, 2);
  for (const peer of [s1, s2]) peer.trust(coordinator, ['township:青石镇'], 'coordinator');
  // As the coordinator's enrolments would bring them (test/db/sync/enrolment.test.ts proves that path).
  s1.trust(s2, [village2]);
  s2.trust(s1, [village1]);
  coordinator.trust(s1, [village1]);
  coordinator.trust(s2, [village2]);
  imported(coordinator.importFile(s1.exportTo(join(dir, 'up'))!));
  imported(coordinator.importFile(s2.exportTo(join(dir, 'up'))!));
  return { s1, s2, coordinator, village1, village2 };
}

describe('a device that wrote two histories', () => {
  it('keeps a segment one past the last that links to nothing as a fork, names it, and every file the coordinator writes still arrives', async () => {
    const dir = tempDir();
    const t = await township(dir);
    // What the issue found: one segment of S1, numbered one past its last, prevHash null, signed with S1's key.
    const last = t.coordinator.sqlite.prepare('SELECT max(seq) FROM segments WHERE origin = ?').pluck().get(ID.s1) as number;
    const scratch = await restore(backup(t.s1, join(dir, 'scratch-copy')), t.s1, join(dir, 'scratch'), t.s1.now() + MINUTE);
    scratch.device.store.create('households', t.village1, { head_name: '分叉户' });
    const changes = (scratch.sqlite.prepare("SELECT * FROM changes WHERE segment IS NULL AND origin = ?").all(ID.s1) as (Omit<Change, 'seen'> & { seen: string })[])
      .map((c): Change => ({ id: c.id, tbl: c.tbl, row_id: c.row_id, village_id: c.village_id, col: c.col, value: c.value, hlc: c.hlc, origin: c.origin, seen: JSON.parse(c.seen) as string[] }));
    const unlinked = sealChanges(t.s1.keys, last + 1, null, changes);
    const file = join(dir, 'unlinked.cunji');
    writeFileSync(file, assemble(t.s1.keys, [unlinked]));

    const receipt = imported(t.coordinator.importFile(file));
    expect(receipt.forks).toEqual([{ deviceId: ID.s1, seq: last + 1, self: false }]);
    expect(receipt.changesNew).toBe(changes.length);
    expect(headNames(t.coordinator)).toContain('分叉户');

    // The coordinator writes on; its next files reach both secretaries, whole.
    t.s1.device.store.create('households', t.village1, { head_name: '正常户' });
    imported(t.coordinator.importFile(t.s1.exportTo(join(dir, 'up'))!));
    const down = t.coordinator.exportTo(join(dir, 'down'), { full: true })!;
    // The other secretary is told whose data forked; S1 itself, that another copy of it wrote under its key.
    expect(imported(t.s2.importFile(down)).forks).toEqual([{ deviceId: ID.s1, seq: last + 1, self: false }]);
    expect(imported(t.s1.importFile(down)).forks).toEqual([{ deviceId: ID.s1, seq: last + 1, self: true }]);
    expect(headNames(t.s2)).toEqual(headNames(t.coordinator));
    expect(headNames(t.s2)).toEqual(expect.arrayContaining(['分叉户', '正常户']));
    expect(replicaState(t.s2.sqlite)).toBe(replicaState(t.coordinator.sqlite));
    // A second file of the coordinator (marks moved): nothing refused, nothing new.
    t.s2.device.store.create('households', t.village2, { head_name: '后来户' });
    imported(t.coordinator.importFile(t.s2.exportTo(join(dir, 'up'))!));
    imported(t.s1.importFile(t.coordinator.exportTo(join(dir, 'down'))!));
    expect(replicaState(t.s1.sqlite)).toBe(replicaState(t.coordinator.sqlite));
  });

  it('a laptop restored from a backup keeps working: both histories reach everyone, and the restored one learns it was copied', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const copy = backup(t.s1, join(dir, 'backup'));
    // After the backup the laptop wrote more, and sent it up.
    t.s1.advance(MINUTE);
    t.s1.device.store.create('households', t.village1, { head_name: '备份后户' });
    imported(t.coordinator.importFile(t.s1.exportTo(join(dir, 'up'))!));
    // The laptop is restored from the backup (the work after it is gone from this copy) and writes on.
    const restored = await restore(copy, t.s1, join(dir, 'restored'), t.s1.now() + MINUTE);
    restored.device.store.create('households', t.village1, { head_name: '恢复后户' });
    const fromRestored = restored.exportTo(join(dir, 'up-restored'))!;

    const atCoordinator = imported(t.coordinator.importFile(fromRestored));
    expect(atCoordinator.forks).toEqual([{ deviceId: ID.s1, seq: expect.any(Number) as number, self: false }]);
    expect(headNames(t.coordinator)).toEqual(expect.arrayContaining(['备份后户', '恢复后户']));
    expect(t.coordinator.sqlite.prepare('SELECT origin, self FROM forks').all()).toEqual([{ origin: ID.s1, self: 0 }]);

    // Each keeps receiving the others' files: the coordinator's reaches the restored laptop, the other secretary and the old copy.
    t.s2.device.store.create('households', t.village2, { head_name: '二村新户' });
    imported(t.coordinator.importFile(t.s2.exportTo(join(dir, 'up'))!));
    const down = t.coordinator.exportTo(join(dir, 'down'))!;
    restored.device.store.create('households', t.village1, { head_name: '未封存户' });
    const atRestored = imported(restored.importFile(down));
    expect(atRestored.forks?.[0]).toEqual({ deviceId: ID.s1, seq: expect.any(Number) as number, self: true });
    expect(restored.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SUCCESSOR_NEEDED)).toBeTruthy();
    imported(t.s2.importFile(down));
    imported(t.s1.importFile(down));
    // What the restored copy had not sealed yet was sealed before the other copy's work came in, and travels.
    imported(t.coordinator.importFile(restored.exportTo(join(dir, 'up-restored'))!));
    const again = t.coordinator.exportTo(join(dir, 'down'))!;
    for (const peer of [restored, t.s1, t.s2]) imported(peer.importFile(again));
    for (const peer of [restored, t.s1, t.s2]) expect(replicaState(peer.sqlite)).toBe(replicaState(t.coordinator.sqlite));
    expect(headNames(t.s2)).toEqual(expect.arrayContaining(['备份后户', '恢复后户', '二村新户', '未封存户']));
    // The restored copy continues its own history, not the one it received.
    restored.device.store.create('households', t.village1, { head_name: '再写户' });
    imported(t.coordinator.importFile(restored.exportTo(join(dir, 'up-restored'))!));
    expect(headNames(t.coordinator)).toContain('再写户');
  });

  it('one forked device never stops another device\'s segments in the same file', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const copy = backup(t.s1, join(dir, 'backup'));
    t.s1.device.store.create('households', t.village1, { head_name: '甲' });
    imported(t.coordinator.importFile(t.s1.exportTo(join(dir, 'up'))!));
    const restored = await restore(copy, t.s1, join(dir, 'restored'), t.s1.now() + MINUTE);
    restored.device.store.create('households', t.village1, { head_name: '乙' });
    imported(t.coordinator.importFile(restored.exportTo(join(dir, 'up-restored'))!));
    t.s2.device.store.create('households', t.village2, { head_name: '丙' });
    imported(t.coordinator.importFile(t.s2.exportTo(join(dir, 'up'))!));
    // A new secretary that has nothing yet gets one file holding both branches of S1 and S2's work.
    const s3 = await openPeer(dir, '00000000000000a3');
    s3.trust(t.coordinator, ['township:青石镇'], 'coordinator');
    s3.trust(t.s1, [t.village1]);
    s3.trust(t.s2, [t.village2]);
    const receipt = imported(s3.importFile(t.coordinator.exportTo(join(dir, 'down'), { full: true })!));
    expect(receipt.forks?.map((f) => f.deviceId)).toEqual([ID.s1]);
    expect(headNames(s3)).toEqual(expect.arrayContaining(['甲', '乙', '丙']));
    expect(replicaState(s3.sqlite)).toBe(replicaState(t.coordinator.sqlite));
  });

  it('two copies writing one change id keep the same one merged on every replica, whatever the order, and the other visible', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const at = t.s1.now() + MINUTE;
    const copy = backup(t.s1, join(dir, 'backup'));
    const household = t.s1.sqlite.prepare('SELECT id FROM households WHERE village_id = ? ORDER BY id LIMIT 1').pluck().get(t.village1) as string;
    // Both copies edit one cell at the same moment: the same HLC, the same origin, so the same change id.
    t.s1.advance(at - t.s1.now());
    t.s1.device.store.update('households', household, { head_name: '原机所写' });
    const restored = await restore(copy, t.s1, join(dir, 'restored'), at);
    restored.device.store.update('households', household, { head_name: '副本所写' });
    const idOf = (peer: Peer) => createChangeLog(peer.sqlite).ofCell('households', household, 'head_name').at(-1)?.id;
    expect(idOf(restored)).toBe(idOf(t.s1));
    const fromOriginal = t.s1.exportTo(join(dir, 'up'))!;
    const fromCopy = restored.exportTo(join(dir, 'up-restored'))!;

    // The coordinator reads the original first, the other secretary the copy first.
    const c1 = imported(t.coordinator.importFile(fromOriginal));
    const c2 = imported(t.coordinator.importFile(fromCopy));
    const s1 = imported(t.s2.importFile(fromCopy));
    const s2 = imported(t.s2.importFile(fromOriginal));
    expect((c1.setAside.DUPLICATE_ID ?? 0) + (c2.setAside.DUPLICATE_ID ?? 0)).toBe(1);
    expect((s1.setAside.DUPLICATE_ID ?? 0) + (s2.setAside.DUPLICATE_ID ?? 0)).toBe(1);
    expect(replicaState(t.s2.sqlite)).toBe(replicaState(t.coordinator.sqlite));
    // Both words survive: one in the ledger, the other held with its reason, the same on both.
    const held = (peer: Peer) =>
      (peer.sqlite.prepare("SELECT detail FROM quarantine WHERE reason = 'DUPLICATE_ID'").pluck().all() as string[]).map((d) => (JSON.parse(d) as { change: Change }).change.value);
    const kept = (peer: Peer) => peer.sqlite.prepare('SELECT head_name FROM households WHERE id = ?').pluck().get(household);
    for (const peer of [t.coordinator, t.s2]) {
      expect([kept(peer), ...held(peer).map((v) => JSON.parse(v) as string)].sort()).toEqual(['副本所写', '原机所写'].sort());
    }
    expect(held(t.s2)).toEqual(held(t.coordinator));
  });
});
