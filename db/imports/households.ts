// What an import from a spreadsheet looks up: the live households of a village by their head's
// name, so a visit or a need in a file finds the household it is about; and the village's roster
// (households and members), so a roster row of a household already kept adds to it.
import type { Sqlite } from '../open';

export interface HouseholdKey {
  readonly id: string;
  readonly villagerGroup: string | null;
}

/** Live households of a village, grouped by the head's name (spaces removed). */
export function householdsByHead(sqlite: Sqlite, villageId: string): Map<string, HouseholdKey[]> {
  const rows = sqlite
    .prepare('SELECT id, head_name AS headName, villager_group AS villagerGroup FROM households WHERE village_id = ? AND deleted_at IS NULL')
    .all(villageId) as { id: string; headName: string; villagerGroup: string | null }[];
  const byHead = new Map<string, HouseholdKey[]>();
  for (const row of rows) {
    const key = row.headName.replace(/\s+/g, '');
    const list = byHead.get(key) ?? [];
    list.push({ id: row.id, villagerGroup: row.villagerGroup });
    byHead.set(key, list);
  }
  return byHead;
}

export interface KnownMember {
  readonly householdId: string;
  readonly name: string;
  readonly idNumber: string | null;
  readonly relation: string | null;
}

export interface VillageRoster {
  /** Live members of live households, by ID number. */
  readonly byIdNumber: ReadonlyMap<string, KnownMember>;
  /** Live members of each live household. */
  readonly byHousehold: ReadonlyMap<string, readonly KnownMember[]>;
  /** Each live household's head and group. */
  readonly households: ReadonlyMap<string, { readonly headName: string; readonly villagerGroup: string | null }>;
}

/** The village's live households and their live members, read once for an import of its roster. */
export function villageRoster(sqlite: Sqlite, villageId: string): VillageRoster {
  const members = sqlite
    .prepare(
      `SELECT m.household_id AS householdId, m.name AS name, m.id_number AS idNumber, m.relation AS relation
         FROM household_members m JOIN households h ON h.id = m.household_id
        WHERE m.village_id = ? AND m.deleted_at IS NULL AND h.deleted_at IS NULL`,
    )
    .all(villageId) as KnownMember[];
  const households = sqlite
    .prepare('SELECT id, head_name AS headName, villager_group AS villagerGroup FROM households WHERE village_id = ? AND deleted_at IS NULL')
    .all(villageId) as { id: string; headName: string; villagerGroup: string | null }[];
  const byIdNumber = new Map<string, KnownMember>();
  const byHousehold = new Map<string, KnownMember[]>();
  for (const m of members) {
    if (m.idNumber) byIdNumber.set(m.idNumber, m);
    const list = byHousehold.get(m.householdId) ?? [];
    list.push(m);
    byHousehold.set(m.householdId, list);
  }
  return { byIdNumber, byHousehold, households: new Map(households.map((h) => [h.id, { headName: h.headName, villagerGroup: h.villagerGroup }])) };
}
