// The flat records of member development and reserve cadres: a candidate, one row per step of a
// candidate (with its meeting, vote, signatures and paper-archive number), and a reserve cadre
// (a cadre's trainings are declared with their ledger, shared/domain/ledgers/reserve.ts). The
// checks here read one record alone.
import { z } from 'zod';
import type { ApiIssue } from '../../api/result';
import { optionalIdNumber } from '../ledgers/households';
import { choice, choiceError, count, isoDate, optionalChoice, optionalIsoDate, optionalPhone, optionalText, requiredText, rowId, V } from '../validation';
import { EXTENSION_MONTHS } from './clocks';
import { CHANNEL_LABELS, EDUCATION_LABELS, MEETING_LABELS, OUTCOME_LABELS, SEX_LABELS, SIGNERS, STEP_LABELS, type StepKind } from './enums';
import { P } from './messages';
import { APPROVED_STEPS, MEETING_OF, SIGNOFFS, VOTED_STEPS } from './stages';

const birthYear = z.number({ error: choiceError }).int({ error: V.wholeNumber }).min(0, { error: V.notNegative }).min(1920, { error: V.year }).max(2100, { error: V.year });
const optionalCount = (max: number) => count(max).nullish().transform((n) => n ?? null);

export const candidateFields = {
  name: requiredText(20),
  sex: choice(SEX_LABELS),
  birthYear,
  /** The household the candidate belongs to: candidates of one household are one family (家族化). */
  householdId: rowId.nullish().transform((id) => id ?? null),
  occupation: optionalText(40),
  education: optionalChoice(EDUCATION_LABELS),
  /** A past disciplinary or criminal record: each next stage waits for a prior filing (事前备案). */
  hasRecord: z.boolean({ error: V.invalid }).default(false),
  idNumber: optionalIdNumber,
  phone: optionalPhone(),
  recordNote: optionalText(200),
  notes: optionalText(500),
};

export const stepFields = {
  candidateId: rowId,
  step: choice(STEP_LABELS),
  /** The day of the step: the meeting that decided it, the talk, the end of the training. */
  stepDate: isoDate(),
  meeting: optionalChoice(MEETING_LABELS),
  /** The yearly evaluation's score out of 100. */
  score: z.number({ error: V.invalid }).finite({ error: V.invalid }).min(0, { error: V.notNegative }).max(100, { error: V.tooLarge }).nullish().transform((n) => n ?? null),
  /** The township party committee's approval of a decision taken at the branch meeting. */
  approvalOn: optionalIsoDate(),
  /** Where the signed forms are kept on paper (档案号), until scans can be attached. */
  archiveRef: optionalText(40),
  /** The first day of a training. */
  startedOn: optionalIsoDate(),
  eligibleVoters: optionalCount(1000),
  votesFor: optionalCount(1000),
  votesAgainst: optionalCount(1000),
  votesAbstain: optionalCount(1000),
  extensionMonths: z
    .number({ error: V.invalid })
    .int({ error: V.wholeNumber })
    .min(0, { error: V.notNegative })
    .min(EXTENSION_MONTHS.min, { error: P.extensionRange })
    .max(EXTENSION_MONTHS.max, { error: P.extensionRange })
    .nullish()
    .transform((n) => n ?? null),
  /** The party committee's follow-up visit to an eliminated candidate. */
  followUpOn: optionalIsoDate(),
  contactName: optionalText(20),
  cadreName: optionalText(20),
  deputyName: optionalText(20),
  secretaryName: optionalText(20),
  organiserName: optionalText(20),
  notes: optionalText(500),
};

type StepRecord = Partial<z.output<z.ZodObject<typeof stepFields>>>;

/** Fields that belong to some steps only; given on another they are a slip. */
const ONLY_ON: Partial<Record<keyof typeof stepFields, readonly StepKind[]>> = {
  score: ['evaluation'],
  startedOn: ['training'],
  extensionMonths: ['extension'],
  followUpOn: ['elimination'],
  approvalOn: APPROVED_STEPS,
};

const VOTE_FIELDS = ['eligibleVoters', 'votesFor', 'votesAgainst', 'votesAbstain'] as const;

/** What one step row must hold by itself: its meeting, its vote, its signatures, its own fields. */
export function checkStepRecord(s: StepRecord): ApiIssue[] {
  const kind = s.step;
  if (!kind) return [];
  const issues: ApiIssue[] = [];
  for (const [field, steps] of Object.entries(ONLY_ON)) {
    const value = s[field as keyof StepRecord];
    if (value !== null && value !== undefined && !steps.includes(kind)) issues.push({ path: [field], message: P.notForStep });
  }
  if (kind === 'evaluation' && typeof s.score !== 'number') issues.push({ path: ['score'], message: V.required });
  if (kind === 'extension' && typeof s.extensionMonths !== 'number') issues.push({ path: ['extensionMonths'], message: P.extensionRange });
  if (kind === 'elimination' && !s.followUpOn) issues.push({ path: ['followUpOn'], message: P.followUpMissing });
  if (kind === 'training') {
    if (!s.startedOn) issues.push({ path: ['startedOn'], message: V.required });
    else if (s.stepDate && s.startedOn > s.stepDate) issues.push({ path: ['startedOn'], message: V.dateOrder });
  }
  if (s.stepDate && s.followUpOn && s.followUpOn < s.stepDate) issues.push({ path: ['followUpOn'], message: V.dateOrder });
  if (s.stepDate && s.approvalOn && s.approvalOn < s.stepDate) issues.push({ path: ['approvalOn'], message: P.approvalBeforeMeeting });
  const meeting = MEETING_OF[kind];
  if (meeting && s.meeting !== meeting) issues.push({ path: ['meeting'], message: P.meetingWrong });
  // A vote is recorded where the branch general meeting votes; a committee's listing may carry its own.
  const voted = VOTED_STEPS.includes(kind);
  if (voted || kind === 'activist' || kind === 'target') issues.push(...voteIssues(s, voted));
  else for (const field of VOTE_FIELDS) if (s[field] !== null && s[field] !== undefined) issues.push({ path: [field], message: P.notForStep });
  for (const signer of SIGNERS) {
    if (SIGNOFFS[kind].includes(signer) && !s[signer]) issues.push({ path: [signer], message: P.signoffMissing });
  }
  return issues;
}

/**
 * 细则第二十四条: more than half of the members entitled to vote attend, and more than half of
 * them (of all entitled, not of those present) vote for it.
 */
function voteIssues(s: StepRecord, required: boolean): ApiIssue[] {
  const given = VOTE_FIELDS.some((f) => typeof s[f] === 'number');
  if (!given && !required) return [];
  if (typeof s.eligibleVoters !== 'number' || s.eligibleVoters < 1) return [{ path: ['eligibleVoters'], message: P.voteMissing }];
  if (typeof s.votesFor !== 'number') return [{ path: ['votesFor'], message: P.voteMissing }];
  const present = s.votesFor + (s.votesAgainst ?? 0) + (s.votesAbstain ?? 0);
  if (present > s.eligibleVoters) return [{ path: ['votesFor'], message: P.votesTooMany }];
  if (present * 2 <= s.eligibleVoters) return [{ path: ['votesFor'], message: P.quorumFailed }];
  if (s.votesFor * 2 <= s.eligibleVoters) return [{ path: ['votesFor'], message: P.voteFailed }];
  return [];
}

export const cadreFields = {
  name: requiredText(20),
  sex: choice(SEX_LABELS),
  birthYear,
  channel: choice(CHANNEL_LABELS),
  recommendedOn: isoDate(),
  outcome: choice(OUTCOME_LABELS),
  /** When they joined the village committees or left the reserve. */
  outcomeOn: optionalIsoDate(),
  /** The secretary who mentors them (一对一联系培养). */
  mentor: optionalText(20),
  recommendedBy: optionalText(40),
  education: optionalChoice(EDUCATION_LABELS),
  /** What they do now (村民小组长, 返乡创业, 合作社负责人…). */
  occupation: optionalText(40),
  idNumber: optionalIdNumber,
  phone: optionalPhone(),
  /** The post taken, or why they left. */
  outcomeNote: optionalText(100),
  notes: optionalText(500),
};

type CadreRecord = Partial<z.output<z.ZodObject<typeof cadreFields>>>;

/** Reserve cadres are adults; a village committee member at least 18 (村委会组织法第十三条). */
export function checkCadreRecord(c: CadreRecord): ApiIssue[] {
  const issues: ApiIssue[] = [];
  if (c.outcome && c.outcome !== 'training' && !c.outcomeOn) issues.push({ path: ['outcomeOn'], message: V.required });
  if (c.outcome === 'training' && c.outcomeOn) issues.push({ path: ['outcomeOn'], message: P.outcomeOnTraining });
  if (c.recommendedOn && c.outcomeOn && c.outcomeOn < c.recommendedOn) issues.push({ path: ['outcomeOn'], message: V.dateOrder });
  if (c.recommendedOn && typeof c.birthYear === 'number' && Number(c.recommendedOn.slice(0, 4)) - c.birthYear < 18) {
    issues.push({ path: ['birthYear'], message: P.cadreUnderAge });
  }
  return issues;
}
