// How plans count in the figures (shared/domain/planProgress.ts): done when marked done or when
// the done value has reached the target; a plan's progress is done / target (at most 1) when it
// has numbers, else 1 when done and 0 when not, so a duty's progress is the mean of its plans'.
const HAS_NUMBERS = (x: string) => `(${x}.target_value > 0 AND ${x}.actual_value IS NOT NULL)`;

/** 1 when the plan (alias `x`) is done, else 0. */
export const planDone = (x: string) => `(${x}.status = 'done' OR (${HAS_NUMBERS(x)} AND ${x}.actual_value >= ${x}.target_value))`;

/** The plan's progress from 0 to 1. */
export const planProgressSql = (x: string) =>
  `(CASE WHEN ${HAS_NUMBERS(x)} THEN min(1.0, ${x}.actual_value * 1.0 / ${x}.target_value) WHEN ${x}.status = 'done' THEN 1.0 ELSE 0.0 END)`;
