// What a ledger write is checked against (electron/services/ledgers/rules.ts decides what the
// answers mean): the secretaries' terms, a visit's day and the secretary in post then, records
// that would be doubled, a project's money. `exceptId` is the record being written (null while
// it is created), which never counts against itself.
import type { Sqlite } from '../open';

export interface Term {
  readonly start: string | null;
  readonly end: string | null;
}

/** The terms of the village's live secretaries. */
export function secretaryTerms(sqlite: Sqlite, villageId: string): Term[] {
  return sqlite.prepare('SELECT term_start AS start, term_end AS end FROM secretaries WHERE village_id = ? AND deleted_at IS NULL').all(villageId) as Term[];
}

/** A live visit's day (undefined when there is no such visit). */
export function liveVisitDate(sqlite: Sqlite, visitId: string): string | undefined {
  return sqlite.prepare('SELECT visit_date FROM visits WHERE id = ? AND deleted_at IS NULL').pluck().get(visitId) as string | undefined;
}

/** The name of the village's secretary whose term holds the day (the latest to start, when several do). */
export function secretaryOnDay(sqlite: Sqlite, villageId: string, day: string): string | undefined {
  return sqlite
    .prepare(
      `SELECT name FROM secretaries WHERE village_id = ? AND deleted_at IS NULL
         AND (term_start IS NULL OR term_start <= ?) AND (term_end IS NULL OR ? <= term_end)
       ORDER BY term_start DESC LIMIT 1`,
    )
    .pluck()
    .get(villageId, day, day) as string | undefined;
}

/** Whether another live visit records the household on that day. */
export function householdVisitedOn(sqlite: Sqlite, householdId: unknown, day: unknown, exceptId: string | null): boolean {
  return sqlite.prepare('SELECT 1 FROM visits WHERE household_id = ? AND visit_date = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1').get(householdId, day, exceptId) !== undefined;
}

/** The heads of the village's other live households in the same villager group (none given: those with none). */
export function householdHeadsInGroup(sqlite: Sqlite, villageId: string, villagerGroup: unknown, exceptId: string | null): string[] {
  return sqlite
    .prepare(
      `SELECT head_name FROM households WHERE village_id = ? AND deleted_at IS NULL AND id IS NOT ?
         AND coalesce(villager_group, '') = coalesce(?, '')`,
    )
    .pluck()
    .all(villageId, exceptId, villagerGroup ?? null) as string[];
}

/** Whether another live household member bears the ID number. */
export function idNumberTaken(sqlite: Sqlite, idNumber: unknown, exceptId: string | null): boolean {
  return sqlite.prepare('SELECT 1 FROM household_members WHERE id_number = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1').get(idNumber, exceptId) !== undefined;
}

export interface ProjectMoney {
  readonly received: number;
  readonly spent: number;
  /** The project's budget (null when it has none, or there is no such project). */
  readonly budget: number | null;
}

/** A project's money received and spent by its live entries other than `exceptId`, and its budget. */
export function projectMoneyExcept(sqlite: Sqlite, projectId: unknown, exceptId: string | null): ProjectMoney {
  return sqlite
    .prepare(
      `SELECT coalesce(sum(CASE WHEN f.direction = 'in' THEN f.amount_fen END), 0) AS received,
              coalesce(sum(CASE WHEN f.direction = 'out' THEN f.amount_fen END), 0) AS spent,
              (SELECT budget_fen FROM projects WHERE id = ?) AS budget
         FROM fund_entries AS f WHERE f.project_id = ? AND f.deleted_at IS NULL AND f.id IS NOT ?`,
    )
    .get(projectId, projectId, exceptId) as ProjectMoney;
}

/** What a project's live entries have spent. */
export function projectSpent(sqlite: Sqlite, projectId: string): number {
  return sqlite.prepare("SELECT coalesce(sum(amount_fen), 0) FROM fund_entries WHERE project_id = ? AND direction = 'out' AND deleted_at IS NULL").pluck().get(projectId) as number;
}

/** Whether another live diary entry of the village holds that day. */
export function diaryDayTaken(sqlite: Sqlite, villageId: string, day: unknown, exceptId: string | null): boolean {
  return sqlite.prepare('SELECT 1 FROM diary_entries WHERE village_id = ? AND entry_date = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1').get(villageId, day, exceptId) !== undefined;
}
