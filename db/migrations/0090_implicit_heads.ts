// A cell whose one head is its greatest change keeps no `cell_heads` row (db/sync/apply.ts says
// why): almost every cell, so the table shrinks to the cells in conflict and a merge writes one
// B-tree fewer per change. Cells that had no head at all (only a cycle of `seen` does that) get
// the one row that says so. Device-local: heads are never synced. Frozen in time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO cell_heads (tbl, row_id, col, change_id)
    SELECT DISTINCT c.tbl, c.row_id, c.col, '' FROM changes AS c
     WHERE NOT EXISTS (SELECT 1 FROM cell_heads AS h WHERE h.tbl = c.tbl AND h.row_id = c.row_id AND h.col = c.col)`.execute(db);
  await sql`DELETE FROM cell_heads AS h
     WHERE h.change_id = (SELECT max(id) FROM changes AS c WHERE c.tbl = h.tbl AND c.row_id = h.row_id AND c.col = h.col)
       AND (SELECT count(*) FROM cell_heads AS o WHERE o.tbl = h.tbl AND o.row_id = h.row_id AND o.col = h.col) = 1`.execute(db);
}
