// Forks (docs/sync-forks.md): a device restored from a backup or copied writes a second genuine
// history under its id, so segments are keyed by their hash alone — `(origin, seq)` is no longer
// unique — and each keeps the branch it lies on (null: the first history stored of its origin).
// `forks` keeps one row per branch, for people to see. Frozen in time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE segments_forked (
    hash TEXT PRIMARY KEY, origin TEXT NOT NULL, seq INTEGER NOT NULL, prev_hash TEXT,
    hlc_min TEXT NOT NULL, hlc_max TEXT NOT NULL, count INTEGER NOT NULL, schema_version INTEGER NOT NULL,
    key_id TEXT NOT NULL, signature BLOB NOT NULL, body BLOB NOT NULL, branch TEXT)`.execute(db);
  await sql`INSERT INTO segments_forked (hash, origin, seq, prev_hash, hlc_min, hlc_max, count, schema_version, key_id, signature, body, branch)
    SELECT hash, origin, seq, prev_hash, hlc_min, hlc_max, count, schema_version, key_id, signature, body, NULL FROM segments`.execute(db);
  await sql`DROP TABLE segments`.execute(db);
  await sql`ALTER TABLE segments_forked RENAME TO segments`.execute(db);
  await sql`CREATE INDEX segments_by_origin_seq ON segments (origin, seq)`.execute(db);

  await db.schema
    .createTable('forks')
    .addColumn('branch', 'text', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('self', 'integer', (c) => c.notNull())
    .execute();
}
