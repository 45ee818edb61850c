// 0220: the change log stops storing a change's HLC and origin (its id says both). A database
// made by the code before it — a real history with a conflict, a delete, sealed and unsealed
// changes, in the schema of version 210 with a row for every change of its log (test/db/migrations/
// madeBefore.ts) — migrates to a log that reads back row for row as it was, with the same ledgers
// and heads, fewer bytes, and keeps working on to today's schema: the same log, a rebuild, sealing.
// A log holding a change whose id is not its HLC and origin is refused, and the database is left
// as it was.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { rebuildLedgers } from '../../../db/sync/rebuild';
import { sealAll } from '../../../db/sync/segments/seal';
import { decodeChanges } from '../../../db/sync/segments/codec';
import { useTempDirs } from '../../helpers/tempDir';
import type { Sqlite } from '../../../db/open';
import { changeRows, headsBeforeClocks, logAsRows, madeAtVersion, twoDevicesInConflict } from './madeBefore';

const tempDir = useTempDirs();
const changesBytes = (sqlite: Sqlite) => sqlite.prepare("SELECT sum(payload) FROM dbstat WHERE name = 'changes'").pluck().get() as number;

describe('0220: compact change log', () => {
  it('migrates a log made before it to the same rows, ledgers and heads in fewer bytes, and the database keeps working', async () => {
    const dir = tempDir();
    const { a, b, keys } = await twoDevicesInConflict(dir); // a conflict on the name, a delete; some unsealed
    const rows = logAsRows(a.db.sqlite);
    const ledgers = dumpLedgers(a.db.sqlite);
    const heads = dumpHeads(a.db.sqlite);
    const file = join(dir, 'v210.sqlite');
    await madeAtVersion(a.db.sqlite, file, 210);
    a.close();
    b.close();

    // Version 210 keeps every change a row, its sealed ones too, and lists heads from them.
    const old = await openDatabase(file, { targetVersion: 210 });
    expect(changeRows(old.sqlite)).toEqual(rows);
    expect(rows.filter((row) => (JSON.parse(row) as { segment: string | null }).segment !== null).length).toBeGreaterThan(0);
    expect(dumpLedgers(old.sqlite)).toBe(ledgers);
    expect(headsBeforeClocks(old.sqlite)).toBe(heads);
    const oldBytes = changesBytes(old.sqlite);
    old.close();

    const db = await openDatabase(file, { targetVersion: 220, backupDir: join(dir, 'backups') });
    expect(changeRows(db.sqlite)).toEqual(rows);
    expect(dumpLedgers(db.sqlite)).toBe(ledgers);
    expect(headsBeforeClocks(db.sqlite)).toBe(heads);
    expect(db.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(db.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'changes' AND type = 'index'").pluck().get()).toBe(3);
    // The 32 characters of HLC and origin a change held are gone from the disk.
    expect(changesBytes(db.sqlite)).toBeLessThan(oldBytes - 32 * (rows.length - 10));
    db.close();

    // Migrated on to today's schema: the same log, ledgers and heads; the rebuild from the log equals the ledgers.
    const latest = await openDatabase(file, { backupDir: join(dir, 'backups') });
    expect(logAsRows(latest.sqlite)).toEqual(rows);
    expect(dumpLedgers(latest.sqlite)).toBe(ledgers);
    expect(dumpHeads(latest.sqlite)).toBe(heads);
    rebuildLedgers(latest.sqlite);
    expect(logAsRows(latest.sqlite)).toEqual(rows);
    expect(dumpLedgers(latest.sqlite)).toBe(ledgers);
    expect(dumpHeads(latest.sqlite)).toBe(heads);
    latest.close();

    // Its device seals what waits; the segment holds exactly the changes the log had waiting.
    const reopened = await openDatabase(file);
    const unsealed = reopened.sqlite.prepare("SELECT id, hlc, origin FROM changes WHERE segment IS NULL AND origin = '00000000000000a1' ORDER BY id").all() as {
      id: string;
      hlc: string;
      origin: string;
    }[];
    expect(unsealed.length).toBeGreaterThan(0);
    for (const c of unsealed) expect(c.hlc + c.origin).toBe(c.id);
    expect(sealAll(reopened.sqlite, keys)).toHaveLength(1);
    const body = reopened.sqlite.prepare('SELECT body FROM segments WHERE origin = ? ORDER BY seq DESC LIMIT 1').pluck().get(keys.deviceId) as Buffer;
    expect(decodeChanges(keys.deviceId, body).map((c) => c.id)).toEqual(unsealed.map((c) => c.id));
    expect(reopened.sqlite.prepare('SELECT count(*) FROM changes WHERE segment IS NULL AND origin = ?').pluck().get(keys.deviceId)).toBe(0);
    reopened.close();
  });

  it('refuses a log holding a change whose id is not its HLC and origin, and leaves the database as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'odd.sqlite');
    const old = await openDatabase(file, { targetVersion: 210 });
    old.sqlite
      .prepare('INSERT INTO changes (id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('019ac0000000000000000000000000a1', 'villages', 'v1', 'v1', 'name', '"李家村"', '019ac00000000000', '00000000000000b2', '[]', null);
    old.close();
    await expect(openDatabase(file, { backupDir: join(dir, 'backups') })).rejects.toThrow(/019ac0000000000000000000000000a1.*not its HLC followed by its origin/);
    const still = await openDatabase(file, { targetVersion: 210 });
    expect(still.schemaVersion).toBe(210);
    expect(still.sqlite.prepare('SELECT origin FROM changes').pluck().get()).toBe('00000000000000b2');
    still.close();
  });
});
