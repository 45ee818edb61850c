// The change log stops storing what a change's id already says: the id is its HLC (16 hex
// digits) followed by its origin device, so `hlc` and `origin` become VIRTUAL generated columns
// computed from `id` on read — no bytes on disk, the same columns and values to every reader, and
// `changes_unsealed` (an index on origin) keeps working. A database whose log holds a change
// whose id is not its HLC and origin (no Cunji ever wrote one: the store and the segment codec
// both make the id so) is refused here rather than silently read back differently.
// The first step of the compact store (docs/compact-store.md). Frozen in time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const odd = await sql<{ id: string }>`SELECT id FROM changes WHERE hlc || origin <> id OR length(hlc) <> 16 LIMIT 1`.execute(db);
  if (odd.rows.length) throw new Error(`The change log holds change ${odd.rows[0]!.id}, whose id is not its HLC followed by its origin`);
  await sql`CREATE TABLE changes_compact (
    id TEXT PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, village_id TEXT NOT NULL, col TEXT NOT NULL, value TEXT NOT NULL,
    hlc TEXT GENERATED ALWAYS AS (substr(id, 1, 16)) VIRTUAL,
    origin TEXT GENERATED ALWAYS AS (substr(id, 17)) VIRTUAL,
    seen TEXT NOT NULL, segment TEXT) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO changes_compact (id, tbl, row_id, village_id, col, value, seen, segment)
    SELECT id, tbl, row_id, village_id, col, value, seen, segment FROM changes ORDER BY id`.execute(db);
  await sql`DROP TABLE changes`.execute(db);
  await sql`ALTER TABLE changes_compact RENAME TO changes`.execute(db);
  await sql`CREATE INDEX changes_by_cell ON changes (tbl, row_id, col)`.execute(db);
  await sql`CREATE INDEX changes_unsealed ON changes (origin) WHERE segment IS NULL`.execute(db);
  await sql`CREATE INDEX changes_deletes ON changes (tbl, row_id, village_id) WHERE col = '_row' AND value = '"deleted"'`.execute(db);
}
