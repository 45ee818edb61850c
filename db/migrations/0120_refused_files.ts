// Remote files a sync target offered that this device refused (an untrusted device, a newer
// app's file, another passphrase, damage), so a metered server (坚果云's monthly traffic) is not
// asked for the same file on every run. A row holds what the refusal depended on — the app's
// version and the trusted set as it was — and the file is fetched again once either changes.
// Device-local like `sync_target_files`: never synced. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_refused_files')
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('times', 'integer', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    .addColumn('trust_epoch', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_refused_files_pk', ['target_id', 'path'])
    .execute();
}
