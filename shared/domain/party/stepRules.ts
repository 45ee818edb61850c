// Whether a step may be recorded for a candidate, given the steps already there: the order of the
// stages, the clocks (too early is refused; late is asked about, so a late fact can still be kept
// once a person confirms it), the scored evaluation, what admission waits for, and the model
// county's checks (one family: a prior report; a past record: a prior filing before each stage).
import type { ApiIssue } from '../../api/result';
import { V } from '../validation';
import { addPeriod, lastsAtLeast, MIN_AGE, type PartyClocks } from './clocks';
import type { StepKind } from './enums';
import { P } from './messages';
import {
  candidateState, CLOSED_STAGES, EVENT_STAGES, inOrder, isStageStep, NEXT_STAGES, scoreBand, stepBefore, type CandidateState, type StepFacts,
} from './stages';

export interface CandidateFacts {
  readonly birthYear: number;
  readonly idNumber: string | null;
  readonly hasRecord: boolean;
}

export interface StepToCheck extends StepFacts {
  readonly approvalOn?: string | null;
  readonly followUpOn?: string | null;
}

export interface StepCheck {
  readonly candidate: CandidateFacts;
  /** The candidate's other steps (an edited step is left out). */
  readonly others: readonly StepFacts[];
  readonly step: StepToCheck;
  readonly clocks: PartyClocks;
  /** Another candidate of the same village is of the same household (家族化). */
  readonly family: boolean;
  /** China's today. */
  readonly today: string;
}

export interface StepVerdict {
  /** The rules the step breaks: it is not stored. */
  readonly refusals: ApiIssue[];
  /** Clocks it is late on: stored once a person confirms. */
  readonly late: ApiIssue[];
}

const at = (message: string, field = 'stepDate'): ApiIssue => ({ path: [field], message });

/** The steps that move a candidate on and so, for a candidate with a past record, wait for a fresh filing. */
const FILED_STAGES: readonly StepKind[] = ['activist', 'target', 'admission', 'conversion'];

export function checkStep(check: StepCheck): StepVerdict {
  const { step, others, clocks, today } = check;
  const future = (['stepDate', 'approvalOn', 'followUpOn'] as const).filter((f) => typeof step[f] === 'string' && step[f]! > today);
  if (future.length) return { refusals: future.map((f) => at(V.futureDate, f)), late: [] };
  const before = others.filter((o) => stepBefore(o, step));
  const state = candidateState(before, clocks);
  const order = orderIssue(check, state);
  if (order) return { refusals: [order], late: [] };
  const refusals = [...clockRefusals(check, state, before), ...priorChecks(check, before)];
  return { refusals, late: refusals.length ? [] : lateSteps(check, state, before) };
}

/** The step's place: after the right stage, once, not after the candidate is out, in date order. */
function orderIssue({ step, others, clocks, candidate }: StepCheck, state: CandidateState): ApiIssue | null {
  if (state.stage !== 'none' && CLOSED_STAGES.includes(state.stage)) return at(P.candidateClosed);
  if (isStageStep(step.step)) {
    const taken = others.some((o) => o.step === step.step);
    if (taken) return at(step.step === 'extension' ? P.extensionTwice : P.stageTaken);
    if (!NEXT_STAGES[state.stage].includes(step.step)) {
      // The stage it follows is there, but on a later day: the date is what is wrong.
      const whole = candidateState(others, clocks);
      return whole.since && NEXT_STAGES[whole.stage].includes(step.step) ? at(P.beforePrevious) : at(P.stageOrder, 'step');
    }
    if (step.step === 'application' && underAge(candidate, step.stepDate)) return at(P.underAge);
    return null;
  }
  const stages = EVENT_STAGES[step.step] ?? [];
  if (state.stage === 'none' || !stages.includes(state.stage)) return at(P.stageOrder, 'step');
  return null;
}

/** With an ID number, to the day; with a birth year only, refused when no birthday in it could make 18. */
function underAge(candidate: CandidateFacts, date: string): boolean {
  const id = candidate.idNumber;
  if (id && id.length === 18) {
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    return addPeriod(birth, { count: MIN_AGE * 12, unit: 'month' }) > date;
  }
  return Number(date.slice(0, 4)) - candidate.birthYear < MIN_AGE;
}

/** Too early, or not yet earned: the clocks and the evaluation. */
function clockRefusals({ step, others, clocks }: StepCheck, state: CandidateState, before: readonly StepFacts[]): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const date = step.stepDate;
  switch (step.step) {
    case 'activist':
      if (!before.some((s) => s.step === 'talk')) issues.push(at(P.talkMissing));
      break;
    case 'evaluation':
      if (others.some((o) => o.step === 'evaluation' && o.stepDate.slice(0, 4) === date.slice(0, 4))) issues.push(at(P.evaluationTwice));
      break;
    case 'training':
      if (step.startedOn && step.startedOn <= date && !lastsAtLeast(step.startedOn, date, clocks.trainingAtLeast)) issues.push(at(P.trainingTooShort, 'startedOn'));
      break;
    case 'target': {
      const since = state.dates.activist!;
      if (date < addPeriod(since, clocks.activistAtLeast)) issues.push(at(P.activistTooSoon));
      const evaluation = state.lastEvaluation;
      if (!evaluation || evaluation.date < addPeriod(date, clocks.evaluationValidFor, -1)) issues.push(at(P.evaluationMissing));
      else if (scoreBand(evaluation.score) === 'continue') issues.push(at(P.scoreContinue));
      break;
    }
    case 'admission': {
      const listed = state.dates.target!;
      if (!before.some((s) => s.step === 'review' && s.stepDate >= listed)) issues.push(at(P.reviewMissing));
      if (!before.some((s) => s.step === 'training' && (s.startedOn ?? s.stepDate) >= listed)) issues.push(at(P.trainingMissing));
      break;
    }
    case 'extension':
    case 'conversion':
      if (state.probationDue && date < state.probationDue) issues.push(at(P.probationNotDue));
      break;
    default:
  }
  // Under 60 the candidate is eliminated: nothing moves them on but the elimination.
  if (isStageStep(step.step) && step.step !== 'elimination' && state.lastEvaluation && scoreBand(state.lastEvaluation.score) === 'eliminate') {
    issues.push(at(P.scoreEliminate));
  }
  return issues;
}

/** The model county's checks: one family's candidates are reported first; a past record is filed before each stage. */
function priorChecks({ step, candidate, family }: StepCheck, before: readonly StepFacts[]): ApiIssue[] {
  const issues: ApiIssue[] = [];
  if (family && (step.step === 'target' || step.step === 'admission') && !before.some((s) => s.step === 'familyReport')) {
    issues.push(at(P.familyReportMissing));
  }
  if (candidate.hasRecord && FILED_STAGES.includes(step.step)) {
    // A filing made for an earlier stage does not carry over: it must come after the current one.
    const ordered = inOrder(before);
    const current = ordered.map((s) => isStageStep(s.step)).lastIndexOf(true);
    if (!ordered.slice(current + 1).some((s) => s.step === 'recordFiling')) issues.push(at(P.recordFilingMissing));
  }
  return issues;
}

/** Past a deadline: the talk, the committee's approval, the discussion of a due conversion. */
function lateSteps({ step, clocks }: StepCheck, state: CandidateState, before: readonly StepFacts[]): ApiIssue[] {
  const late: ApiIssue[] = [];
  const applied = state.dates.application;
  if (step.step === 'talk' && applied && !before.some((s) => s.step === 'talk') && step.stepDate > addPeriod(applied, clocks.talkWithin)) {
    late.push(at(P.talkLate));
  }
  if (step.approvalOn && step.approvalOn > addPeriod(step.stepDate, clocks.approvalWithin)) late.push(at(P.approvalLate, 'approvalOn'));
  if ((step.step === 'conversion' || step.step === 'extension') && state.probationDue && step.stepDate > addPeriod(state.probationDue, clocks.conversionWithin)) {
    late.push(at(P.conversionLate));
  }
  return late;
}
