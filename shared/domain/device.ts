// Who this installation belongs to: set once on first run, then fixed for the device's life.
import { z } from 'zod';
import { enumValues, type LabelledEnum } from './labels';
import { choiceError, isoDate, optionalText, requiredText, V } from './validation';
import { divisionCode } from './village';

export const ROLE_LABELS = {
  secretary: { zh: '驻村第一书记', en: 'First secretary' },
  coordinator: { zh: '镇街协调员', en: 'Township coordinator' },
  // The district / city organisation department, one level up, merging township files.
  district: { zh: '区县组织部', en: 'District organisation department' },
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

/** How many townships one district device may keep (a district has a few dozen at most). */
export const MAX_DISTRICT_TOWNSHIPS = 60;

export const deviceSetupInput = z
  .strictObject({
    role,
    name: requiredText(20),
    unit: requiredText(60),
    unitLevel,
    /** A secretary's or coordinator's township (required for them; a district lists `townships`). */
    township: optionalText(40),
    /** A district's townships, the first being its own; only a district has several. */
    townships: z.array(requiredText(40), { error: V.invalid }).max(MAX_DISTRICT_TOWNSHIPS, { error: V.tooLong }).default([]),
    county: optionalText(40),
    villages: z.array(setupVillage).max(200, { error: V.tooLong }).default([]),
    /** A secretary's term in her villages began on this day (her own 驻村书记 record); today when not given. */
    termStart: isoDate().optional(),
  })
  .superRefine((value, ctx) => {
    // A secretary is posted to a village; a coordinator's scope is the whole township.
    if (value.role === 'secretary' && value.villages.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['villages'], message: V.oneVillage });
    }
  })
  .superRefine(
    (value, ctx) => {
      // Runs even when other fields were refused, so an empty form names the township fields
      // too; a field refused already may hold its raw input here, hence the checks on shape.
      const townships = Array.isArray(value.townships) ? value.townships : [];
      if (value.role !== 'district') {
        if (!value.township) ctx.addIssue({ code: 'custom', path: ['township'], message: V.required });
        // Several townships on a secretary's or coordinator's device would be silently dropped.
        if (townships.length > 0) ctx.addIssue({ code: 'custom', path: ['townships'], message: V.townshipsDistrictOnly });
        return;
      }
      // A district's scope is its townships: none would leave it seeing nothing.
      if (townships.length === 0 && Array.isArray(value.townships)) ctx.addIssue({ code: 'custom', path: ['townships'], message: V.oneTownship });
      townships.forEach((name, i) => {
        if (townships.indexOf(name) < i) ctx.addIssue({ code: 'custom', path: ['townships', i], message: V.duplicateTownship });
      });
      // The township field, if a district sends one too, must be one of its townships.
      if (typeof value.township === 'string' && value.township && !townships.includes(value.township)) {
        ctx.addIssue({ code: 'custom', path: ['township'], message: V.townshipNotListed });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type DeviceSetupInput = z.input<typeof deviceSetupInput>;

export const deviceProfile = z.object({
  deviceId: z.string(),
  role,
  name: z.string(),
  unit: z.string(),
  unitLevel,
  /** The device's own township (a district's first). */
  township: z.string(),
  /** A district's townships, its whole scope; absent for a secretary or coordinator. */
  townships: z.array(z.string()).optional(),
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

/** Whether the role keeps whole townships (every village of them) rather than its own villages. */
export function keepsWholeTownships(role: Role): boolean {
  return role !== 'secretary';
}

/** The townships a profile keeps: a district's list, anyone else's own township. */
export function townshipsOf(profile: Pick<DeviceProfile, 'township' | 'townships'>): string[] {
  return profile.townships ?? [profile.township];
}
