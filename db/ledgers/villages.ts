// The villages ledger as the services read it: the live villages in a scope, one's row, name or
// township, how many there are, whether a name is taken. Services ask these; the SQL stays here.
import { sql } from 'kysely';
import type { Sqlite } from '../open';
import { all, first } from '../query';
import type { VillageRow } from '../schema';
import { sqlBuilder } from '../sqlBuilder';

const live = () => sqlBuilder.selectFrom('villages').selectAll().where('deleted_at', 'is', null);

/** A live village's row (undefined when there is none). */
export function liveVillageRow(sqlite: Sqlite, id: string): VillageRow | undefined {
  return first(sqlite, live().where('id', '=', id));
}

/** Whether a live village of the township other than `exceptId` bears the name. */
export function villageNameTaken(sqlite: Sqlite, name: string, township: string, exceptId: string | null): boolean {
  let query = live().select('id').where('name', '=', name).where('township', '=', township);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return first(sqlite, query) !== undefined;
}

/** The live villages among `ids`, those whose name contains `search` when given, by township then name. */
export function listLiveVillages(sqlite: Sqlite, ids: readonly string[], search: string | null): VillageRow[] {
  let query = live().where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  if (search) query = query.where(sql<boolean>`name LIKE ${likePattern(search)} ESCAPE '\\'`);
  return all(sqlite, query.orderBy('township').orderBy('name').orderBy('id'));
}

/** `%text%` with LIKE's own wildcards in the text taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

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
