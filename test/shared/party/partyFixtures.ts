// One candidate's history that keeps every rule, as rows a form would send: the tests of the
// member-development rules break it one rule at a time.
import { z } from 'zod';
import { DEFAULT_PARTY_CLOCKS, type PartyClocks } from '../../../shared/domain/party/clocks';
import type { StepKind } from '../../../shared/domain/party/enums';
import { checkStepRecord, stepFields } from '../../../shared/domain/party/records';
import { checkStep, type CandidateFacts, type StepToCheck, type StepVerdict } from '../../../shared/domain/party/stepRules';

export interface Step extends StepToCheck {
  readonly meeting?: string | null;
  readonly eligibleVoters?: number | null;
  readonly votesFor?: number | null;
  readonly votesAgainst?: number | null;
  readonly votesAbstain?: number | null;
  readonly contactName?: string | null;
  readonly cadreName?: string | null;
  readonly deputyName?: string | null;
  readonly secretaryName?: string | null;
  readonly organiserName?: string | null;
}

const vote = { meeting: 'branchAssembly', eligibleVoters: 20, votesFor: 15, votesAgainst: 2, votesAbstain: 1 };
const township = { deputyName: '李副书记', secretaryName: '赵书记', organiserName: '钱组织员' };

/** Application to full member, each step signed, in the order and with the gaps the rules ask. */
export const HAPPY: readonly Step[] = [
  { step: 'application', stepDate: '2023-03-01' },
  { step: 'talk', stepDate: '2023-03-20', cadreName: '孙干部' },
  { step: 'activist', stepDate: '2023-05-10', meeting: 'branchCommittee', contactName: '周联系人', cadreName: '孙干部' },
  { step: 'evaluation', stepDate: '2024-04-01', score: 86, contactName: '周联系人', cadreName: '孙干部' },
  { step: 'target', stepDate: '2024-06-01', meeting: 'branchCommittee', cadreName: '孙干部', deputyName: '李副书记' },
  { step: 'review', stepDate: '2024-08-01', cadreName: '孙干部', deputyName: '李副书记' },
  { step: 'training', startedOn: '2024-09-01', stepDate: '2024-09-03', organiserName: '钱组织员' },
  { step: 'admission', stepDate: '2024-11-01', approvalOn: '2024-12-01', ...vote, ...township },
  { step: 'conversion', stepDate: '2025-11-05', approvalOn: '2025-12-01', ...vote, ...township },
];

const CANDIDATE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
export const TODAY = '2026-12-01';
export const ADULT: CandidateFacts = { birthYear: 1995, idNumber: null, hasRecord: false };

/** The history up to (not including) the first step of `kind`. */
export function before(kind: StepKind, history: readonly Step[] = HAPPY): Step[] {
  const i = history.findIndex((s) => s.step === kind);
  return history.slice(0, i < 0 ? history.length : i);
}

/** The happy step of `kind`, changed by `change`. */
export function happy(kind: StepKind, change: Partial<Step> = {}): Step {
  const s = HAPPY.find((h) => h.step === kind);
  if (!s) throw new Error(`no happy ${kind}`);
  return { ...s, ...change };
}

export interface Judge {
  readonly candidate?: CandidateFacts;
  readonly clocks?: PartyClocks;
  readonly family?: boolean;
  readonly today?: string;
}

/** Both checks a write meets: the row alone, then the row against the candidate's other steps. */
export function judge(others: readonly Step[], step: Step, options: Judge = {}): StepVerdict & { row: string[] } {
  const parsed = z.strictObject(stepFields).safeParse({ candidateId: CANDIDATE, ...step });
  const row = parsed.success ? checkStepRecord(parsed.data).map((i) => i.message) : parsed.error.issues.map((i) => i.message);
  const verdict = checkStep({
    candidate: options.candidate ?? ADULT,
    others,
    step,
    clocks: options.clocks ?? DEFAULT_PARTY_CLOCKS,
    family: options.family ?? false,
    today: options.today ?? TODAY,
  });
  return { ...verdict, row };
}

/** The message keys a step is refused or asked about with, row checks first. */
export function messages(others: readonly Step[], step: Step, options: Judge = {}): { refused: string[]; late: string[] } {
  const v = judge(others, step, options);
  return { refused: [...v.row, ...v.refusals.map((i) => i.message)], late: v.late.map((i) => i.message) };
}
