// Enrolments: who vouches for each trusted device. `enrolled_by` is the device whose signature
// (`enrolment_sig`, over the device's key, name, role and scope as of `enrolment_at`) is kept
// with the row: this device's own when a person here trusted it, a coordinator's when it arrived
// through that coordinator's enrolment — kept verbatim so it can be passed on when relaying.
// NULL on rows trusted before this migration (export signs them then). Device-local, never synced.
// Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trusted_devices').addColumn('enrolled_by', 'text').execute();
  await db.schema.alterTable('trusted_devices').addColumn('enrolment_at', 'text').execute();
  await db.schema.alterTable('trusted_devices').addColumn('enrolment_sig', 'text').execute();
}
