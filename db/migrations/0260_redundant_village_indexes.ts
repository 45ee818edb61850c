// Four ledgers kept the (village_id, deleted_at) index every ledger got at first, beside a later
// index that begins with the same two columns: the later one answers every query the first did, and
// a merge wrote both for each row it projected. Dropped; the data is untouched.
import { sql, type Kysely } from 'kysely';

export const DROPPED = ['visits_by_village', 'households_by_village', 'needs_by_village', 'diary_entries_by_village'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const index of DROPPED) await sql`DROP INDEX IF EXISTS ${sql.id(index)}`.execute(db);
}
