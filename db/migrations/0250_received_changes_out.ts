// The last step of the compact store (docs/compact-store.md): the change log stops keeping a row
// for a change its stored segment holds. From now on `changes` holds this device's changes not yet
// sealed and changes merged with no stored segment; the rest is read from the segments
// (db/sync/changeLog.ts). Each row is checked against its segment first (the same change, not set
// aside from it); a row its segment does not hold stays a row. `changes_deletes` goes: the records
// ever deleted are in `record_deletes`. Frozen in time, except that segments are decoded by the
// codec the live code uses.
import { sql, type Kysely } from 'kysely';

interface LogRow {
  id: string;
  tbl: string;
  row_id: string;
  village_id: string;
  col: string;
  value: string;
  seen: string;
}

export async function up(db: Kysely<any>): Promise<void> {
  // Loaded here, not at the top: the codec reads db/ledgers, which reads this list of migrations.
  const { decodeChanges } = await import('../sync/segments/codec');
  await sql`CREATE INDEX changes_by_segment_0250 ON changes (segment) WHERE segment IS NOT NULL`.execute(db);
  const segments = (await sql<{ hash: string }>`SELECT DISTINCT c.segment AS hash FROM changes AS c JOIN segments AS s ON s.hash = c.segment`.execute(db)).rows;
  for (const { hash } of segments) {
    const { origin, body } = (await sql<{ origin: string; body: Buffer }>`SELECT origin, body FROM segments WHERE hash = ${hash}`.execute(db)).rows[0]!;
    const held = new Map(decodeChanges(origin, body).map((c) => [c.id, c]));
    for (const { change_id } of (await sql<{ change_id: string }>`SELECT change_id FROM segment_exclusions WHERE segment = ${hash}`.execute(db)).rows) held.delete(change_id);
    const rows = (await sql<LogRow>`SELECT id, tbl, row_id, village_id, col, value, seen FROM changes WHERE segment = ${hash}`.execute(db)).rows;
    const out: string[] = [];
    for (const row of rows) {
      const c = held.get(row.id);
      if (c && c.tbl === row.tbl && c.row_id === row.row_id && c.village_id === row.village_id && c.col === row.col && c.value === row.value && JSON.stringify(c.seen) === row.seen) out.push(row.id);
    }
    for (let i = 0; i < out.length; i += 5000) {
      await sql`DELETE FROM changes WHERE id IN (SELECT value FROM json_each(${JSON.stringify(out.slice(i, i + 5000))}))`.execute(db);
    }
  }
  await sql`DROP INDEX changes_by_segment_0250`.execute(db);
  await sql`DROP INDEX IF EXISTS changes_deletes`.execute(db);
}
