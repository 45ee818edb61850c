// Validation messages are i18n keys, not sentences: the renderer translates them (zh-CN first)
// and shows them next to the field; the main process returns the same keys when it refuses.
import { z } from 'zod';

export const V = {
  required: 'validation.required',
  tooLong: 'validation.tooLong',
  divisionCode: 'validation.divisionCode',
  oneVillage: 'validation.oneVillage',
  invalid: 'validation.invalid',
  uuid: 'validation.uuid',
  duplicateVillage: 'validation.duplicateVillage',
  unknownField: 'validation.unknownField',
} as const;

export type ValidationKey = (typeof V)[keyof typeof V];

/** For a choice (enum): nothing chosen is "required", a value not on the list is "invalid". */
export function choiceError(issue: { input?: unknown }): string {
  return issue.input === undefined || issue.input === null ? V.required : V.invalid;
}

/** Text a person must type: trimmed, not empty, at most `max` characters. */
export function requiredText(max: number) {
  return z
    .string({ error: V.required })
    .trim()
    .min(1, { error: V.required })
    .max(max, { error: V.tooLong });
}

/** Text a person may leave empty: trimmed, empty becomes null. */
export function optionalText(max: number) {
  return z
    .string({ error: V.invalid })
    .trim()
    .max(max, { error: V.tooLong })
    .nullish()
    .transform((s) => (s ? s : null));
}

/** UUIDv7 (or any RFC 9562 UUID) in lowercase text, as every synced row id is. */
export const rowId = z.string({ error: V.uuid }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: V.uuid });
