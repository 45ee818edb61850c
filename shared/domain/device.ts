// Who this installation belongs to: set once on first run, then fixed for the device's life.
import { z } from 'zod';
import { enumValues, type LabelledEnum } from './labels';
import { choiceError, optionalText, requiredText, V } from './validation';
import { divisionCode } from './village';

export const ROLE_LABELS = {
  secretary: { zh: '驻村第一书记', en: 'First secretary' },
  coordinator: { zh: '镇街协调员', en: 'Township coordinator' },
} as const satisfies LabelledEnum<string>;
export type Role = keyof typeof ROLE_LABELS;
export const role = z.enum(enumValues(ROLE_LABELS), { error: choiceError });

/** The level of the unit that sent the secretary (派出单位层级). */
export const UNIT_LEVEL_LABELS = {
  province: { zh: '省直单位', en: 'Provincial' },
  city: { zh: '市直单位', en: 'City' },
  county: { zh: '县直单位', en: 'County' },
  soe: { zh: '国有企业', en: 'State-owned enterprise' },
  township: { zh: '乡镇', en: 'Township' },
} as const satisfies LabelledEnum<string>;
export type UnitLevel = keyof typeof UNIT_LEVEL_LABELS;
export const unitLevel = z.enum(enumValues(UNIT_LEVEL_LABELS), { error: choiceError });

export const setupVillage = z.strictObject({
  name: requiredText(40),
  code: divisionCode.optional(),
});

export const deviceSetupInput = z
  .strictObject({
    role,
    name: requiredText(20),
    unit: requiredText(60),
    unitLevel,
    township: requiredText(40),
    county: optionalText(40),
    villages: z.array(setupVillage).max(200, { error: V.tooLong }).default([]),
  })
  .superRefine((value, ctx) => {
    // A secretary is posted to a village; a coordinator's scope is the whole township.
    if (value.role === 'secretary' && value.villages.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['villages'], message: V.oneVillage });
    }
  });
export type DeviceSetupInput = z.input<typeof deviceSetupInput>;

export const deviceProfile = z.object({
  deviceId: z.string(),
  role,
  name: z.string(),
  unit: z.string(),
  unitLevel,
  township: z.string(),
  county: z.string().nullable(),
  villageIds: z.array(z.string()),
  keyFingerprint: z.string(),
  demo: z.boolean(),
});
export type DeviceProfile = z.infer<typeof deviceProfile>;

export const deviceStatus = z.discriminatedUnion('setUp', [
  z.object({ setUp: z.literal(false) }),
  z.object({ setUp: z.literal(true), profile: deviceProfile }),
]);
export type DeviceStatus = z.infer<typeof deviceStatus>;
