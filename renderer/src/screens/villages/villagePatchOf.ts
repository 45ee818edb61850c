// What an edit changed: the village form's values against the row as loaded, trimmed the way
// the schema trims, so villages.update receives only the fields a person really changed.
import type { Village } from '../../../../shared/domain/village';

export const VILLAGE_FIELDS = ['name', 'code', 'township', 'county', 'notes'] as const;
export type VillageField = (typeof VILLAGE_FIELDS)[number];
export type VillageFormValues = Partial<Record<VillageField, string | null>>;
export type VillagePatchDraft = Partial<Record<VillageField, string | null>>;

/** Fields a person may leave empty: empty text means "none" (null), as the schema reads it. */
const OPTIONAL: ReadonlySet<VillageField> = new Set(['code', 'county', 'notes']);

export function villagePatchOf(village: Village, values: VillageFormValues): VillagePatchDraft {
  const patch: VillagePatchDraft = {};
  for (const field of VILLAGE_FIELDS) {
    const raw = values[field];
    const text = typeof raw === 'string' ? raw.trim() : '';
    const next = text === '' && OPTIONAL.has(field) ? null : text;
    if (next !== (village[field] ?? null)) patch[field] = next;
  }
  return patch;
}

/** The form's starting values for a village (null shown as an empty box). */
export function villageFormValues(village: Village): VillageFormValues {
  return {
    name: village.name,
    code: village.code ?? '',
    township: village.township,
    county: village.county ?? '',
    notes: village.notes ?? '',
  };
}
