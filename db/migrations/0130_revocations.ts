// Revocations: a device whose trust a coordinator or district withdrew (a lost or stolen laptop).
// One row per revoked device and issuer, the issuer's signature kept verbatim so it travels on the
// revoked device's card in every export (db/sync/revocation.ts). The device stays in
// `trusted_devices`: what it signed before the revocation still verifies and merges.
// Device-local (relayed on device cards, never through the change log). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('revocations')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text', (c) => c.notNull())
    .addColumn('seen_seq', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('revocations_pk', ['device_id', 'issuer'])
    .execute();
}
