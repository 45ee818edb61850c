// The rule clocks of member development, each a period with the default the rules set
// (中国共产党发展党员工作细则) that a township may change: the shape of its setting, its
// defaults, and the calendar arithmetic the checks use.
import { z } from 'zod';
import { V } from '../validation';

export const PERIOD_UNITS = ['day', 'month'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** A length of time in whole days or calendar months (a year is 12 months). */
export const period = z.strictObject({
  count: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(120, { error: V.tooLarge }),
  unit: z.enum(PERIOD_UNITS, { error: V.invalid }),
});
export type Period = z.infer<typeof period>;

export const CLOCKS = [
  'talkWithin',
  'activistAtLeast',
  'evaluationValidFor',
  'trainingAtLeast',
  'probation',
  'approvalWithin',
  'conversionWithin',
  'villageTargetWithin',
] as const;
export type Clock = (typeof CLOCKS)[number];

/** A township's clocks: every one named, so a setting cannot leave one out. */
export const partyClocks = z.strictObject(Object.fromEntries(CLOCKS.map((c) => [c, period])) as Record<Clock, typeof period>);
export type PartyClocks = z.infer<typeof partyClocks>;

export const DEFAULT_PARTY_CLOCKS: PartyClocks = {
  /** 细则第十条: the branch sends someone to talk with the applicant within a month of the application. */
  talkWithin: { count: 1, unit: 'month' },
  /** 细则第十四条: an activist is trained and observed for more than a year before being listed. */
  activistAtLeast: { count: 12, unit: 'month' },
  /** The yearly scored evaluation speaks for a year: a listing needs one no older than that. */
  evaluationValidFor: { count: 12, unit: 'month' },
  /** 细则第十六条: the concentrated training is as a rule no shorter than 3 days (24 class hours). */
  trainingAtLeast: { count: 3, unit: 'day' },
  /** 细则第二十九条: a probation of one year, counted from the branch meeting that admitted. */
  probation: { count: 12, unit: 'month' },
  /** 细则第二十五、三十三条: the party committee above approves within three months of the meeting. */
  approvalWithin: { count: 3, unit: 'month' },
  /** 细则第三十条 asks the branch to discuss a due conversion "in time": a month unless the township says otherwise. */
  conversionWithin: { count: 1, unit: 'month' },
  /** 三年发展一名: every village admits at least one new member within three years. */
  villageTargetWithin: { count: 36, unit: 'month' },
};

/** 细则第三十一条: an extension of probation is at least half a year and at most a year, once. */
export const EXTENSION_MONTHS = { min: 6, max: 12 } as const;

/** The scored evaluation's lines (100 points): at 80 a listing, from 60 more training, under 60 out. */
export const SCORE_LINES = { eligible: 80, continue: 60 } as const;

/** Full years at the application (党章第一条: eighteen). */
export const MIN_AGE = 18;

/** `iso` moved by `p` (negative `sign` goes back). A month from 31 January is the last day of February. */
export function addPeriod(iso: string, p: Period, sign: 1 | -1 = 1): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (p.unit === 'day') return new Date(Date.UTC(y, m - 1, d + sign * p.count)).toISOString().slice(0, 10);
  const months = m - 1 + sign * p.count;
  const lastDay = new Date(Date.UTC(y, months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Days from `start` to `end`, both counted (a training from the 1st to the 3rd is 3 days). */
export function daysBetweenInclusive(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Whether a span from `start` to `end` (both days counted) lasts at least `p`: 1–3 March is 3 days. */
export function lastsAtLeast(start: string, end: string, p: Period): boolean {
  return addPeriod(start, p) <= addPeriod(end, { count: 1, unit: 'day' });
}

/** How far a township may move each clock, in its default's unit (months, or days for the training). */
export const CLOCK_BOUNDS: Record<Clock, { readonly min: number; readonly max: number }> = {
  talkWithin: { min: 1, max: 6 },
  activistAtLeast: { min: 1, max: 36 },
  evaluationValidFor: { min: 1, max: 24 },
  trainingAtLeast: { min: 1, max: 30 },
  probation: { min: 1, max: 24 },
  approvalWithin: { min: 1, max: 12 },
  conversionWithin: { min: 1, max: 12 },
  villageTargetWithin: { min: 12, max: 120 },
};

/** A clock as the township sets it: a whole number of its default's unit, within its bounds. */
export function clockSetting(clock: Clock) {
  const { min, max } = CLOCK_BOUNDS[clock];
  return z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(min, { error: V.clockTooShort }).max(max, { error: V.clockTooLong });
}

/** The clocks a township declares: each optional, one left out keeps the rules' default. */
export const partyClockSettings = z.strictObject(
  Object.fromEntries(CLOCKS.map((c) => [c, clockSetting(c).optional()])) as Record<Clock, z.ZodOptional<ReturnType<typeof clockSetting>>>,
  { error: V.invalid },
);
export type PartyClockSettings = Partial<Record<Clock, number>>;

/** Every clock's count in force (settings.get). */
export const partyClockCounts = z.strictObject(Object.fromEntries(CLOCKS.map((c) => [c, z.number()])) as Record<Clock, z.ZodNumber>);
export type PartyClockCounts = z.infer<typeof partyClockCounts>;

export const DEFAULT_CLOCK_COUNTS: PartyClockCounts = Object.fromEntries(CLOCKS.map((c) => [c, DEFAULT_PARTY_CLOCKS[c].count])) as PartyClockCounts;

/**
 * The clocks a declaration means: each one it sets (a whole number within bounds) in its default's
 * unit, the rules' default for the rest — also for a name this version does not know or a value it
 * cannot use, so a declaration from a newer Cunji still means what it can.
 */
export function clocksOf(declared: Readonly<Record<string, unknown>> | null | undefined): PartyClocks {
  return Object.fromEntries(
    CLOCKS.map((c) => {
      const set = clockSetting(c).safeParse(declared?.[c]);
      return [c, set.success ? { count: set.data, unit: DEFAULT_PARTY_CLOCKS[c].unit } : DEFAULT_PARTY_CLOCKS[c]];
    }),
  ) as PartyClocks;
}

/** The counts of `clocks` (settings.get shows them against the defaults). */
export function clockCounts(clocks: PartyClocks): PartyClockCounts {
  return Object.fromEntries(CLOCKS.map((c) => [c, clocks[c].count])) as PartyClockCounts;
}
