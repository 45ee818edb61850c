// 0270: a record's first segment moves into its clock's row. A coordinator's database made at
// version 260 — `clocks` without a segment, and a row of `record_segments` for every record and
// stored or named segment of its changes, written here from the log as the code before wrote it —
// from a history through real files (a secretary's village of a thousand households, records in
// several segments through a fork and the coordinator's own sealed writes, records of no segment:
// the coordinator's unsealed writes) migrates to: every record's history read the same, the clock
// and record_segments together saying what the log says, record_segments keeping only a record's
// further segments, and a smaller file; and it goes on as the live one does: a write, a seal.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../../db/open';
import { createChangeLog } from '../../../db/sync/changeLog';
import { NAME_KIND, recordIdOf, recordKey } from '../../../db/sync/clocks';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { mergeChanges, readChanges } from '../../../db/sync/merge';
import { sealAll } from '../../../db/sync/segments/seal';
import { clockSays, logSays } from '../../helpers/recordClocks';
import { useTempDirs } from '../../helpers/tempDir';
import { openPeer, type Peer } from '../sync/syncPeers';
import { logAsRows } from './madeBefore';
import { backupOf, MINUTE, setAsideAndForkedStory } from './setAsideStory';

const tempDir = useTempDirs();
const HOUSEHOLDS = 1000;

function FILL(s1: Peer, village: string): void {
  s1.device.store.transaction(() => {
    for (let i = 0; i < HOUSEHOLDS; i++) s1.device.store.create('households', village, { head_name: `户主${i}`, category: 'ordinary', address: `${i} 号` });
  });
}

const count = (sqlite: Sqlite, sql: string) => sqlite.prepare(sql).pluck().get() as number;

/** Every record of the log (by its clock) and what the change log reads of it: its changes, each with its segment. */
function histories(sqlite: Sqlite): Map<string, string> {
  const log = createChangeLog(sqlite);
  const out = new Map<string, string>();
  const records = sqlite.prepare('SELECT t.text AS tbl, k.row_id FROM clocks AS k JOIN names AS t ON t.n = k.tbl').all() as { tbl: string; row_id: Buffer | string }[];
  for (const { tbl, row_id } of records) {
    const rowId = recordIdOf(row_id);
    out.set(`${tbl}\t${rowId}`, JSON.stringify(log.ofRecord(tbl, rowId)));
  }
  return out;
}

/**
 * The database at `file` (today's schema) as the code of version 260 kept it: the clock without a
 * segment, record_segments a row for each record and segment its logged changes came in.
 */
function asMadeAt260(file: string, log: ReturnType<ReturnType<typeof createChangeLog>['all']>): void {
  const sqlite = new BetterSqlite3(file);
  try {
    const nameOf = sqlite.prepare('SELECT n FROM names WHERE kind = ? AND text = ?').pluck();
    const add = sqlite.prepare('INSERT OR IGNORE INTO record_segments (tbl, row_id, segment) VALUES (?, ?, ?)');
    sqlite.transaction(() => {
      sqlite.exec('DELETE FROM record_segments');
      for (const change of log) {
        if (change.segment === null) continue;
        add.run(nameOf.get(NAME_KIND.table, change.tbl), recordKey(change.row_id), nameOf.get(NAME_KIND.segment, change.segment));
      }
      sqlite.exec('ALTER TABLE clocks DROP COLUMN segment');
    })();
    sqlite.pragma('user_version = 260');
    sqlite.exec('VACUUM');
  } finally {
    sqlite.close();
  }
}

describe('0270: the first segment in the clock', () => {
  it("keeps every record's history and what its clock says, moves one segment a record into its clock, leaves the further ones, and the file shrinks", async () => {
    const dir = tempDir();
    const { s2, c, opened, v2, h1, h2 } = await setAsideAndForkedStory(dir, FILL);
    // The coordinator's own writes: one sealed (h2 gains the coordinator's segment), then unsealed
    // ones (a record of no segment at all, another write to h2).
    c.device.store.update('households', h2, { category: 'lifted' });
    sealAll(c.sqlite, c.keys);
    const own = c.device.store.create('households', v2, { head_name: '镇里记的', category: 'ordinary' });
    c.device.store.update('households', h2, { notes: '镇里' });
    // A change merged under a segment name not stored here: a row, its name still one of the record's segments.
    s2.device.store.update('households', h2, { phone: '13900000000' });
    expect(mergeChanges(c.sqlite, c.device.clock, readChanges(s2.sqlite).filter((change) => change.col === 'phone'), 'segment-not-stored').added).toBe(1);

    const says = clockSays(c.sqlite);
    expect(says).toBe(logSays(c.sqlite));
    const records = histories(c.sqlite);
    expect(records.size).toBeGreaterThan(HOUSEHOLDS);
    const log = logAsRows(c.sqlite);
    const ledgers = dumpLedgers(c.sqlite);
    const heads = dumpHeads(c.sqlite);
    const made = join(dir, 'made');
    backupOf(c, made);
    const live = backupOf(c, join(dir, 'live'));
    const file = join(made, `${c.id}.sqlite`);
    asMadeAt260(file, createChangeLog(c.sqlite).all());
    const at = Math.max(...opened.map((p) => p.now())) + MINUTE;
    for (const peer of opened) if (peer !== s2) peer.device.close();

    const old = await openDatabase(file, { targetVersion: 260 });
    const segmentRows = count(old.sqlite, 'SELECT count(*) FROM record_segments');
    const recordsWithSegments = count(old.sqlite, 'SELECT count(*) FROM (SELECT DISTINCT tbl, row_id FROM record_segments)');
    const recordsWithMore = count(old.sqlite, 'SELECT count(*) FROM (SELECT 1 FROM record_segments GROUP BY tbl, row_id HAVING count(*) > 1)');
    // Nearly every record in one segment; some in more (the fork's note, the coordinator's sealed write); some in none.
    expect(recordsWithSegments).toBeGreaterThan(HOUSEHOLDS);
    expect(recordsWithMore).toBeGreaterThan(0);
    expect(recordsWithSegments).toBeLessThan(records.size);
    const pagesBefore = old.sqlite.pragma('page_count', { simple: true }) as number;
    old.close();

    const db = await openDatabase(file, { backupDir: join(dir, 'backups') });
    expect(db.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(histories(db.sqlite)).toEqual(records);
    expect(clockSays(db.sqlite)).toBe(says);
    expect(logAsRows(db.sqlite)).toEqual(log);
    expect(dumpLedgers(db.sqlite)).toBe(ledgers);
    expect(dumpHeads(db.sqlite)).toBe(heads);
    // One segment of each record went into its clock (the smallest number), exactly that row out of record_segments.
    expect(count(db.sqlite, 'SELECT count(*) FROM clocks WHERE segment IS NOT NULL')).toBe(recordsWithSegments);
    expect(count(db.sqlite, 'SELECT count(*) FROM record_segments')).toBe(segmentRows - recordsWithSegments);
    expect(count(db.sqlite, 'SELECT count(*) FROM (SELECT DISTINCT tbl, row_id FROM record_segments)')).toBe(recordsWithMore);
    expect(count(db.sqlite, 'SELECT count(*) FROM record_segments AS r JOIN clocks AS k USING (tbl, row_id) WHERE k.segment IS NULL OR r.segment <= k.segment')).toBe(0);
    const ownClock = db.sqlite.prepare("SELECT k.segment FROM clocks AS k JOIN names AS t ON t.n = k.tbl WHERE t.text = 'households' AND k.row_id = ?").raw();
    expect(ownClock.get(recordKey(own))).toEqual([null]);
    // The file itself shrank (vacuumed after the migration).
    expect(db.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.sqlite.pragma('page_count', { simple: true }) as number).toBeLessThan(pagesBefore);
    db.close();

    // The migrated database and a copy of the live one go on alike: a write to a record of a
    // received segment, a seal (the record of no segment gains one in its clock, h1 a further one).
    const [migrated, copy] = await Promise.all([openPeer(made, c.id, at, c.keys), openPeer(live, c.id, at, c.keys)]);
    for (const peer of [migrated, copy]) {
      peer.device.store.update('households', h1, { notes: '迁移后' });
      expect(sealAll(peer.sqlite, peer.keys)).toHaveLength(1);
      expect(clockSays(peer.sqlite)).toBe(logSays(peer.sqlite));
      expect(count(peer.sqlite, 'SELECT count(*) FROM clocks WHERE segment IS NULL')).toBe(0);
    }
    expect(clockSays(migrated.sqlite)).toBe(clockSays(copy.sqlite));
    expect(histories(migrated.sqlite)).toEqual(histories(copy.sqlite));
    expect(dumpLedgers(migrated.sqlite)).toBe(dumpLedgers(copy.sqlite));
    for (const peer of [migrated, copy, s2]) peer.device.close();
  });
});
