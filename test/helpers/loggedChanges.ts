// The change log as a test reads it, wherever its changes are kept (docs/compact-store.md): through
// db/sync/changeLog, so a test asserts the same whether a received or sealed change is a row of
// `changes` or only in its stored segment. This device's unsealed writes and changes merged without
// a segment stay rows: a test about those alone may read `changes` itself.
import { createChangeLog, createSegmentCache, type LoggedChange } from '../../db/sync/changeLog';
import type { Sqlite } from '../../db/open';

/** Every change of the log, in id order, each with the stored segment it is read from (null: a row of `changes`). */
export function loggedChanges(sqlite: Sqlite): LoggedChange[] {
  return createChangeLog(sqlite).all();
}

/** How many changes of the log `where` keeps (all of them when not given). */
export function countLogged(sqlite: Sqlite, where: (change: LoggedChange) => boolean = () => true): number {
  let n = 0;
  for (const change of loggedChanges(sqlite)) if (where(change)) n++;
  return n;
}

/** The log one change a line, its columns as `changes` stores them (seen as JSON text): two moments or two databases compared. */
export function logText(sqlite: Sqlite): string {
  return loggedChanges(sqlite)
    .map((c) => JSON.stringify([c.id, c.tbl, c.row_id, c.village_id, c.col, c.value, c.hlc, c.origin, JSON.stringify(c.seen), c.segment]))
    .join('\n');
}

/**
 * How many changes the log holds, read an origin at a time and one decoded segment at a time (an id
 * ends with its origin, so no two origins share one): for a log of millions in a capped heap.
 */
export function countLoggedByOrigin(sqlite: Sqlite): number {
  const log = createChangeLog(sqlite, createSegmentCache(1));
  const origins = sqlite.prepare('SELECT origin FROM segments UNION SELECT origin FROM changes').pluck().all() as string[];
  return origins.reduce((n, origin) => n + log.ofOrigin(origin).length, 0);
}
