// The ledgers are a projection of the change log: this replays the whole log, in id order,
// through the same applier the live writes use. Tests prove the result equals the live tables.
// The log's rows, the clocks and the heads are emptied and refilled as it is replayed, so each
// change is applied to the log as it stood when that change was the newest, as a live write or
// merge applies it. The stored segments and what they left out stay: they are the log's source.
import { createChangeApplier } from './apply';
import { createChangeLog } from './changeLog';
import { isLedger, LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';

export function rebuildLedgers(sqlite: Sqlite): { changes: number } {
  return sqlite.transaction(() => {
    // Read whole before anything is emptied (the rows of `changes` are part of it).
    const log = createChangeLog(sqlite).all();
    for (const table of LEDGER_NAMES) sqlite.prepare(`DELETE FROM "${table}"`).run();
    for (const table of ['cell_heads', 'changes', 'clocks', 'record_segments', 'record_deletes']) sqlite.prepare(`DELETE FROM ${table}`).run();
    // Names are kept: their numbers stay what they were.
    const applier = createChangeApplier(sqlite);
    for (const { segment, ...change } of log) {
      if (!isLedger(change.tbl)) throw new Error(`The change log names a table that is not a ledger: ${change.tbl}`);
      applier.record(change, segment);
      applier.apply(change);
    }
    return { changes: log.length };
  })();
}
