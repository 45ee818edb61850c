// A record's first segment moves into its clock's row (docs/compact-store.md, the layout):
// nearly every record is held by one segment, so `record_segments` keeps only a record's second
// and further segments, and a merge writes one row for a record new to the log, not two. The
// smallest of a record's segment numbers goes to the clock (as db/sync/clocks.ts's refresh
// chooses), and exactly that row leaves record_segments. Device-local: nothing synced changes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE clocks ADD COLUMN segment INTEGER`.execute(db);
  // Each record's segments are the first rows of its key in record_segments: the smallest by key.
  await sql`UPDATE clocks SET segment = (SELECT min(r.segment) FROM record_segments AS r WHERE r.tbl = clocks.tbl AND r.row_id = clocks.row_id)`.execute(db);
  await sql`DELETE FROM record_segments WHERE (tbl, row_id, segment) IN (SELECT tbl, row_id, segment FROM clocks WHERE segment IS NOT NULL)`.execute(db);
}
