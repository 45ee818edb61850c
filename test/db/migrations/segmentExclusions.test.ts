// 0240: what a stored segment brought that the log did not take. A coordinator's database made
// by today's code through real files — changes set aside for scope, for a device trusted for
// nothing, for refused values; changes released by widened trust, one of them a fork's copy whose
// id the original holds; a fork's doubled id replaced in the log while a copy had sealed the lost
// change a second time; its own sealed and unsealed writes — made at version 230 (a row for every
// change of its log: test/db/migrations/madeBefore.ts) and migrated, has the exclusions the live
// code wrote, and its log read from the segments equals the rows of `changes` (every change).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../../db/open';
import { releaseQuarantine } from '../../../db/sync/quarantine';
import { sealAll } from '../../../db/sync/segments/seal';
import { useTempDirs } from '../../helpers/tempDir';
import { openPeer, type Peer } from '../sync/syncPeers';
import { changeRows, logAsRows, madeAtVersion } from './madeBefore';
import { backupOf, MINUTE, setAsideAndForkedStory, TOWNSHIP } from './setAsideStory';

const tempDir = useTempDirs();

const exclusions = (sqlite: Sqlite) => sqlite.prepare('SELECT segment, change_id FROM segment_exclusions ORDER BY segment, change_id').all();

/**
 * Migrated to 240, the database made at 230 has the exclusions the live code wrote, its rows as
 * they were (every change of the log), and the log read from its segments is the live one; on to
 * today's schema, the log stays the live one.
 */
async function expectMigratedLikeLive(file: string, dir: string, live: unknown[], rows: string[]): Promise<void> {
  const db = await openDatabase(file, { targetVersion: 240, backupDir: join(dir, 'backups') });
  expect(exclusions(db.sqlite)).toEqual(live);
  expect(changeRows(db.sqlite)).toEqual(rows);
  expect(logAsRows(db.sqlite)).toEqual(rows);
  db.close();
  const latest = await openDatabase(file, { backupDir: join(dir, 'backups') });
  expect(exclusions(latest.sqlite)).toEqual(live);
  expect(logAsRows(latest.sqlite)).toEqual(rows);
  latest.close();
}


describe('0240: segment exclusions', () => {
  it('fills them in a database made before it with what the live code wrote: set aside, released, a fork\'s replaced id', async () => {
    const dir = tempDir();
    const { s1, c, opened, v1, v2, h1, h2, send, unsealed, earlier } = await setAsideAndForkedStory(dir);

    // Another copy writes in S2's village at the moment S1 writes in its own: held for scope; with
    // S1's trust widened it meets the fork rule, and S1's change keeps that id (its content hash is
    // the smaller), so the copy's stays held, as DUPLICATE_ID.
    const at = Math.max(s1.now(), unsealed.now(), earlier.now()) + MINUTE;
    const later = await openPeer(backupOf(s1, join(dir, 'later')), s1.id, at, s1.keys);
    opened.push(later);
    s1.advance(at - s1.now());
    s1.device.store.update('households', h1!, { notes: '又一条' });
    later.device.store.update('households', h2!, { head_name: '副本二' });
    send(s1, c);
    expect(send(later, c).setAside).toEqual({ OUT_OF_SCOPE: 1 });
    c.trust(s1, [v1!, v2!]);
    expect(releaseQuarantine(c.sqlite, c.device.clock, { selfId: c.id, now: c.now }).released).toBe(1);
    expect(c.sqlite.prepare("SELECT count(*) FROM quarantine WHERE reason = 'DUPLICATE_ID' AND change_id = (SELECT change_id FROM quarantine WHERE detail LIKE '%副本二%')").pluck().get()).toBe(1);
    // The coordinator's own writes, one sealed, one not.
    c.device.store.update('households', h2!, { category: 'lifted' });
    sealAll(c.sqlite, c.keys);
    c.device.store.update('households', h2!, { notes: '镇里' });

    const live = exclusions(c.sqlite);
    // S3's two (its village's name and township), the two refused values, the replaced note in both its segments, the released copy's change.
    expect(live).toHaveLength(2 + 2 + 2 + 1);
    const rows = logAsRows(c.sqlite);
    const file = join(dir, 'v230.sqlite');
    await madeAtVersion(c.sqlite, file, 230);
    for (const peer of opened) peer.device.close();
    await expectMigratedLikeLive(file, dir, live, rows);
  });

  it('leaves nothing out for a secretary\'s own refused value that a copy of her sealed again, as the live code does', async () => {
    const dir = tempDir();
    const [s1, s2] = (await Promise.all(['00000000000000a1', '00000000000000a2'].map((id) => openPeer(join(dir, id), id)))) as [Peer, Peer];
    const village = s1.device.store.create('villages', null, { name: '一村', township: TOWNSHIP });
    const household = s1.device.store.create('households', village, { head_name: '甲', category: 'ordinary' });
    s2.device.store.create('villages', null, { name: '二村', township: TOWNSHIP });
    s1.trust(s2, []);
    expect(s1.importFile(s2.exportTo(join(dir, 'from-s2'))!).setAside).toEqual({ OUT_OF_SCOPE: 2 });
    s1.device.store.update('households', household, { category: 'not-a-category' });
    const copy = await openPeer(backupOf(s1, join(dir, 'copy')), s1.id, s1.now() + MINUTE, s1.keys);
    copy.device.store.update('households', household, { notes: '副本' });
    expect(s1.importFile(copy.exportTo(join(dir, 'back'))!).setAside).toEqual({ VALUE_INVALID: 1 });
    const live = exclusions(s1.sqlite);
    expect(live).toHaveLength(2); // S2's village, its name and township
    const rows = logAsRows(s1.sqlite);
    const file = join(dir, 'v230.sqlite');
    await madeAtVersion(s1.sqlite, file, 230);
    for (const peer of [s1, s2, copy]) peer.device.close();
    await expectMigratedLikeLive(file, dir, live, rows);
  });
});
