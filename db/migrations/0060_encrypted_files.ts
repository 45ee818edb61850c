// Encrypted bundle files this device has imported: the hash of the encrypted bytes → the hash
// of the bundle inside (as `imports` knows it). A file seen again is skipped without deriving
// its key or decrypting it. Device-local like `sync_target_files`: never synced. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('encrypted_files')
    .addColumn('outer_hash', 'text', (c) => c.primaryKey())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
