// `changes_unsealed` finds this device's changes not yet sealed into a segment. It indexed every
// change by (origin, segment) — a third of a coordinator's change log, for changes received
// sealed that it never looks up that way. Now it holds only the unsealed ones (segment IS NULL),
// a few hundred at most, so a merge writes two B-trees per change instead of three. Frozen in time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('changes_unsealed').execute();
  await sql`CREATE INDEX changes_unsealed ON changes (origin) WHERE segment IS NULL`.execute(db);
}
