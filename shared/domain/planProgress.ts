// A plan's progress: done / target when it has both numbers (the target above zero), computed
// rather than typed; a plan without numbers keeps its typed status. A plan whose done value has
// reached its target counts as done wherever plans are counted, as one marked done does.
export interface PlanNumbers {
  readonly targetValue?: unknown;
  readonly actualValue?: unknown;
}

/** done / target (may pass 1), or null when the plan has no numbers to compute it from. */
export function planProgress(plan: PlanNumbers): number | null {
  const { targetValue: target, actualValue: done } = plan;
  return typeof target === 'number' && target > 0 && typeof done === 'number' ? done / target : null;
}

/** Progress as a whole percent for reading ("60%"), or null. */
export function progressPercent(plan: PlanNumbers): number | null {
  const ratio = planProgress(plan);
  return ratio === null ? null : Math.round(ratio * 100);
}
