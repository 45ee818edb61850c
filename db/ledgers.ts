// The synced ledgers and their columns: the one allow-list the store, the rebuild, exports and
// (later) imports take table and column names from. Never take an identifier from elsewhere.
// A test checks this list against the tables the migrations actually create.

export type ColumnKind = 'text' | 'integer' | 'real';

/** Every synced row also has: id, village_id, created_at, updated_at, deleted_at. */
export const LEDGERS = {
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
  village_indicators: {
    year: 'integer', household_count: 'integer', population: 'integer', party_members: 'integer',
    village_types: 'text', collective_income_fen: 'integer', operating_funds_fen: 'integer',
    venue_status: 'text', reserve_cadres_trained: 'integer',
  },
} as const satisfies Record<string, Record<string, ColumnKind>>;

/**
 * The version of what a sync file may hold: the number of the migration that last changed the
 * ledgers above. Files carry it instead of the database's own version, so a migration of
 * device-local tables (sync targets, remembered files) does not stop two devices exchanging
 * files. Raise it to the new migration's number whenever a ledger or column is added; a test
 * pins the ledgers to it. (60 when it was split from the database version: files written
 * before stay readable.)
 */
export const SYNC_SCHEMA_VERSION = 60;

export type LedgerName = keyof typeof LEDGERS;
export type LedgerColumn<T extends LedgerName> = keyof (typeof LEDGERS)[T] & string;
export const LEDGER_NAMES = Object.keys(LEDGERS) as LedgerName[];

/** The pseudo-column a delete (`deleted`) or undelete (`alive`) is written to. */
export const ROW_COLUMN = '_row';
export type RowState = 'deleted' | 'alive';

export function isLedger(name: string): name is LedgerName {
  return Object.prototype.hasOwnProperty.call(LEDGERS, name);
}

export function isLedgerColumn(table: LedgerName, col: string): boolean {
  return col === ROW_COLUMN || Object.prototype.hasOwnProperty.call(LEDGERS[table], col);
}

export function ledgerColumns(table: LedgerName): string[] {
  return Object.keys(LEDGERS[table]);
}

/** Whether a live row of `table` with this id belongs to the village: one prepared statement, asked many times. */
export function liveRowInVillage(sqlite: import('./open').Sqlite, table: LedgerName): (id: unknown, villageId: string) => boolean {
  const statement = sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ? AND village_id = ? AND deleted_at IS NULL`);
  return (id, villageId) => statement.get(id, villageId) !== undefined;
}
