// Local settings of this installation. The days-in-village threshold is set by each township
// (often 20 days a month); the device keeps the one its township uses. The dashboard lines are
// the coordinator's: where a village's cell turns green, amber or red.
import { z } from 'zod';
import { THRESHOLD_MEASURES, type Thresholds } from './dashboard';
import { STANDARD_DUTIES } from './duties';
import { partyClockCounts, partyClockSettings } from './party/clocks';
import { V } from './validation';

export const presenceThreshold = z
  .number({ error: V.invalid })
  .int({ error: V.wholeNumber })
  .min(1, { error: V.invalid })
  .max(31, { error: V.tooLarge });

const line = z.number({ error: (issue) => (issue.input === undefined ? V.required : V.invalid) }).finite({ error: V.invalid }).min(0, { error: V.notNegative }).max(1000, { error: V.tooLarge });
const pair = z.strictObject({ green: line, red: line }, { error: (issue) => (issue.input === undefined ? V.required : V.invalid) });

/** Percent for ratios, days for presence, a count for overdue needs. */
export const dashboardThresholds = z
  .strictObject(Object.fromEntries(THRESHOLD_MEASURES.map((m) => [m, pair])) as Record<(typeof THRESHOLD_MEASURES)[number], typeof pair>)
  .superRefine((value, ctx) => {
    for (const measure of THRESHOLD_MEASURES) {
      const { green, red } = value[measure];
      // Fewer overdue needs are better: its green line sits below its red one; the others above.
      const wrongWay = measure === 'needsOverdue' ? green > red : green < red;
      if (wrongWay) ctx.addIssue({ code: 'custom', path: [measure, 'green'], message: V.thresholdOrder });
    }
  });

export const DEFAULT_THRESHOLDS: Thresholds = {
  coverage: { green: 80, red: 50 },
  needsOverdue: { green: 0, red: 3 },
  presenceMonthDays: { green: 20, red: 15 },
  planCompletion: { green: 80, red: 50 },
  spentRatio: { green: 70, red: 40 },
};

/** Days a need raised on a visit has before it is due, unless the person gives a due date. */
export const needDueDays = z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(365, { error: V.tooLarge });

export const settings = z.object({ presenceThreshold, dashboardThresholds, needDueDays });
export type Settings = z.infer<typeof settings>;

export const DEFAULT_SETTINGS: Settings = { presenceThreshold: 20, dashboardThresholds: DEFAULT_THRESHOLDS, needDueDays: 30 };

// The township's settings (db/sync/townshipSettings.ts): its coordinator signs them, sync carries
// them to every secretary, read-only there. The plan duties are the township scheme's names; the
// member-development clocks (shared/domain/party/clocks.ts) are the rules' periods as it sets them.
export const DEFAULT_DUTIES: readonly string[] = STANDARD_DUTIES.map((d) => d.word);
export const MAX_DUTIES = 8;
export const dutyName = z.string({ error: V.invalid }).trim().min(2, { error: V.invalid }).max(20, { error: V.tooLong });
export const duties = z
  .array(dutyName, { error: V.invalid })
  .min(1, { error: V.required })
  .max(MAX_DUTIES, { error: V.tooLarge })
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [i], message: V.invalid });
    });
  });

export const settingsPatch = z.strictObject({
  presenceThreshold: presenceThreshold.optional(),
  dashboardThresholds: dashboardThresholds.optional(),
  needDueDays: needDueDays.optional(),
  duties: duties.optional(),
  /** The township's member-development clocks, all at once: one left out is the rules' default. */
  partyClocks: partyClockSettings.optional(),
});

/** settings.get: the effective values, the duties, and whose the township's are. */
export const settingsView = settings.extend({
  duties: z.array(z.string()),
  /** The member-development clocks in force: the township's, else the rules' defaults. */
  partyClocks: partyClockCounts,
  township: z.object({
    name: z.string().nullable(),
    /** Who set them (null: nobody yet, the defaults apply) and when. */
    issuerName: z.string().nullable(),
    issuedAt: z.string().nullable(),
    /** This device keeps the whole township (a coordinator, a district): it may set them. */
    mayChange: z.boolean(),
  }),
});
export type SettingsView = z.infer<typeof settingsView>;
