// What a stored segment brought that the change log does not hold: its changes set aside (scope,
// trust, values, a doubled id, a village move awaiting a person) and the loser of a fork's doubled
// id. With these, the log can be read from the stored segments instead of a row a change
// (db/sync/changeLog.ts; docs/compact-store.md, step 3). Filled here by decoding every stored
// segment and comparing each change with the log's row of its id. Frozen in time, except that
// segments are decoded by the codec the live code uses.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Loaded here, not at the top: the codec reads db/ledgers, which reads this list of migrations.
  const { decodeChanges } = await import('../sync/segments/codec');
  await sql`CREATE TABLE segment_exclusions (segment TEXT NOT NULL, change_id TEXT NOT NULL, PRIMARY KEY (segment, change_id)) WITHOUT ROWID`.execute(db);
  const hashes = (await sql<{ hash: string }>`SELECT hash FROM segments ORDER BY hash`.execute(db)).rows.map((r) => r.hash);
  for (const hash of hashes) {
    const { origin, body } = (await sql<{ origin: string; body: Buffer }>`SELECT origin, body FROM segments WHERE hash = ${hash}`.execute(db)).rows[0]!;
    const changes = decodeChanges(origin, body);
    const logged = new Map<string, { tbl: string; row_id: string; village_id: string; col: string; value: string; seen: string }>();
    // The log's rows of the segment's ids, a few thousand point look-ups of the primary key a statement.
    for (let i = 0; i < changes.length; i += 5000) {
      const ids = JSON.stringify(changes.slice(i, i + 5000).map((c) => c.id));
      for (const row of (
        await sql<{ id: string; tbl: string; row_id: string; village_id: string; col: string; value: string; seen: string }>`SELECT id, tbl, row_id, village_id, col, value, seen FROM changes
          WHERE id IN (SELECT value FROM json_each(${ids}))`.execute(db)
      ).rows)
        logged.set(row.id, row);
    }
    const out: string[] = [];
    for (const change of changes) {
      const row = logged.get(change.id);
      const same = row && row.tbl === change.tbl && row.row_id === change.row_id && row.village_id === change.village_id && row.col === change.col && row.value === change.value && row.seen === JSON.stringify(change.seen);
      if (!same) out.push(change.id);
    }
    for (let i = 0; i < out.length; i += 400) {
      await sql`INSERT INTO segment_exclusions (segment, change_id) VALUES ${sql.join(out.slice(i, i + 400).map((id) => sql`(${hash}, ${id})`))}`.execute(db);
    }
  }
}
