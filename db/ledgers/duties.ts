// What the duty rules read (electron/services/ledgers/duties.ts): the township a village belongs
// to, and the duty or duty tags a stored record holds now.
import type { Sqlite } from '../open';

export function townshipOfVillage(sqlite: Sqlite, villageId: string): string | null {
  return (sqlite.prepare('SELECT township FROM villages WHERE id = ?').pluck().get(villageId) as string | null | undefined) ?? null;
}

/** A stored plan's duty (null when none, or no such plan). */
export function storedPlanDuty(sqlite: Sqlite, planId: string): string | null {
  return (sqlite.prepare('SELECT duty FROM plans WHERE id = ?').pluck().get(planId) as string | null | undefined) ?? null;
}

/** A stored diary entry's duty tags ([] when none, or no such entry). */
export function storedDiaryTags(sqlite: Sqlite, entryId: string): unknown[] {
  const text = sqlite.prepare('SELECT duty_tags FROM diary_entries WHERE id = ?').pluck().get(entryId) as string | null | undefined;
  if (!text) return [];
  try {
    const tags = JSON.parse(text) as unknown;
    return Array.isArray(tags) ? tags : [];
  } catch {
    return [];
  }
}
