// Attachments (附件): a synced ledger of the photos and scans on records. The row is the file's
// metadata (the record it belongs to, kind, caption, taken-at, size, hashes); the file itself lives
// in the data folder, named by its SHA-256 (electron/services/attachments/fileStore.ts). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('record_table', 'text')
    .addColumn('record_id', 'text')
    .addColumn('kind', 'text')
    .addColumn('caption', 'text')
    .addColumn('taken_at', 'text')
    .addColumn('file_name', 'text')
    .addColumn('mime', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('thumb_sha256', 'text')
    .addColumn('keep_location', 'integer')
    .addColumn('attached_by', 'text')
    .execute();
  // The thumbnails of one record; a village's gallery, newest first.
  await db.schema.createIndex('attachments_by_record').on('attachments').columns(['record_id', 'deleted_at']).execute();
  await db.schema.createIndex('attachments_by_village').on('attachments').columns(['village_id', 'deleted_at', 'created_at']).execute();
  // The sweep's question: does any row still refer to this file?
  await db.schema.createIndex('attachments_by_hash').on('attachments').columns(['sha256']).execute();
  await db.schema.createIndex('attachments_by_thumb').on('attachments').columns(['thumb_sha256']).execute();
}
