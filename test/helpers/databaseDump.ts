// Every table of a database, every row, in a fixed order: what "the database is byte-identical"
// means in a test (WAL pages make the file's own bytes a poor witness).
import type { Sqlite } from '../../db/open';

export function dumpAll(sqlite: Sqlite): string {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return tables
    .map((t) => `${t}\n${sqlite.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all().map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).join('\n')}`)
    .join('\n====\n');
}

/**
 * The names of the live villages the database holds, whatever the device keeps (villages.list
 * shows only those in scope): what proves that sync brought a village, sorted.
 */
export function villageNamesIn(sqlite: Sqlite): string[] {
  return (sqlite.prepare('SELECT name FROM villages WHERE deleted_at IS NULL').pluck().all() as string[]).sort();
}
