// `changes_deletes` holds only the changes that delete a row (`_row` = "deleted"), with the row's
// village: the conflicts badge finds the deleted rows through it after every write instead of
// reading the whole change log (db/sync/conflicts.ts countConflicts). Deletes are few, so it is
// small. Frozen in time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX changes_deletes ON changes (tbl, row_id, village_id) WHERE col = '_row' AND value = '"deleted"'`.execute(db);
}
