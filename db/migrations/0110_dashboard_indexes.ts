// The dashboards count a township's visits, needs and diary days in one statement each; these
// indexes let them read the index alone instead of a table row for every visit, need and diary day.
// Each replaces a list index with the same leading columns, so the lists keep their order and a
// merge writes no more B-trees than before. Frozen in time.
import type { Kysely } from 'kysely';

const REPLACED: [table: string, name: string, columns: string[]][] = [
  // Visits of the period and the households they reached (visitedHouseholds, visitsByMonth).
  ['visits', 'visits_by_village_date', ['village_id', 'deleted_at', 'visit_date', 'household_id']],
  // A need's raising visit found through the need's household: its id, whether it stands, its day.
  ['visits', 'visits_by_household_date', ['household_id', 'visit_date', 'id', 'deleted_at']],
  // Needs counted (raised, solved, open, overdue) from the index alone: status and days, the
  // household and visit they belong to, when they were recorded.
  ['needs', 'needs_by_village_status_due', ['village_id', 'deleted_at', 'status', 'due_date', 'closed_on', 'household_id', 'visit_id', 'created_at']],
  // Days in the village this month and this year.
  ['diary_entries', 'diary_by_village_date', ['village_id', 'deleted_at', 'entry_date', 'presence']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, name, columns] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
