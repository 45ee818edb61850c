// A database "made before" a migration, as the Cunji of that version made it, from a database of
// today: the tables that version has, copied, and for `changes` a row for every change of the log
// with the segment it came in. Until step 4 of the compact store (migration 0250) the log kept a
// row for each change of a stored segment too, this device's sealed changes included; today's
// `changes` lacks those, so it is not copied but written from the log read whole.
import { openDatabase, type Sqlite } from '../../../db/open';
import { createChangeLog, type LoggedChange } from '../../../db/sync/changeLog';
import { mergeChanges, readChanges } from '../../../db/sync/merge';
import { sealAll, type DeviceKeys } from '../../../db/sync/segments/seal';
import { openTestDevice, type TestDevice } from '../../helpers/device';
import { newKeys } from '../sync/bundleHelpers';

/** Writes at `file` the database `from` would have been at schema `version` (before 250). */
export async function madeAtVersion(from: Sqlite, file: string, version: number): Promise<void> {
  if (version >= 250) throw new Error('From version 250 on, changes of stored segments are not rows: copy the database instead');
  const log = createChangeLog(from).all();
  const old = await openDatabase(file, { targetVersion: version });
  old.close();
  from.prepare('ATTACH ? AS old').run(file);
  try {
    // The tables of that version (those of later migrations are left behind), their stored columns
    // (table_info leaves out generated ones: from 0220 on, a change's hlc and origin).
    const tables = from.prepare("SELECT name FROM old.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const columnsOf = (table: string) => from.prepare("SELECT name FROM pragma_table_info(?, 'old')").pluck().all(table) as string[];
    from.exec('BEGIN');
    for (const table of tables.filter((t) => t !== 'changes')) {
      const list = columnsOf(table).map((c) => `"${c}"`).join(', ');
      from.exec(`INSERT INTO old."${table}" (${list}) SELECT ${list} FROM main."${table}"`);
    }
    const columns = columnsOf('changes');
    const insert = from.prepare(`INSERT INTO old.changes (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const change of log) insert.run(pick(asRow(change), columns));
    from.exec('COMMIT');
  } catch (error) {
    if (from.inTransaction) from.exec('ROLLBACK');
    throw error;
  } finally {
    from.exec('DETACH old');
  }
}

/** A logged change as a row of `changes` stores it: seen as JSON text. */
export function asRow(change: LoggedChange): Record<string, string | null> {
  const { id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment } = change;
  return { id, tbl, row_id, village_id, col, value, hlc, origin, seen: JSON.stringify(seen), segment };
}

function pick(row: Record<string, string | null>, columns: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(columns.map((c) => {
    if (!(c in row)) throw new Error(`changes has a column ${c} this copy does not know`);
    return [c, row[c]!];
  }));
}

/** The rows of `changes` as that version's readers see them (hlc and origin stored or generated), in id order. */
export function changeRows(sqlite: Sqlite): string[] {
  return (sqlite.prepare('SELECT id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment FROM changes ORDER BY id').all() as Record<string, string | null>[]).map((row) => JSON.stringify(row));
}

/** The log of `from` as the rows a database made before step 4 holds, in id order. */
export function logAsRows(from: Sqlite): string[] {
  return createChangeLog(from).all().map((change) => JSON.stringify(asRow(change)));
}

/**
 * Every head of every cell as the code before the record clocks (0230) listed them: the rows of
 * `cell_heads`, and for each cell without rows its greatest change in `changes` (which then held
 * every change). The same text as db/sync/dump.ts's dumpHeads.
 */
export function headsBeforeClocks(sqlite: Sqlite): string {
  const heads = sqlite
    .prepare(
      `SELECT tbl, row_id, col, change_id FROM cell_heads WHERE change_id <> ''
       UNION ALL
       SELECT tbl, row_id, col, max(id) FROM changes AS c GROUP BY tbl, row_id, col
       HAVING NOT EXISTS (SELECT 1 FROM cell_heads AS h WHERE h.tbl = c.tbl AND h.row_id = c.row_id AND h.col = c.col)
       ORDER BY 1, 2, 3, 4`,
    )
    .all() as { tbl: string; row_id: string; col: string; change_id: string }[];
  return heads.map((h) => `${h.tbl}\t${h.row_id}\t${h.col}\t${h.change_id}`).join('\n');
}

/**
 * Two devices' history the migration tests start from: A's sealed village and household merged
 * into B (under `segmentOfA`, a name no segment is stored under, when given), then both edit the
 * village's name (a conflict), B its notes and a delete, merged back into A; some of A's unsealed.
 * `keys`: A's signing keys.
 */
export async function twoDevicesInConflict(dir: string, segmentOfA: string | null = null): Promise<{ a: TestDevice; b: TestDevice; keys: DeviceKeys }> {
  const a = await openTestDevice(dir, '00000000000000a1');
  const b = await openTestDevice(dir, '00000000000000b2');
  const village = a.store.create('villages', null, { name: '李家村', township: '青石镇' });
  const household = a.store.create('households', village, { head_name: '王建国' });
  const keys = newKeys(a.deviceId);
  sealAll(a.db.sqlite, keys);
  mergeChanges(b.db.sqlite, b.clock, readChanges(a.db.sqlite), segmentOfA);
  a.store.update('villages', village, { name: '李家庄' });
  b.store.update('villages', village, { name: '李家湾', notes: '修路' });
  b.store.remove('households', household);
  mergeChanges(a.db.sqlite, a.clock, readChanges(b.db.sqlite));
  return { a, b, keys };
}
