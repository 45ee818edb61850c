// The ledgers are a projection of the change log: this replays the whole log, in HLC order,
// through the same applier the live writes use. Tests prove the result equals the live tables.
import { createChangeApplier, type Change } from './apply';
import { isLedger, LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';

const PAGE = 5000;

export function rebuildLedgers(sqlite: Sqlite): { changes: number } {
  const applier = createChangeApplier(sqlite);
  // Paged rather than iterated: better-sqlite3 refuses other statements while iterating.
  const page = sqlite.prepare('SELECT * FROM changes WHERE id > ? ORDER BY id LIMIT ?');
  return sqlite.transaction(() => {
    for (const table of LEDGER_NAMES) sqlite.prepare(`DELETE FROM "${table}"`).run();
    sqlite.prepare('DELETE FROM cell_heads').run();
    let after = '';
    let count = 0;
    for (;;) {
      const rows = page.all(after, PAGE) as (Omit<Change, 'seen'> & { seen: string })[];
      for (const row of rows) {
        if (!isLedger(row.tbl)) throw new Error(`The change log names a table that is not a ledger: ${row.tbl}`);
        applier.apply({ ...row, seen: JSON.parse(row.seen) as string[] });
      }
      count += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    return { changes: count };
  })();
}
