// Saved sync targets (a folder or a WebDAV server) with what their last run did, and the remote
// files each target has already delivered. Device-local like `meta`: never synced, because a
// target is where this machine puts its files. Passwords are not here (a SecretStore keeps
// them). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('folder', 'text')
    .addColumn('url', 'text')
    .addColumn('username', 'text')
    .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('interval_minutes', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_result', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .execute();

  await db.schema
    .createTable('sync_target_files')
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_target_files_pk', ['target_id', 'path'])
    .execute();
}
