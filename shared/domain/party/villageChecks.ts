// The checks a township makes across candidates and villages: several candidates of one family in
// one village (家族化, reported before they move on), each village's "at least one new member in
// three years", the next deadline of each candidate, and the reserve cadres a year counts.
import { addPeriod, type PartyClocks } from './clocks';
import type { Stage } from './enums';
import { candidateState, CLOSED_STAGES, scoreBand, type ScoreBand, type StepFacts } from './stages';

export interface CandidateKey {
  readonly id: string;
  readonly villageId: string;
  readonly householdId: string | null;
}

/** The candidates who share a household with another candidate of their village, each with the size of that family. */
export function familyGroups(candidates: readonly CandidateKey[]): Map<string, number> {
  const byFamily = new Map<string, string[]>();
  for (const c of candidates) {
    if (!c.householdId) continue;
    const key = `${c.villageId}\u0000${c.householdId}`;
    byFamily.set(key, [...(byFamily.get(key) ?? []), c.id]);
  }
  const flagged = new Map<string, number>();
  for (const ids of byFamily.values()) if (ids.length > 1) for (const id of ids) flagged.set(id, ids.length);
  return flagged;
}

export interface VillageTarget {
  readonly villageId: string;
  /** Admissions (接收预备党员) within the window ending today. */
  readonly admitted: number;
  readonly lastAdmission: string | null;
  /** The first day of the window. */
  readonly since: string;
  readonly met: boolean;
}

/** Every village admits at least one new member within `villageTargetWithin` (three years by default). */
export function villageTargets(
  villageIds: readonly string[],
  admissions: readonly { villageId: string; date: string }[],
  clocks: PartyClocks,
  today: string,
): VillageTarget[] {
  const since = addPeriod(today, clocks.villageTargetWithin, -1);
  return villageIds.map((villageId) => {
    const mine = admissions.filter((a) => a.villageId === villageId && a.date <= today);
    const inWindow = mine.filter((a) => a.date >= since);
    const lastAdmission = mine.reduce<string | null>((last, a) => (last === null || a.date > last ? a.date : last), null);
    return { villageId, admitted: inWindow.length, lastAdmission, since, met: inWindow.length > 0 };
  });
}

export type Deadline = 'talk' | 'conversion';

export interface CandidateStatus {
  readonly stage: Stage | 'none';
  readonly since: string | null;
  /** The next step a clock waits for and its last day; null when none does. */
  readonly due: { readonly step: Deadline; readonly by: string } | null;
  readonly overdue: boolean;
  /** The earliest day an activist may be listed as a development target. */
  readonly targetFrom: string | null;
  readonly band: ScoreBand | null;
  readonly probationDue: string | null;
}

/** Where a candidate stands today and what the clocks say about it, for the list and the dashboard. */
export function candidateStatus(steps: readonly StepFacts[], clocks: PartyClocks, today: string): CandidateStatus {
  const state = candidateState(steps, clocks);
  let due: CandidateStatus['due'] = null;
  const open = state.stage !== 'none' && !CLOSED_STAGES.includes(state.stage);
  if (state.stage === 'applicant' && !steps.some((s) => s.step === 'talk') && state.dates.application) {
    due = { step: 'talk', by: addPeriod(state.dates.application, clocks.talkWithin) };
  } else if (state.stage === 'probationary' && state.probationDue) {
    due = { step: 'conversion', by: addPeriod(state.probationDue, clocks.conversionWithin) };
  }
  return {
    stage: state.stage,
    since: state.since,
    due: open ? due : null,
    overdue: open && due !== null && today > due.by,
    targetFrom: state.stage === 'activist' && state.dates.activist ? addPeriod(state.dates.activist, clocks.activistAtLeast) : null,
    band: state.lastEvaluation && (state.stage === 'activist' || state.stage === 'target') ? scoreBand(state.lastEvaluation.score) : null,
    probationDue: state.stage === 'probationary' ? state.probationDue : null,
  };
}

export interface CadreSpan {
  readonly recommendedOn: string;
  readonly outcome: 'training' | 'entered' | 'exited';
  readonly outcomeOn: string | null;
}

/**
 * The reserve cadres a village trained in a year (the indicators ledger's 培养后备干部): those on
 * its reserve at some time that year — recommended by its end, not left or promoted before it began.
 */
export function reserveCadresInYear(cadres: readonly CadreSpan[], year: number): number {
  const [start, end] = [`${year}-01-01`, `${year}-12-31`];
  return cadres.filter((c) => c.recommendedOn <= end && (c.outcome === 'training' || !c.outcomeOn || c.outcomeOn >= start)).length;
}
