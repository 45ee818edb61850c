// The ledgers are a projection of the change log: this replays the whole log, in HLC order,
// through the same applier the live writes use. Tests prove the result equals the live tables.
// The log is emptied and refilled as it is replayed, so each change is applied to the log as it
// stood when that change was the newest, as a live write or merge applies it.
import { createChangeApplier, type Change } from './apply';
import { isLedger, LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';

const PAGE = 5000;

export function rebuildLedgers(sqlite: Sqlite): { changes: number } {
  const applier = createChangeApplier(sqlite);
  return sqlite.transaction(() => {
    sqlite.exec('DROP TABLE IF EXISTS temp.rebuild_log');
    sqlite.exec('CREATE TEMP TABLE rebuild_log AS SELECT * FROM changes');
    // Paged rather than iterated: better-sqlite3 refuses other statements while iterating.
    const page = sqlite.prepare('SELECT * FROM temp.rebuild_log WHERE id > ? ORDER BY id LIMIT ?');
    for (const table of LEDGER_NAMES) sqlite.prepare(`DELETE FROM "${table}"`).run();
    sqlite.prepare('DELETE FROM cell_heads').run();
    sqlite.prepare('DELETE FROM changes').run();
    // The clock is refilled as the log is (names are kept: their numbers stay what they were).
    sqlite.prepare('DELETE FROM clocks').run();
    sqlite.prepare('DELETE FROM record_segments').run();
    let after = '';
    let count = 0;
    for (;;) {
      const rows = page.all(after, PAGE) as (Omit<Change, 'seen'> & { seen: string; segment: string | null })[];
      for (const row of rows) {
        if (!isLedger(row.tbl)) throw new Error(`The change log names a table that is not a ledger: ${row.tbl}`);
        const change: Change = { ...row, seen: JSON.parse(row.seen) as string[] };
        applier.record(change, row.segment);
        applier.apply(change);
      }
      count += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    sqlite.exec('DROP TABLE temp.rebuild_log');
    return { changes: count };
  })();
}
