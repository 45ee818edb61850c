// Sync bookkeeping: sealed, signed, hash-chained segments of changes (ours and received ones,
// kept verbatim for relaying), the record of imported files, quarantined input, what each
// target has been sent, and the devices this one trusts. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('segments')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('prev_hash', 'text')
    .addColumn('hlc_min', 'text', (c) => c.notNull())
    .addColumn('hlc_max', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'blob', (c) => c.notNull())
    .addColumn('body', 'blob', (c) => c.notNull())
    .addUniqueConstraint('segments_origin_seq', ['origin', 'seq'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('file_hash', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('producer', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text')
    .addColumn('origin', 'text')
    .addColumn('change_id', 'text')
    .execute();
  await db.schema.createIndex('quarantine_by_file').on('quarantine').column('file_hash').execute();

  await db.schema
    .createTable('export_marks')
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('export_marks_pk', ['target', 'origin'])
    .execute();

  await db.schema
    .createTable('trusted_devices')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('villages', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('trusted_at', 'text', (c) => c.notNull())
    .execute();
}
