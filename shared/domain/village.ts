// The assisted village (帮扶村): the unit every ledger row belongs to and the unit of scope.
import { z } from 'zod';
import { optionalText, requiredText, rowId, V } from './validation';

/** 12-digit statistical division code (统计用区划代码), e.g. 370102001001. */
export const divisionCode = z
  .string({ error: V.divisionCode })
  .trim()
  .regex(/^(\d{12})?$/, { error: V.divisionCode })
  .nullish()
  .transform((s) => (s ? s : null));

export const villageFields = {
  name: requiredText(40),
  code: divisionCode,
  township: requiredText(40),
  county: optionalText(40),
  notes: optionalText(2000),
};

export const villageInput = z.strictObject(villageFields);
export type VillageInput = z.input<typeof villageInput>;

export const villagePatch = z.strictObject({
  name: villageFields.name.optional(),
  code: divisionCode.optional(),
  township: villageFields.township.optional(),
  county: villageFields.county.optional(),
  notes: villageFields.notes.optional(),
});

export const village = z.object({
  id: rowId,
  name: z.string(),
  code: z.string().nullable(),
  township: z.string(),
  county: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Village = z.infer<typeof village>;
