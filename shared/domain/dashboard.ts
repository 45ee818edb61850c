// What the dashboards show: the measures of a village over a period, a township's villages side
// by side, a district's townships, and the headline figures in the form a district reports them.
// Every figure is computed by SQL in the main process (db/dashboard); these are the shapes it
// crosses the contract in. Money is integer fen; ratios are 0..1 or null when there is nothing
// to divide by (no households, no plans, nothing received), never a made-up zero.
import { z } from 'zod';
import { isoDate, rowId, V } from './validation';

/** The longest custom period: a three-year term with a year to spare. */
export const MAX_PERIOD_DAYS = 4 * 366;

const period = {
  from: isoDate(),
  to: isoDate(),
};

function periodChecked<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...period, ...shape }).superRefine((value, ctx) => {
    const v = value as { from: string; to: string };
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: V.dateOrder });
    else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: V.periodTooLong });
  });
}

export const townshipName = z.string({ error: V.invalid }).trim().min(1, { error: V.required }).max(40, { error: V.tooLong });

/** One village, or (no villageId) every village this device keeps. */
export const villageDashboardInput = periodChecked({ villageId: rowId.optional() });
/** One township's villages; without a name, this device's own township (a coordinator's). */
export const townshipDashboardInput = periodChecked({ township: townshipName.optional() });
/** Every township this device keeps, side by side. */
export const districtDashboardInput = periodChecked({});

export type VillageDashboardInput = z.input<typeof villageDashboardInput>;
export type TownshipDashboardInput = z.input<typeof townshipDashboardInput>;
export type DistrictDashboardInput = z.input<typeof districtDashboardInput>;

const count = z.number().int().nonnegative();
const fen = z.number().int();
const ratio = z.number().min(0).nullable();
const days = z.number().nonnegative();

/**
 * The measures of one village (or a sum of villages) over a period. The reference day is the
 * period's end, or today when the period runs past it: "this month" and "this year" are its
 * month and year, and "overdue" is judged on it. Deleted rows never count, nor a visit, need or
 * monitoring record of a deleted household, nor money of a deleted project.
 */
export const measures = z.object({
  households: count,
  /** Households with at least one visit in the period: each counted once. */
  visitedHouseholds: count,
  visits: count,
  /** visitedHouseholds / households. */
  coverage: ratio,
  /** Needs raised in the period: the day of the visit that raised them (while it stands), else
   *  the China day they were first recorded — and never after the day they were closed as done. */
  needsRaised: count,
  /** Needs closed as done on a day in the period. */
  needsSolved: count,
  /** Needs raised by the reference day and not done by it (however long ago raised). */
  needsOpen: count,
  /** Open needs whose due date is before the reference day. */
  needsOverdue: count,
  /** Plans of the period's years, and those done. */
  plans: count,
  plansDone: count,
  planCompletion: ratio,
  /** Diary days marked 在村 in the reference month and in its year up to the reference day;
   *  for several villages, the mean per village. */
  presenceMonthDays: days,
  presenceYearDays: days,
  /** Approved leave days falling in the reference month and in its year, up to the reference day. */
  leaveMonthDays: days,
  leaveYearDays: days,
  /** Diary entries in the reference month. */
  diaryMonthEntries: days,
  /** The villages' projects as they stand (stage and budget now, whatever the period). */
  projects: count,
  budgetFen: fen,
  /** Money received (到位) and spent (支出) on the village's projects up to the period's end. */
  receivedFen: fen,
  spentFen: fen,
  /** spentFen / receivedFen. */
  spentRatio: ratio,
  /** Commitments of the period's years: fulfilled, not yet due, past due. */
  commitments: count,
  commitmentsDone: count,
  commitmentsOverdue: count,
  /** Households under monitoring on the reference day (begun by then: the home check, else the
   *  day recorded; risk not cleared by then), and those whose 15-day clock ran out: more than 15
   *  days from the home check with no county decision, as the monitoring ledger's clock counts. */
  monitored: count,
  monitoringOverdue: count,
});
export type Measures = z.infer<typeof measures>;

export const villageRow = measures.extend({
  villageId: z.string(),
  name: z.string(),
  township: z.string().nullable(),
  /** The secretary whose term covers the reference day, where the ledger says. */
  secretary: z.string().nullable(),
});
export type VillageRow = z.infer<typeof villageRow>;

export const townshipRow = measures.extend({
  township: z.string(),
  villages: count,
});
export type TownshipRow = z.infer<typeof townshipRow>;

/**
 * The headline figures: a district's words, each with what stands behind it. Counted over the
 * period: households visited, plans and commitments of its years, needs solved, projects begun in
 * it past 储备; reported on the indicators of its years: reserve cadres trained (summed), a venue
 * rebuilt (once a village).
 */
export const HEADLINE_KEYS = ['visitedHouseholds', 'reserveCadres', 'venuesRebuilt', 'plans', 'projectsIntroduced', 'commitments', 'needsSolved'] as const;
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

export const headlineFigure = z.object({
  key: z.enum(HEADLINE_KEYS),
  /** null: the ledgers cannot answer it (not zero). */
  value: z.number().int().nonnegative().nullable(),
  /** For 引进项目: the money received (到位) in the period on the villages' projects, whenever they
   *  began — what a district reports as 引进资金 — in fen. */
  moneyFen: fen.nullable(),
  /**
   * counted: from the records themselves; reported: from a count a person entered on the yearly
   * indicators; partial: some villages have not entered it (see missingVillages);
   * unanswered: nothing in the ledgers answers it.
   */
  basis: z.enum(['counted', 'reported', 'partial', 'unanswered']),
  /** Villages with nothing entered for it (partial, unanswered). */
  missingVillages: z.array(z.string()),
});
export type HeadlineFigure = z.infer<typeof headlineFigure>;

export const PROJECT_STAGES = ['reserve', 'approved', 'building', 'finished', 'accepted'] as const;

const scopeFacts = {
  from: z.string(),
  to: z.string(),
  /** The day "this month", "this year" and "overdue" are judged on. */
  referenceDay: z.string(),
  presenceThreshold: z.number().int(),
};

export const villageDashboard = z.object({
  ...scopeFacts,
  /** The villages counted (one, or all this device keeps). */
  villages: z.array(z.object({ id: z.string(), name: z.string() })),
  totals: measures,
  rows: z.array(villageRow),
  visitsByMonth: z.array(z.object({ month: z.string(), visits: count, households: count })),
  overdueNeeds: z.array(
    z.object({ id: z.string(), villageId: z.string(), villageName: z.string(), content: z.string(), dueDate: z.string(), owner: z.string().nullable(), household: z.string().nullable(), daysOverdue: count }),
  ),
  /** How many overdue needs there are beyond the list (it holds the 50 oldest). */
  overdueNeedsMore: count,
  /** The township's duties in its order, then any others plans hold; progress is the mean of the plans' (0–1), null without plans. */
  plansByDuty: z.array(z.object({ duty: z.string(), plans: count, done: count, progress: z.number().nullable() })),
  projectsByStage: z.array(z.object({ stage: z.enum(PROJECT_STAGES), projects: count, budgetFen: fen })),
  projectMoney: z.array(
    z.object({ id: z.string(), villageId: z.string(), name: z.string(), status: z.string(), budgetFen: fen, receivedFen: fen, spentFen: fen }),
  ),
  /** Money up to the period's end by source; most received first, ties by source, no source last. */
  moneyBySource: z.array(z.object({ source: z.string().nullable(), receivedFen: fen, spentFen: fen })),
  commitmentsDue: count,
  monitoring: z.array(
    z.object({
      id: z.string(),
      villageId: z.string(),
      villageName: z.string(),
      household: z.string().nullable(),
      monitorType: z.string(),
      homeCheckDate: z.string().nullable(),
      /** The procedure's last step reached. */
      stage: z.enum(['reported', 'checked', 'posted', 'reviewed', 'decided']),
      /** Days left of the 15 from home check to county decision; negative when overdue; null once decided or not started. */
      daysLeft: z.number().int().nullable(),
    }),
  ),
  indicatorsByYear: z.array(
    z.object({ year: z.number().int(), villages: count, collectiveIncomeFen: fen.nullable(), operatingFundsFen: fen.nullable(), belowFundsLine: count }),
  ),
  headline: z.array(headlineFigure),
});
export type VillageDashboard = z.infer<typeof villageDashboard>;

export const townshipDashboard = z.object({
  ...scopeFacts,
  township: z.string(),
  totals: measures,
  rows: z.array(villageRow),
  headline: z.array(headlineFigure),
});
export type TownshipDashboard = z.infer<typeof townshipDashboard>;

export const districtDashboard = z.object({
  ...scopeFacts,
  totals: measures,
  rows: z.array(townshipRow),
  headline: z.array(headlineFigure),
});
export type DistrictDashboard = z.infer<typeof districtDashboard>;

/** The lines a coordinator draws: a cell is green past `good`, red short of `poor`, amber between. */
export const THRESHOLD_MEASURES = ['coverage', 'needsOverdue', 'presenceMonthDays', 'planCompletion', 'spentRatio'] as const;
export type ThresholdMeasure = (typeof THRESHOLD_MEASURES)[number];

/** Whether more of a measure is better (coverage) or worse (overdue needs). */
export const HIGHER_IS_BETTER: Record<ThresholdMeasure, boolean> = {
  coverage: true,
  needsOverdue: false,
  presenceMonthDays: true,
  planCompletion: true,
  spentRatio: true,
};

/** A line pair: green at or past `green`, red at or past `red` the other way, amber between. */
export interface ThresholdPair {
  readonly green: number;
  readonly red: number;
}
export type Thresholds = Record<ThresholdMeasure, ThresholdPair>;
export type Rag = 'green' | 'amber' | 'red' | 'none';

/**
 * The colour of a cell. Ratios are compared as percentages (a coordinator types 80, not 0.8);
 * days in the village against the day counts; overdue needs against counts, fewer being better.
 */
export function ragOf(measure: ThresholdMeasure, value: number | null, thresholds: Thresholds): Rag {
  if (value === null) return 'none';
  const v = measure === 'coverage' || measure === 'planCompletion' || measure === 'spentRatio' ? value * 100 : value;
  const { green, red } = thresholds[measure];
  if (HIGHER_IS_BETTER[measure]) return v >= green ? 'green' : v < red ? 'red' : 'amber';
  return v <= green ? 'green' : v > red ? 'red' : 'amber';
}

/** The count fields of the measures (everything but the ratios). */
export type MeasureCounts = Omit<Measures, 'coverage' | 'planCompletion' | 'spentRatio'>;

const PRESENCE_FIELDS = ['presenceMonthDays', 'presenceYearDays', 'leaveMonthDays', 'leaveYearDays', 'diaryMonthEntries'] as const;

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The ratios, worked out from the counts (so a sum of villages divides sums, never averages ratios). */
export function withRatios<T extends MeasureCounts>(counts: T): T & Pick<Measures, 'coverage' | 'planCompletion' | 'spentRatio'> {
  return {
    ...counts,
    coverage: share(counts.visitedHouseholds, counts.households),
    planCompletion: share(counts.plansDone, counts.plans),
    spentRatio: share(counts.spentFen, counts.receivedFen),
  };
}

/**
 * Several villages as one: counts and money add up; days in the village and diary entries are
 * each secretary's own, so several villages show the mean per village (one decimal).
 */
export function sumMeasures(rows: readonly MeasureCounts[]): Measures {
  const keys = Object.keys(measures.shape).filter((k) => k !== 'coverage' && k !== 'planCompletion' && k !== 'spentRatio') as (keyof MeasureCounts)[];
  const total = Object.fromEntries(keys.map((k) => [k, rows.reduce((sum, row) => sum + row[k], 0)])) as MeasureCounts;
  for (const field of PRESENCE_FIELDS) total[field] = rows.length ? Math.round((total[field] / rows.length) * 10) / 10 : 0;
  return withRatios(total);
}
