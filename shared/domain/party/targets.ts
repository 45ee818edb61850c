// party.targets: each village's "at least one new member in three years" (三年发展一名), as the
// candidates screen shows it for the villages in scope.
import { z } from 'zod';

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
