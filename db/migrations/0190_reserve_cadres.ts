// 后备干部 reserve cadres and their trainings (shared/domain/ledgers/reserve.ts). Synced ledgers
// like the others. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reserve_cadres')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('name', 'text')
    .addColumn('sex', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('channel', 'text')
    .addColumn('recommended_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_on', 'text')
    .addColumn('mentor', 'text')
    .addColumn('recommended_by', 'text')
    .addColumn('education', 'text')
    .addColumn('occupation', 'text')
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createTable('cadre_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('cadre_id', 'text')
    .addColumn('trained_on', 'text')
    .addColumn('course', 'text')
    .addColumn('organiser', 'text')
    .addColumn('hours', 'integer')
    .addColumn('archive_ref', 'text')
    .addColumn('notes', 'text')
    .execute();
  // A village's reserve, newest first (and the indicators' yearly count); a cadre's trainings.
  await db.schema.createIndex('reserve_cadres_by_village').on('reserve_cadres').columns(['village_id', 'deleted_at', 'recommended_on']).execute();
  await db.schema.createIndex('cadre_trainings_by_cadre').on('cadre_trainings').columns(['cadre_id', 'trained_on']).execute();
}
