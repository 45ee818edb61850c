// What the member-development and reserve-cadre rules read from the database: a candidate and its
// other steps before a step is written, the other candidates of its household, a reserve cadre's
// span for a training; and for the lists, the steps of a page of candidates, each village's
// admissions and each village's reserve cadres. Live rows only.
import type { StepFacts } from '../shared/domain/party/stages';
import type { CadreSpan } from '../shared/domain/party/villageChecks';
import type { Sqlite } from './open';

export interface CandidateRow {
  readonly id: string;
  readonly villageId: string;
  readonly birthYear: number;
  readonly idNumber: string | null;
  readonly householdId: string | null;
  readonly hasRecord: boolean;
}

const STEP_COLUMNS = 'step, step_date AS stepDate, score, started_on AS startedOn, extension_months AS extensionMonths';

export function candidateRow(sqlite: Sqlite, id: unknown): CandidateRow | null {
  const row = sqlite
    .prepare(
      `SELECT id, village_id AS villageId, birth_year AS birthYear, id_number AS idNumber, household_id AS householdId, has_record AS hasRecord
         FROM party_candidates WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(id) as (Omit<CandidateRow, 'hasRecord'> & { hasRecord: number | null }) | undefined;
  return row ? { ...row, hasRecord: row.hasRecord === 1 } : null;
}

/** A candidate's live steps but one (the step being edited; null while creating). */
export function candidateSteps(sqlite: Sqlite, candidateId: string, exceptId: string | null): StepFacts[] {
  return sqlite
    .prepare(`SELECT ${STEP_COLUMNS} FROM party_steps WHERE candidate_id = ? AND deleted_at IS NULL AND id IS NOT ?`)
    .all(candidateId, exceptId) as StepFacts[];
}

/** Whether another live candidate of the village is of the same household (家族化). */
export function hasFamilyCandidate(sqlite: Sqlite, candidate: CandidateRow): boolean {
  if (!candidate.householdId) return false;
  return (
    sqlite
      .prepare('SELECT 1 FROM party_candidates WHERE village_id = ? AND household_id = ? AND id IS NOT ? AND deleted_at IS NULL LIMIT 1')
      .get(candidate.villageId, candidate.householdId, candidate.id) !== undefined
  );
}

export function cadreSpan(sqlite: Sqlite, id: unknown): CadreSpan | null {
  return (
    (sqlite
      .prepare('SELECT recommended_on AS recommendedOn, outcome, outcome_on AS outcomeOn FROM reserve_cadres WHERE id = ? AND deleted_at IS NULL')
      .get(id) as CadreSpan | undefined) ?? null
  );
}

export interface CandidateWithSteps {
  readonly id: string;
  readonly villageId: string;
  readonly householdId: string | null;
  readonly steps: StepFacts[];
}

/** The live candidates among `ids` in `villageIds`, each with its live steps (party_steps_by_candidate). */
export function candidatesWithSteps(sqlite: Sqlite, ids: readonly string[], villageIds: readonly string[]): CandidateWithSteps[] {
  if (ids.length === 0) return [];
  const candidates = sqlite
    .prepare(
      `SELECT id, village_id AS villageId, household_id AS householdId FROM party_candidates
        WHERE id IN (SELECT value FROM json_each(?)) AND village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
    )
    .all(JSON.stringify(ids), JSON.stringify(villageIds)) as Omit<CandidateWithSteps, 'steps'>[];
  const steps = sqlite.prepare(`SELECT ${STEP_COLUMNS} FROM party_steps WHERE candidate_id = ? AND deleted_at IS NULL`);
  return candidates.map((c) => ({ ...c, steps: steps.all(c.id) as StepFacts[] }));
}

/** Every live candidate of the villages with a household: the family check across a page. */
export function householdCandidates(sqlite: Sqlite, villageIds: readonly string[]): { id: string; villageId: string; householdId: string | null }[] {
  return sqlite
    .prepare(
      `SELECT id, village_id AS villageId, household_id AS householdId FROM party_candidates
        WHERE village_id IN (SELECT value FROM json_each(?)) AND household_id IS NOT NULL AND deleted_at IS NULL`,
    )
    .all(JSON.stringify(villageIds)) as { id: string; villageId: string; householdId: string | null }[];
}

/** The admissions (接收预备党员) of live candidates in the villages. */
export function admissions(sqlite: Sqlite, villageIds: readonly string[]): { villageId: string; date: string }[] {
  return sqlite
    .prepare(
      `SELECT s.village_id AS villageId, s.step_date AS date FROM party_steps AS s
         JOIN party_candidates AS c ON c.id = s.candidate_id AND c.deleted_at IS NULL
        WHERE s.village_id IN (SELECT value FROM json_each(?)) AND s.step = 'admission' AND s.deleted_at IS NULL`,
    )
    .all(JSON.stringify(villageIds)) as { villageId: string; date: string }[];
}

/** Each village's live reserve cadres, as spans on the reserve. */
export function reserveSpans(sqlite: Sqlite, villageIds: readonly string[]): (CadreSpan & { villageId: string })[] {
  return sqlite
    .prepare(
      `SELECT village_id AS villageId, recommended_on AS recommendedOn, outcome, outcome_on AS outcomeOn FROM reserve_cadres
        WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
    )
    .all(JSON.stringify(villageIds)) as (CadreSpan & { villageId: string })[];
}
