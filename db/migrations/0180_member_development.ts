// 发展党员 member development: a candidate of a village branch, and one row per step of a
// candidate (shared/domain/ledgers/party.ts). Synced ledgers like the others. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('party_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('name', 'text')
    .addColumn('sex', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('household_id', 'text')
    .addColumn('occupation', 'text')
    .addColumn('education', 'text')
    .addColumn('has_record', 'integer')
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('record_note', 'text')
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createTable('party_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('candidate_id', 'text')
    .addColumn('step', 'text')
    .addColumn('step_date', 'text')
    .addColumn('meeting', 'text')
    .addColumn('score', 'real')
    .addColumn('approval_on', 'text')
    .addColumn('archive_ref', 'text')
    .addColumn('started_on', 'text')
    .addColumn('eligible_voters', 'integer')
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .addColumn('extension_months', 'integer')
    .addColumn('follow_up_on', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('cadre_name', 'text')
    .addColumn('deputy_name', 'text')
    .addColumn('secretary_name', 'text')
    .addColumn('organiser_name', 'text')
    .addColumn('notes', 'text')
    .execute();
  // A village's candidates (and one household's, for the family check); a candidate's steps, read
  // whole before every step is written.
  await db.schema.createIndex('party_candidates_by_village').on('party_candidates').columns(['village_id', 'deleted_at', 'name']).execute();
  await db.schema.createIndex('party_candidates_by_household').on('party_candidates').columns(['household_id']).execute();
  await db.schema.createIndex('party_steps_by_candidate').on('party_steps').columns(['candidate_id', 'step_date']).execute();
  await db.schema.createIndex('party_steps_by_village_date').on('party_steps').columns(['village_id', 'deleted_at', 'step_date']).execute();
}
