// party.targets: each village's "at least one new member in three years" (三年发展一名), as the
// candidates screen shows it for the villages in scope; party.status: each listed candidate's stage.
import { z } from 'zod';
import { rowId, V } from '../validation';

export const villageTargetList = z.object({
  /** The first day of the window that ends today. */
  since: z.string(),
  items: z.array(
    z.object({
      villageId: z.string(),
      villageName: z.string(),
      /** Admissions (接收预备党员) in the window. */
      admitted: z.number(),
      lastAdmission: z.string().nullable(),
      met: z.boolean(),
    }),
  ),
});
export type VillageTargetList = z.infer<typeof villageTargetList>;

/** party.status: where each candidate on a list page stands today, and what its clocks say. */
export const candidateStatusInput = z.strictObject({
  ids: z.array(rowId, { error: V.invalid }).max(500, { error: V.tooLarge }),
});

export const candidateStatusList = z.object({
  items: z.array(
    z.object({
      candidateId: z.string(),
      /** A STAGE_LABELS key, or 'none' before the application is recorded. */
      stage: z.string(),
      since: z.string().nullable(),
      /** The next step a clock asks for, and the day it is due by. */
      due: z.object({ step: z.string(), by: z.string() }).nullable(),
      overdue: z.boolean(),
      /** An activist may be listed as a development target from this day. */
      targetFrom: z.string().nullable(),
      probationDue: z.string().nullable(),
    }),
  ),
});
export type CandidateStatusList = z.infer<typeof candidateStatusList>;
