// 0230: the compact store's clock beside the log. A database made by the code before it (a real
// history with a conflict, a delete, sealed and unsealed changes, in the schema of version 220
// with a row for every change of its log: test/db/migrations/madeBefore.ts) migrates to clocks
// and record → segments saying exactly what its log says, and the same as the live writers would
// have written; its ledgers, heads and log are untouched. A log larger than the migration's page
// (records cut across pages) migrates whole.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { clockSays, logSays } from '../../helpers/recordClocks';
import { useTempDirs } from '../../helpers/tempDir';
import { changeRows, headsBeforeClocks, logAsRows, madeAtVersion, twoDevicesInConflict } from './madeBefore';

const tempDir = useTempDirs();

describe('0230: record clocks', () => {
  it('fills the clocks and record → segments of a database made before it with what its log says, as the live writers do', async () => {
    const dir = tempDir();
    const { a, b } = await twoDevicesInConflict(dir, 'segment-of-a'); // a conflict on the name, a delete; some unsealed
    const rows = logAsRows(a.db.sqlite);
    const ledgers = dumpLedgers(a.db.sqlite);
    const heads = dumpHeads(a.db.sqlite);
    const live = clockSays(a.db.sqlite);
    expect(live).toBe(logSays(a.db.sqlite));
    const file = join(dir, 'v220.sqlite');
    await madeAtVersion(a.db.sqlite, file, 220);
    a.close();
    b.close();

    const old = await openDatabase(file, { targetVersion: 220 });
    expect(changeRows(old.sqlite)).toEqual(rows);
    expect(headsBeforeClocks(old.sqlite)).toBe(heads);
    old.close();

    const db = await openDatabase(file, { targetVersion: 230, backupDir: join(dir, 'backups') });
    expect(changeRows(db.sqlite)).toEqual(rows);
    expect(dumpLedgers(db.sqlite)).toBe(ledgers);
    expect(dumpHeads(db.sqlite)).toBe(heads);
    expect(clockSays(db.sqlite)).toBe(live);
    expect(db.sqlite.prepare('SELECT count(*) FROM record_segments').pluck().get()).toBeGreaterThan(0);
    // Cunji's record ids are UUIDs: every clock is keyed by their 16 bytes, not their 36 characters.
    const keyed = db.sqlite.prepare('SELECT count(*) FROM clocks WHERE length(row_id) = 16').pluck().get() as number;
    expect(keyed).toBe(db.sqlite.prepare('SELECT count(DISTINCT tbl || row_id) FROM changes').pluck().get());
    expect(db.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.close();

    // On to today's schema: the clocks stay, and the log, ledgers and heads are the live ones.
    const latest = await openDatabase(file, { backupDir: join(dir, 'backups') });
    expect(clockSays(latest.sqlite)).toBe(live);
    expect(logAsRows(latest.sqlite)).toEqual(rows);
    expect(dumpLedgers(latest.sqlite)).toBe(ledgers);
    expect(dumpHeads(latest.sqlite)).toBe(heads);
    latest.close();
  });

  it('migrates a log of more cells than a page, records cut across pages and ids that are not UUIDs included', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.sqlite');
    const old = await openDatabase(file, { targetVersion: 220 });
    // 9,000 records × 3 columns, two changes a cell (the greater one has seen the smaller).
    old.sqlite.exec(`WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 8999),
        c(col, ci) AS (VALUES ('name', 0), ('notes', 1), ('township', 2)), v(k) AS (VALUES (1), (2))
      INSERT INTO changes (id, tbl, row_id, village_id, col, value, seen, segment)
      SELECT printf('%012x%04x', 1764000000000 + i * 10 + k, k * 4 + ci) || '00000000000000a' || k, 'villages',
             CASE WHEN i % 2 THEN printf('0190%04x-0000-7000-8000-%012x', i, i) ELSE 'village-' || i END,
             'v', col, '"x"',
             CASE WHEN k = 2 THEN json_array(printf('%012x%04x', 1764000000000 + i * 10 + 1, 4 + ci) || '00000000000000a1') ELSE '[]' END,
             CASE WHEN k = 1 THEN 'seg-' || (i % 4) END
        FROM r, c, v`);
    old.close();
    const db = await openDatabase(file, { backupDir: join(dir, 'backups') });
    expect(db.sqlite.prepare('SELECT count(*) FROM clocks').pluck().get()).toBe(9000);
    expect(clockSays(db.sqlite)).toBe(logSays(db.sqlite));
    db.close();
  });
});
