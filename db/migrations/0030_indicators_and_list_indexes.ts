// The village's yearly indicators as a ledger of their own, and the indexes the ledger lists
// page and filter on (EXPLAIN QUERY PLAN tests hold them to it). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('village_indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('year', 'integer')
    .addColumn('household_count', 'integer')
    .addColumn('population', 'integer')
    .addColumn('party_members', 'integer')
    .addColumn('village_types', 'text')
    .addColumn('collective_income_fen', 'integer')
    .addColumn('operating_funds_fen', 'integer')
    .addColumn('venue_status', 'text')
    .addColumn('reserve_cadres_trained', 'integer')
    .execute();
  await db.schema.createIndex('village_indicators_by_village').on('village_indicators').columns(['village_id', 'year']).execute();

  const indexes: [table: string, name: string, columns: string[]][] = [
    ['households', 'households_by_village_head', ['village_id', 'deleted_at', 'head_name']],
    ['household_members', 'members_by_household', ['household_id']],
    // The one-person-one-ID-number check on every member write.
    ['household_members', 'members_by_id_number', ['id_number']],
    ['visits', 'visits_by_village_date', ['village_id', 'deleted_at', 'visit_date']],
    ['visits', 'visits_by_household_date', ['household_id', 'visit_date']],
    ['needs', 'needs_by_village_status_due', ['village_id', 'deleted_at', 'status', 'due_date']],
    ['needs', 'needs_by_household', ['household_id']],
    ['fund_entries', 'funds_by_project', ['project_id', 'entry_date']],
    ['diary_entries', 'diary_by_village_date', ['village_id', 'deleted_at', 'entry_date']],
    ['monitored_households', 'monitoring_by_household', ['household_id']],
    // A coordinator's all-villages lists, newest first: walked in order, never sorted whole.
    ['households', 'households_by_updated', ['deleted_at', 'updated_at']],
    ['visits', 'visits_by_date', ['deleted_at', 'visit_date']],
  ];
  for (const [table, name, columns] of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
}
