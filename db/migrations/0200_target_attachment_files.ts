// Whether a saved sync target carries the attachments' files or only their rows: a coordinator
// may relay the records upward without every photo (the district may not want them). Device-local
// like the rest of `sync_targets`; 1 (files travel) for every target saved before. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_targets').addColumn('attachment_files', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}
