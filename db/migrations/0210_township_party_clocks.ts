// The member-development clocks a township's coordinator declares (db/sync/townshipSettings.ts):
// JSON of the clocks set by name, null for a declaration that sets none (every one kept before
// this column, which means the rules' defaults). Device-local like the rest. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('township_settings').addColumn('party_clocks', 'text').execute();
}
