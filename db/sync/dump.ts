// A canonical, ordered text dump of what a person sees (the ledgers) and of the sync state,
// for byte-for-byte comparisons between replicas and between live and rebuilt tables.
import { LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';

export function dumpLedgers(sqlite: Sqlite): string {
  const lines: string[] = [];
  for (const table of LEDGER_NAMES) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all()) {
      lines.push(`${table}\t${JSON.stringify(row)}`);
    }
  }
  return lines.join('\n');
}

export function dumpHeads(sqlite: Sqlite): string {
  return (sqlite.prepare('SELECT tbl, row_id, col, change_id FROM cell_heads ORDER BY tbl, row_id, col, change_id').raw().all() as string[][])
    .map((r) => r.join('\t'))
    .join('\n');
}
