// What an import from a spreadsheet looks up: the live households of a village by their head's
// name, so a visit or a need in a file finds the household it is about.
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
