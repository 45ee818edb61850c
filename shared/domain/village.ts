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

/**
 * What an edit of a village may be asked to confirm: `villageMove`, a change of township (the
 * village leaves one township's coordinator and must be confirmed by the other's).
 */
export const VILLAGE_CONFIRMATIONS = ['villageMove'] as const;
export type VillageConfirmation = (typeof VILLAGE_CONFIRMATIONS)[number];

export const villageUpdate = z.strictObject({
  id: rowId,
  patch: villagePatch,
  confirm: z.array(z.enum(VILLAGE_CONFIRMATIONS, { error: V.invalid }), { error: V.invalid }).max(VILLAGE_CONFIRMATIONS.length).optional(),
});
export type VillageUpdate = z.input<typeof villageUpdate>;

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

/**
 * A village's change of township made on another device, held on this one (which keeps whole
 * townships) until a person here confirms it or keeps the village where it was.
 */
export const villageMove = z.object({
  id: z.number().int(),
  villageId: z.string(),
  villageName: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  origin: z.string(),
  originName: z.string().nullable(),
  at: z.string(),
});
export type VillageMove = z.infer<typeof villageMove>;
/** A village this device's townships had, now in another township: out of its lists, still in its database. */
export const villageMovedAway = z.object({
  villageId: z.string(),
  villageName: z.string().nullable(),
  from: z.string(),
  to: z.string().nullable(),
});
export type VillageMovedAway = z.infer<typeof villageMovedAway>;
export const villageMoveList = z.object({ items: z.array(villageMove), movedAway: z.array(villageMovedAway) });

/** `confirm` merges the move; `keep` leaves the village in its township and says so to the mover. */
export const villageMoveDecision = z.strictObject({
  id: z.number({ error: V.invalid }).int({ error: V.invalid }).positive({ error: V.invalid }),
  decision: z.enum(['confirm', 'keep'], { error: (issue) => (issue.input === undefined ? V.required : V.invalid) }),
});
export const villageMoveResult = z.object({ villageId: z.string(), township: z.string() });
