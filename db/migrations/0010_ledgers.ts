// The first ledgers. Frozen in time: this file never changes once released; later changes
// to a table are new migrations. It must not import anything that evolves (like db/ledgers).
import type { Kysely } from 'kysely';

type Kind = 'text' | 'integer' | 'real';

const TABLES: Record<string, Record<string, Kind>> = {
  villages: { name: 'text', code: 'text', township: 'text', county: 'text', notes: 'text' },
  secretaries: {
    name: 'text', unit: 'text', unit_level: 'text', term_start: 'text', term_end: 'text',
    phone: 'text', notes: 'text',
  },
  households: {
    head_name: 'text', villager_group: 'text', grid_cell: 'text', category: 'text', phone: 'text',
    address: 'text', housing_grade: 'text', helper_name: 'text', notes: 'text',
  },
  household_members: {
    household_id: 'text', name: 'text', relation: 'text', id_number: 'text',
    labour_capacity: 'text', health: 'text', schooling: 'text', notes: 'text',
  },
  visits: {
    household_id: 'text', visit_date: 'text', mode: 'text', visitors: 'text', situation: 'text',
    actions: 'text', confirmed: 'integer', next_visit_due: 'text',
  },
  needs: {
    visit_id: 'text', household_id: 'text', category: 'text', content: 'text', owner: 'text',
    due_date: 'text', status: 'text', outcome: 'text', satisfaction: 'text', closed_on: 'text',
  },
  plans: {
    year: 'integer', duty: 'text', goal: 'text', measures: 'text', target_value: 'real',
    actual_value: 'real', value_unit: 'text', status: 'text', due_date: 'text',
  },
  projects: {
    name: 'text', kind: 'text', status: 'text', budget_fen: 'integer',
    beneficiary_households: 'integer', responsible: 'text', start_date: 'text', end_date: 'text',
    notes: 'text',
  },
  fund_entries: {
    project_id: 'text', direction: 'text', source: 'text', amount_fen: 'integer',
    entry_date: 'text', purpose: 'text', voucher_no: 'text',
  },
  commitments: { content: 'text', year: 'integer', due_date: 'text', status: 'text', evidence: 'text' },
  diary_entries: { entry_date: 'text', presence: 'text', content: 'text', duty_tags: 'text' },
  leave_requests: {
    start_date: 'text', end_date: 'text', days: 'integer', reason: 'text', approver_level: 'text',
    approver: 'text', status: 'text',
  },
  monitored_households: {
    household_id: 'text', monitor_type: 'text', risk_types: 'text', signal_source: 'text',
    home_check_date: 'text', posting_start: 'text', posting_end: 'text',
    township_review_date: 'text', county_decision_date: 'text', measures: 'text',
    risk_cleared: 'integer', cleared_date: 'text',
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of Object.entries(TABLES)) {
    // Ledger columns are nullable: a row is a projection of changes that may arrive in pieces.
    let create = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text');
    for (const [column, kind] of Object.entries(columns)) create = create.addColumn(column, kind);
    await create.execute();
    if (table !== 'villages') {
      await db.schema.createIndex(`${table}_by_village`).on(table).columns(['village_id', 'deleted_at']).execute();
    }
  }
  await db.schema.createIndex('villages_by_township').on('villages').columns(['township', 'name']).execute();
}
