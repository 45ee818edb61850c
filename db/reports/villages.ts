// The villages a report walks, in the dashboards' order (township, name), and the walk itself:
// each ledger report runs its statement once per village on that village's index, so rows come
// out in order without sorting a district's ledger whole, and only one village's page of rows
// is ever in flight.
import type { Sqlite } from '../open';
import type { PeriodParams } from '../dashboard/period';

export interface ReportVillage {
  readonly id: string;
  readonly name: string;
  readonly township: string;
  readonly county: string | null;
}

/** The live villages of the scope, ordered as db/dashboard orders them. */
export function reportVillages(sqlite: Sqlite, villageIds: readonly string[]): ReportVillage[] {
  return sqlite
    .prepare(
      `SELECT id, coalesce(name, '') AS name, coalesce(township, '') AS township, county FROM villages
       WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY township, name, id`,
    )
    .all(JSON.stringify(villageIds)) as ReportVillage[];
}

/** Only the named parameters a statement uses (better-sqlite3 refuses unused ones). */
export function bind(sql: string, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)));
}

export interface VillageRow<R> {
  readonly village: ReportVillage;
  readonly row: R;
}

/**
 * `sql` (with `@village`) run for each village in turn, its rows streamed with `.iterate()`.
 * The statement is prepared once; the generator holds one open cursor at a time.
 */
export function* perVillage<R>(sqlite: Sqlite, sql: string, p: PeriodParams, villages: readonly ReportVillage[], extra: Record<string, unknown> = {}): Generator<VillageRow<R>> {
  const statement = sqlite.prepare(sql);
  for (const village of villages) {
    const params = bind(sql, { ...p, ...extra, village: village.id });
    for (const row of statement.iterate(params) as IterableIterator<R>) yield { village, row };
  }
}

/** A count over the scope (a progress estimate, and a check that nothing was lost). */
export function countOf(sqlite: Sqlite, sql: string, p: PeriodParams, extra: Record<string, unknown> = {}): number {
  return Number(sqlite.prepare(sql).pluck().get(bind(sql, { ...p, ...extra })) ?? 0);
}

/**
 * A record of a household (a visit, a monitoring record) counts no more than its household: not
 * once the household is deleted — the dashboards' rule. `h` is the record's household, LEFT JOINed.
 */
export function householdStands(alias: string): string {
  return `(${alias}.household_id IS NULL OR h.id IS NULL OR h.deleted_at IS NULL)`;
}
