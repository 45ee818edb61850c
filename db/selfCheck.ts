// The start-up checks on an open connection: the file reads whole (quick_check), the journal
// and sync modes are what db/open sets, and a write goes through (then is rolled back).
import type { Sqlite } from './open';

/** SQLite's `synchronous` NORMAL (1): what db/open sets for WAL. */
const EXPECTED_SYNCHRONOUS = 1;

/** The checks on an open connection; throws with the first thing that is wrong. */
export function checkOpenDatabase(sqlite: Sqlite): void {
  // quick_check reads every page and catches a damaged file; integrity_check would also compare
  // every index with its table, at about twice the cost (2.4 s against ~1 s for a 160 MiB
  // township: test/bench/selfTest.ts) on every start. Imports run inside transactions that
  // cannot leave an index behind its table, so the start pays for quick_check only.
  for (const pragma of ['quick_check']) {
    const rows = sqlite.pragma(pragma) as Record<string, string>[];
    const found = rows.map((row) => Object.values(row)[0]);
    if (found.length !== 1 || found[0] !== 'ok') throw new Error(`PRAGMA ${pragma}: ${found.slice(0, 5).join('; ')}`);
  }
  const mode = sqlite.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, expected wal`);
  const synchronous = sqlite.pragma('synchronous', { simple: true });
  if (synchronous !== EXPECTED_SYNCHRONOUS) throw new Error(`synchronous is ${String(synchronous)}, expected ${EXPECTED_SYNCHRONOUS} (NORMAL)`);
  // A write that is rolled back: proves the file and its folder take writes, and leaves nothing.
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    sqlite.exec('CREATE TABLE main.cunji_self_test_write (x); INSERT INTO main.cunji_self_test_write VALUES (1)');
  } finally {
    sqlite.exec('ROLLBACK');
  }
}
