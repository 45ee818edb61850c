// 0250: the change log stops keeping a row for a change its stored segment holds. A coordinator's
// database made at version 240 (a row for every change of its log: test/db/migrations/
// madeBefore.ts) from a history through real files — a secretary's village of a few thousand
// changes, changes set aside for scope, for a device trusted for nothing, for refused values, a
// change released by widened trust, a fork's doubled id replaced in the log, its own sealed and
// unsealed writes — migrates to the rows today's code keeps and nothing else, the same log read
// whole, the same ledgers and heads, in fewer bytes; a row its stored segment does not hold as it
// is stays a row; and the database goes on as the live one does: a write, a seal, an import.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../../db/open';
import { createChangeLog } from '../../../db/sync/changeLog';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { mergeChanges, readChanges } from '../../../db/sync/merge';
import { releaseQuarantine } from '../../../db/sync/quarantine';
import { decodeChanges } from '../../../db/sync/segments/codec';
import { sealAll } from '../../../db/sync/segments/seal';
import { useTempDirs } from '../../helpers/tempDir';
import { openPeer, type Peer } from '../sync/syncPeers';
import { asRow, changeRows, logAsRows, madeAtVersion } from './madeBefore';
import { backupOf, MINUTE, setAsideAndForkedStory } from './setAsideStory';

const tempDir = useTempDirs();
const HOUSEHOLDS = 300;

const count = (sqlite: Sqlite, where = '1') => sqlite.prepare(`SELECT count(*) FROM changes WHERE ${where}`).pluck().get() as number;
const bytes = (sqlite: Sqlite) => sqlite.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'changes'").pluck().get() as number;
const OF_STORED_SEGMENT = 'segment IN (SELECT hash FROM segments)';

/** A village of a few thousand changes: what the migration takes out, and the bytes it saves. */
function FILL(s1: Peer, village: string): void {
  s1.device.store.transaction(() => {
    for (let i = 0; i < HOUSEHOLDS; i++) {
      s1.device.store.create('households', village, {
        head_name: `户主${i}`, villager_group: '一组', grid_cell: '一网格', category: 'ordinary', phone: '13800000000',
        address: `${i} 号`, housing_grade: 'safe', helper_name: '王书记', notes: '—',
      });
    }
  });
}

describe('0250: received changes out of the change log', () => {
  it('keeps a row only for a change no stored segment holds as it is, with the same log, ledgers and heads, and the database goes on as the live one', async () => {
    const dir = tempDir();
    const { s1, s2, s3, c, opened, v1, v2, h1, h2 } = await setAsideAndForkedStory(dir, FILL);
    c.trust(s1, [v1!, v2!]);
    expect(releaseQuarantine(c.sqlite, c.device.clock, { selfId: c.id, now: c.now }).released).toBe(1);
    // The coordinator's own writes, one sealed, one not.
    c.device.store.update('households', h2!, { category: 'lifted' });
    sealAll(c.sqlite, c.keys);
    c.device.store.update('households', h2!, { notes: '镇里' });
    // A change merged under a segment name not stored here (as tests do): a row, today as before.
    s2.device.store.update('households', h2!, { phone: '13900000000' });
    const relayed = readChanges(s2.sqlite).filter((change) => change.col === 'phone');
    expect(mergeChanges(c.sqlite, c.device.clock, relayed, 'segment-not-stored').added).toBe(1);

    // S3's two, the two refused values, the replaced note in both its segments.
    expect(c.sqlite.prepare('SELECT count(*) FROM segment_exclusions').pluck().get()).toBe(2 + 2 + 2);
    const log = logAsRows(c.sqlite);
    expect(log.length).toBeGreaterThan(HOUSEHOLDS * 9); // nine columns a household
    const liveRows = changeRows(c.sqlite);
    expect(liveRows.map((row) => (JSON.parse(row) as { segment: string | null }).segment).sort()).toEqual([null, 'segment-not-stored'].sort());
    const ledgers = dumpLedgers(c.sqlite);
    const heads = dumpHeads(c.sqlite);
    const made = join(dir, 'made');
    mkdirSync(made);
    await madeAtVersion(c.sqlite, join(made, `${c.id}.sqlite`), 240);
    const live = backupOf(c, join(dir, 'live'));
    const at = Math.max(...opened.map((p) => p.now())) + MINUTE;
    for (const peer of opened) if (peer !== s2) peer.device.close();

    const old = await openDatabase(join(made, `${c.id}.sqlite`), { targetVersion: 240 });
    expect(changeRows(old.sqlite)).toEqual(log);
    // By hand, two rows of stored segments the log does not hold as they are: one of S1's
    // households with another name, and a change of S3 its segment leaves out (set aside).
    const renamed = createChangeLog(old.sqlite).all().find((change) => change.origin === s1.id && change.col === 'head_name' && change.value === '"户主7"')!;
    old.sqlite.prepare('UPDATE changes SET value = ? WHERE id = ?').run('"改过的名字"', renamed.id);
    const s3Segment = old.sqlite.prepare('SELECT hash, origin, body FROM segments WHERE origin = ?').get(s3.id) as { hash: string; origin: string; body: Buffer };
    const asideChange = decodeChanges(s3Segment.origin, s3Segment.body)[0]!;
    expect(old.sqlite.prepare('SELECT count(*) FROM segment_exclusions WHERE segment = ? AND change_id = ?').pluck().get(s3Segment.hash, asideChange.id)).toBe(1);
    const aside = asRow({ ...asideChange, segment: s3Segment.hash });
    old.sqlite.prepare('INSERT INTO changes (id, tbl, row_id, village_id, col, value, seen, segment) VALUES (@id, @tbl, @row_id, @village_id, @col, @value, @seen, @segment)').run(aside);
    const handMade = changeRows(old.sqlite).filter((row) => [renamed.id, aside.id].includes((JSON.parse(row) as { id: string }).id));
    expect(handMade).toHaveLength(2);
    expect(logAsRows(old.sqlite)).toEqual(log);
    expect(dumpLedgers(old.sqlite)).toBe(ledgers);
    expect(dumpHeads(old.sqlite)).toBe(heads);
    const rowsBefore = count(old.sqlite);
    const bytesBefore = bytes(old.sqlite);
    const pagesBefore = old.sqlite.pragma('page_count', { simple: true }) as number;
    old.close();

    const db = await openDatabase(join(made, `${c.id}.sqlite`), { backupDir: join(dir, 'backups') });
    expect(db.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(logAsRows(db.sqlite)).toEqual(log);
    expect(dumpLedgers(db.sqlite)).toBe(ledgers);
    expect(dumpHeads(db.sqlite)).toBe(heads);
    // The rows the live code keeps (its unsealed write, the change of a segment not stored), and the two its segments do not hold as they are.
    expect(changeRows(db.sqlite)).toEqual([...liveRows, ...handMade].sort());
    expect(count(db.sqlite, OF_STORED_SEGMENT)).toBe(2);
    const rowsAfter = count(db.sqlite);
    expect(rowsAfter).toBe(liveRows.length + 2);
    expect(rowsBefore).toBe(log.length + 1); // every change a row, and the set-aside one
    const bytesAfter = bytes(db.sqlite);
    expect(bytesAfter * 10).toBeLessThan(bytesBefore);
    // The file itself shrank (vacuumed after the migration), not only the table: no free pages left.
    expect(db.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.sqlite.pragma('page_count', { simple: true }) as number).toBeLessThan(pagesBefore);
    expect(db.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'changes_deletes'").pluck().get()).toBe(0);
    db.close();

    // The migrated database and a copy of the live one go on alike: a write, a seal, an import.
    const [migrated, copy] = await Promise.all([openPeer(made, c.id, at, c.keys), openPeer(live, c.id, at, c.keys)]);
    s2.advance(at - s2.now());
    s2.device.store.update('households', h2!, { head_name: '户主新' });
    const fromS2 = s2.exportTo(join(dir, 'after'))!;
    for (const peer of [migrated, copy]) {
      peer.device.store.update('households', h1!, { notes: '迁移后' });
      expect(sealAll(peer.sqlite, peer.keys)).toHaveLength(1);
      expect(count(peer.sqlite, 'segment IS NULL')).toBe(0);
      expect(peer.importFile(fromS2).setAside).toEqual({});
    }
    expect(logAsRows(migrated.sqlite)).toEqual(logAsRows(copy.sqlite));
    expect(logAsRows(migrated.sqlite).length).toBe(log.length + 2);
    expect(dumpLedgers(migrated.sqlite)).toBe(dumpLedgers(copy.sqlite));
    expect(dumpHeads(migrated.sqlite)).toBe(dumpHeads(copy.sqlite));
    expect(dumpLedgers(migrated.sqlite)).toContain('户主新');
    expect(changeRows(migrated.sqlite)).toEqual([...changeRows(copy.sqlite), ...handMade].sort());
    for (const peer of [migrated, copy, s2]) peer.device.close();
  });
});
