// Township settings: the days-in-village threshold and the plan duties, as the township's
// coordinator signed them (db/sync/townshipSettings.ts). One row per township, the newest
// declaration kept verbatim so it travels in every export's header. Device-local (relayed in
// headers, never through the change log). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('township_settings')
    .addColumn('township', 'text', (c) => c.primaryKey())
    .addColumn('presence_threshold', 'integer', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
}
