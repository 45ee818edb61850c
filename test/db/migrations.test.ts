import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LEDGERS, LEDGER_NAMES, SYNC_SCHEMA_VERSION } from '../../db/ledgers';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index';
import { DatabaseTooNewError, openDatabase } from '../../db/open';
import { createChangeApplier, NO_HEADS } from '../../db/sync/apply';
import { listHeads } from '../../db/sync/dump';
import { mergeChanges, readChanges } from '../../db/sync/merge';
import { openTestDevice } from '../helpers/device';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const migrationsDir = join(import.meta.dirname, '../../db/migrations');

describe('the migration list', () => {
  it('lists every NNNN_name.ts file in the folder, in order, numbered in steps of 10', () => {
    const files = readdirSync(migrationsDir)
      .filter((f) => f !== 'index.ts')
      .sort();
    for (const f of files) expect(f).toMatch(/^\d{4}_[a-z0-9_]+\.ts$/);
    expect(MIGRATIONS.map((m) => `${m.name}.ts`)).toEqual(files);
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe((i + 1) * 10);
      expect(m.name.slice(0, 4)).toBe(String(m.version).padStart(4, '0'));
    });
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length * 10);
  });
});

describe('opening a database', () => {
  it('creates every ledger with exactly the columns the allow-list names, in WAL at synchronous NORMAL', async () => {
    const db = await openDatabase(join(tempDir(), 'a.sqlite'));
    expect(db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    for (const table of LEDGER_NAMES) {
      const columns = (db.sqlite.pragma(`table_info(${table})`) as { name: string; type: string }[]).map((c) => [c.name, c.type.toLowerCase()]);
      expect(columns).toEqual([
        ['id', 'text'],
        ['village_id', 'text'],
        ['created_at', 'text'],
        ['updated_at', 'text'],
        ['deleted_at', 'text'],
        ...Object.entries(LEDGERS[table]),
      ]);
    }
    db.close();
  });

  it('flags exactly the migrations that change the synced tables, and sync files carry the last one', async () => {
    // Files carry SYNC_SCHEMA_VERSION, and a receiver refuses a newer one. A migration that adds
    // a synced table or column without its flag would let an older Cunji take a file naming
    // columns it lacks: run them one by one and compare the synced tables before and after.
    const file = join(tempDir(), 'steps.sqlite');
    let before = '';
    const changing: number[] = [];
    for (const migration of MIGRATIONS) {
      const db = await openDatabase(file, { targetVersion: migration.version });
      const shape = JSON.stringify(LEDGER_NAMES.map((table) => db.sqlite.pragma(`table_info(${table})`)));
      db.close();
      if (shape !== before) changing.push(migration.version);
      before = shape;
    }
    const flagged = MIGRATIONS.filter((m) => m.syncShape).map((m) => m.version);
    expect(flagged, 'the migrations that change the synced tables must be flagged syncShape (db/migrations/index.ts), and only they').toEqual(changing);
    expect(SYNC_SCHEMA_VERSION).toBe(changing[changing.length - 1]);
    expect(SYNC_SCHEMA_VERSION).toBeLessThanOrEqual(LATEST_SCHEMA_VERSION);
  });

  it('keeps old-shaped data through later migrations and backs the old file up first', async () => {
    const dir = tempDir();
    const file = join(dir, 'old.sqlite');
    const old = await openDatabase(file, { targetVersion: 10 });
    expect(old.schemaVersion).toBe(10);
    old.sqlite
      .prepare("INSERT INTO villages (id, village_id, created_at, updated_at, name, township) VALUES ('v1', 'v1', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '李家村', '青石镇')")
      .run();
    old.close();

    const db = await openDatabase(file, { backupDir: join(dir, 'backups'), now: () => Date.UTC(2026, 0, 2) });
    expect(db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.sqlite.prepare('SELECT name, township FROM villages').all()).toEqual([{ name: '李家村', township: '青石镇' }]);
    expect(db.backupFile).not.toBeNull();
    const backup = new BetterSqlite3(db.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(10);
    expect(backup.prepare('SELECT name FROM villages').pluck().all()).toEqual(['李家村']);
    backup.close();
    db.close();
  });

  it('takes no backup of a new database or of one already up to date', async () => {
    const dir = tempDir();
    const file = join(dir, 'new.sqlite');
    const first = await openDatabase(file);
    expect(first.backupFile).toBeNull();
    first.close();
    const again = await openDatabase(file);
    expect(again.backupFile).toBeNull();
    again.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a database from a newer version with a clear error and leaves the file untouched', async () => {
    const file = join(tempDir(), 'future.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE villages (id TEXT PRIMARY KEY, name TEXT)');
    raw.prepare("INSERT INTO villages VALUES ('x', '未来村')").run();
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 990}`);
    raw.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    const error = await openDatabase(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 990}`);
    expect((error as Error).message).toContain('newer Cunji');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('rolls a failing migration back whole: no half-made table, the version unmoved', async () => {
    const file = join(tempDir(), 'fail.sqlite');
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 10,
        name: 'broken',
        up: async (db: Kysely<any>) => {
          await db.schema.createTable('half_made').addColumn('id', 'text').execute();
          throw new Error('disk full, say');
        },
      },
    ];
    await expect(openDatabase(file, { migrations: broken })).rejects.toThrow('disk full');
    const db = new BetterSqlite3(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_made'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('0090: implicit heads', () => {
  it('keeps rows only for cells whose heads are not their one greatest change, and a row for a cell with none', async () => {
    const dir = tempDir();
    // A real history with a conflict, merged both ways, under the current code.
    const a = await openTestDevice(dir, '00000000000000a1');
    const b = await openTestDevice(dir, '00000000000000b2');
    const id = a.store.create('villages', null, { name: '李家村', township: '青石镇' });
    mergeChanges(b.db.sqlite, b.clock, readChanges(a.db.sqlite));
    a.store.update('villages', id, { name: '李家庄' });
    b.store.update('villages', id, { name: '李家湾', notes: '修路' });
    mergeChanges(a.db.sqlite, a.clock, readChanges(b.db.sqlite));
    const expectedRows = a.db.sqlite.prepare('SELECT * FROM cell_heads ORDER BY 1, 2, 3, 4').all();
    expect(expectedRows).toHaveLength(2); // the two concurrent names, nothing else
    const heads = listHeads(a.db.sqlite);
    const changes = a.db.sqlite.prepare('SELECT * FROM changes').all() as Record<string, unknown>[];
    a.close();
    b.close();

    // The same log in a database of version 80, whose cell_heads held every head of every cell,
    // plus a cell whose two changes see each other (a hostile cycle): it had no head at all.
    const file = join(dir, 'v80.sqlite');
    const old = await openDatabase(file, { targetVersion: 80 });
    const insert = old.sqlite.prepare('INSERT INTO changes (id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment) VALUES (@id, @tbl, @row_id, @village_id, @col, @value, @hlc, @origin, @seen, @segment)');
    for (const change of changes) insert.run(change);
    const head = old.sqlite.prepare('INSERT INTO cell_heads (tbl, row_id, col, change_id) VALUES (?, ?, ?, ?)');
    for (const h of heads) head.run(h.tbl, h.row_id, h.col, h.change_id);
    const cycle = ['0000000000010000x', '0000000000020000x'];
    insert.run({ id: cycle[0], tbl: 'villages', row_id: id, village_id: id, col: 'county', value: '"甲"', hlc: cycle[0]!.slice(0, 16), origin: 'x', seen: JSON.stringify([cycle[1]]), segment: null });
    insert.run({ id: cycle[1], tbl: 'villages', row_id: id, village_id: id, col: 'county', value: '"乙"', hlc: cycle[1]!.slice(0, 16), origin: 'x', seen: JSON.stringify([cycle[0]]), segment: null });
    old.close();

    const db = await openDatabase(file);
    const rowsNow = db.sqlite.prepare('SELECT * FROM cell_heads ORDER BY 1, 2, 3, 4').all();
    expect(rowsNow).toHaveLength(3);
    expect(rowsNow).toEqual(expect.arrayContaining([...expectedRows, { tbl: 'villages', row_id: id, col: 'county', change_id: NO_HEADS }]));
    expect(listHeads(db.sqlite)).toEqual(heads);
    expect(createChangeApplier(db.sqlite).headsOfCell('villages', id, 'county')).toEqual([]);
    db.close();
  });
});
