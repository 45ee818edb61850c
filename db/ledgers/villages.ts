// The villages a device keeps, read from the villages ledger: the live ones in a scope, one's
// township, how many there are. Services ask these; the SQL stays here.
import type { Sqlite } from '../open';

/** What a device keeps: whole townships (a coordinator's, a district's) and villages by id. */
export interface VillageScope {
  readonly townships: readonly string[];
  readonly villageIds: readonly string[];
}

/** The ids of the live villages of the scope: those of its townships, and those it names. */
export function liveVillagesOf(sqlite: Sqlite, scope: VillageScope): string[] {
  return sqlite
    .prepare('SELECT id FROM villages WHERE deleted_at IS NULL AND (township IN (SELECT value FROM json_each(?)) OR id IN (SELECT value FROM json_each(?)))')
    .pluck()
    .all(JSON.stringify(scope.townships), JSON.stringify(scope.villageIds)) as string[];
}

/** The ids of those of the named villages that are live. */
export function liveVillagesAmong(sqlite: Sqlite, villageIds: readonly string[]): string[] {
  return sqlite.prepare('SELECT id FROM villages WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(villageIds)) as string[];
}

/** How many live villages the ledger holds. */
export function liveVillageCount(sqlite: Sqlite): number {
  return sqlite.prepare('SELECT count(*) FROM villages WHERE deleted_at IS NULL').pluck().get() as number;
}

/** A live village's township: undefined when there is no such live village, null when it has none. */
export function liveVillageTownship(sqlite: Sqlite, villageId: string): string | null | undefined {
  return sqlite.prepare('SELECT township FROM villages WHERE id = ? AND deleted_at IS NULL').pluck().get(villageId) as string | null | undefined;
}

/** A village's name as the ledger holds it, deleted or not (undefined when there is no such row). */
export function villageNameOf(sqlite: Sqlite): (villageId: string) => string | null | undefined {
  const name = sqlite.prepare('SELECT name FROM villages WHERE id = ?').pluck();
  return (villageId) => name.get(villageId) as string | null | undefined;
}
