// Which step may follow which, and where a candidate stands after the steps recorded so far:
// 递交入党申请书 → 确定入党积极分子 → 列为发展对象 → 接收预备党员 → 预备党员转正, or out by
// 淘汰 (before admission), 延长预备期 once or 取消资格 (during probation).
import { addPeriod, type PartyClocks, SCORE_LINES } from './clocks';
import type { Meeting, Signer, Stage, StepKind } from './enums';

/** The steps that move a candidate to a stage. */
export const STAGE_OF: Partial<Record<StepKind, Stage>> = {
  application: 'applicant',
  activist: 'activist',
  target: 'target',
  admission: 'probationary',
  extension: 'probationary',
  conversion: 'member',
  disqualification: 'disqualified',
  elimination: 'eliminated',
};

export function isStageStep(kind: StepKind): boolean {
  return STAGE_OF[kind] !== undefined;
}

/** The stage steps that may follow a stage ('none': nothing recorded yet). */
export const NEXT_STAGES: Record<Stage | 'none', readonly StepKind[]> = {
  none: ['application'],
  applicant: ['activist', 'elimination'],
  activist: ['target', 'elimination'],
  target: ['admission', 'elimination'],
  probationary: ['conversion', 'extension', 'disqualification'],
  member: [],
  disqualified: [],
  eliminated: [],
};

/** The stages a step within a stage may be recorded in. */
export const EVENT_STAGES: Partial<Record<StepKind, readonly Stage[]>> = {
  talk: ['applicant'],
  evaluation: ['activist', 'target'],
  review: ['target'],
  training: ['target'],
  familyReport: ['applicant', 'activist', 'target', 'probationary'],
  recordFiling: ['applicant', 'activist', 'target', 'probationary'],
};

export const CLOSED_STAGES: readonly Stage[] = ['member', 'disqualified', 'eliminated'];

/** The meeting that decides a step (细则: the branch committee lists, the branch general meeting votes). */
export const MEETING_OF: Partial<Record<StepKind, Meeting>> = {
  activist: 'branchCommittee',
  target: 'branchCommittee',
  elimination: 'branchCommittee',
  admission: 'branchAssembly',
  extension: 'branchAssembly',
  conversion: 'branchAssembly',
  disqualification: 'branchAssembly',
};

/** The steps decided by a vote of the branch general meeting: their figures must be recorded. */
export const VOTED_STEPS: readonly StepKind[] = ['admission', 'extension', 'conversion', 'disqualification'];

/** The steps the township party committee approves after the meeting (a date within `approvalWithin`). */
export const APPROVED_STEPS: readonly StepKind[] = ['admission', 'conversion', 'extension', 'disqualification'];

/**
 * Who signs each step off: the village (mentor, political work cadre), the deputy secretary in
 * charge, and the party committee's secretary and organiser — the model county's three levels.
 */
export const SIGNOFFS: Record<StepKind, readonly Signer[]> = {
  application: [],
  talk: ['cadreName'],
  activist: ['contactName', 'cadreName'],
  evaluation: ['contactName', 'cadreName'],
  target: ['cadreName', 'deputyName'],
  review: ['cadreName', 'deputyName'],
  training: ['organiserName'],
  admission: ['deputyName', 'secretaryName', 'organiserName'],
  extension: ['secretaryName'],
  conversion: ['secretaryName', 'organiserName'],
  disqualification: ['secretaryName'],
  elimination: ['secretaryName'],
  familyReport: ['deputyName'],
  recordFiling: ['deputyName'],
};

/** Order of steps on one day: a prior report or filing first, then the stages in their order. */
const RANK: Record<StepKind, number> = {
  familyReport: 0,
  recordFiling: 0,
  application: 1,
  talk: 2,
  activist: 3,
  evaluation: 4,
  target: 5,
  review: 6,
  training: 7,
  admission: 8,
  extension: 9,
  conversion: 10,
  disqualification: 10,
  elimination: 10,
};

/** The fields of a step row the rules read. */
export interface StepFacts {
  readonly step: StepKind;
  readonly stepDate: string;
  readonly score?: number | null;
  readonly startedOn?: string | null;
  readonly extensionMonths?: number | null;
}

/** Whether `a` comes before `b` in a candidate's history. */
export function stepBefore(a: StepFacts, b: StepFacts): boolean {
  return a.stepDate !== b.stepDate ? a.stepDate < b.stepDate : RANK[a.step] < RANK[b.step];
}

export function inOrder<T extends StepFacts>(steps: readonly T[]): T[] {
  return [...steps].sort((a, b) => (stepBefore(a, b) ? -1 : stepBefore(b, a) ? 1 : 0));
}

export interface CandidateState {
  readonly stage: Stage | 'none';
  /** The date of the last stage step. */
  readonly since: string | null;
  /** The first date each stage step was recorded on. */
  readonly dates: Partial<Record<StepKind, string>>;
  readonly extended: boolean;
  /** When probation ends (admission + probation + any extension); null before admission. */
  readonly probationDue: string | null;
  /** The last evaluation, if any. */
  readonly lastEvaluation: { readonly date: string; readonly score: number } | null;
}

/** Where the steps leave a candidate, read in their order. */
export function candidateState(steps: readonly StepFacts[], clocks: PartyClocks): CandidateState {
  let stage: Stage | 'none' = 'none';
  let since: string | null = null;
  let extensionMonths = 0;
  let lastEvaluation: CandidateState['lastEvaluation'] = null;
  const dates: Partial<Record<StepKind, string>> = {};
  for (const s of inOrder(steps)) {
    dates[s.step] ??= s.stepDate;
    const next = STAGE_OF[s.step];
    if (next) {
      stage = next;
      since = s.stepDate;
    }
    if (s.step === 'extension') extensionMonths += s.extensionMonths ?? 0;
    if (s.step === 'evaluation' && typeof s.score === 'number') lastEvaluation = { date: s.stepDate, score: s.score };
  }
  // The anniversary of the meeting that admitted, moved by any extension.
  const probationDue = dates.admission ? addPeriod(addPeriod(dates.admission, clocks.probation), { count: extensionMonths, unit: 'month' }) : null;
  return { stage, since, dates, extended: dates.extension !== undefined, probationDue, lastEvaluation };
}

export type ScoreBand = 'eligible' | 'continue' | 'eliminate';

/** 80 or more may be listed as a development target; 60 to under 80 train on; under 60 are eliminated. */
export function scoreBand(score: number): ScoreBand {
  if (score >= SCORE_LINES.eligible) return 'eligible';
  return score >= SCORE_LINES.continue ? 'continue' : 'eliminate';
}
