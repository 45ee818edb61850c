// The member-development rules on one candidate: the order of the stages, every clock, the
// scored evaluation, what admission waits for, and the prior report and filing — each refusal
// named by the rule it applies.
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../shared/domain/idNumber';
import { DEFAULT_PARTY_CLOCKS } from '../../../shared/domain/party/clocks';
import { STEP_LABELS, type StepKind } from '../../../shared/domain/party/enums';
import { P } from '../../../shared/domain/party/messages';
import { isStageStep, NEXT_STAGES } from '../../../shared/domain/party/stages';
import { V } from '../../../shared/domain/validation';
import { before, happy, HAPPY, messages, type Step } from './partyFixtures';

const clean = { refused: [], late: [] };

describe('a candidate from application to full member', () => {
  it('passes every step recorded in order, each signed, voted and on time', () => {
    HAPPY.forEach((step, i) => expect(messages(HAPPY.slice(0, i), step), step.step).toEqual(clean));
  });
});

describe('which stage may follow which', () => {
  const stageKinds = (Object.keys(STEP_LABELS) as StepKind[]).filter(isStageStep);
  const stagesSoFar = ['application', 'activist', 'target', 'admission'] as const;

  it.each(stagesSoFar)('after %s only the stages the rules allow are accepted; the others are refused as out of order', (reached) => {
    const history = [...before(reached), happy(reached)];
    const stage = { application: 'applicant', activist: 'activist', target: 'target', admission: 'probationary' } as const;
    for (const kind of stageKinds) {
      if (history.some((s) => s.step === kind)) continue;
      // A day after everything, so no clock but the order can be what refuses it.
      const step: Step = { ...(HAPPY.find((h) => h.step === kind) ?? { step: kind }), step: kind, stepDate: '2026-11-30' };
      const refused = messages(history, step).refused;
      if (NEXT_STAGES[stage[reached]].includes(kind)) expect(refused, `${kind} after ${reached}`).not.toContain(P.stageOrder);
      else expect(refused, `${kind} after ${reached}`).toContain(P.stageOrder);
    }
  });

  it('refuses a stage recorded twice, and a second extension as the rule that allows only one', () => {
    expect(messages(before('talk'), happy('application', { stepDate: '2023-03-02' })).refused).toEqual([P.stageTaken]);
    const extended = [...before('conversion'), { step: 'extension', stepDate: '2025-11-03', extensionMonths: 6, meeting: 'branchAssembly', eligibleVoters: 20, votesFor: 15, secretaryName: '赵书记' } as Step];
    const again: Step = { ...extended.at(-1)!, stepDate: '2026-05-05' };
    expect(messages(extended, again).refused).toEqual([P.extensionTwice]);
  });

  it('refuses any step once the candidate is a full member or out', () => {
    expect(messages(HAPPY, { step: 'evaluation', stepDate: '2026-01-05', score: 90, contactName: 'a', cadreName: 'b' }).refused).toEqual([P.candidateClosed]);
    const out: Step[] = [...before('target'), { step: 'elimination', stepDate: '2024-05-01', meeting: 'branchCommittee', followUpOn: '2024-05-20', secretaryName: '赵书记' }];
    expect(messages(out, happy('target')).refused).toEqual([P.candidateClosed]);
  });

  it('refuses a stage dated before the stage it follows, naming the date', () => {
    expect(messages(before('talk'), happy('activist', { stepDate: '2023-02-01' })).refused).toEqual([P.beforePrevious]);
  });

  it('refuses a step within a stage recorded in the wrong stage', () => {
    expect(messages(before('activist'), happy('evaluation', { stepDate: '2023-04-01' })).refused).toEqual([P.stageOrder]);
    expect(messages(before('target'), happy('training', { startedOn: '2024-05-01', stepDate: '2024-05-03' })).refused).toEqual([P.stageOrder]);
    expect(messages(before('evaluation'), happy('talk', { stepDate: '2023-06-01' })).refused).toEqual([P.stageOrder]);
  });

  it('refuses a date after today on the step, its approval or its follow-up visit', () => {
    expect(messages([], happy('application', { stepDate: '2026-12-02' })).refused).toEqual([V.futureDate]);
    expect(messages(before('conversion'), happy('conversion', { approvalOn: '2026-12-02' }), { today: '2025-12-01' }).refused).toEqual([V.futureDate]);
  });
});

describe('the applicant is at least eighteen', () => {
  const idBorn = (date: string) => {
    const first17 = `370402${date.replace(/-/g, '')}123`;
    return first17 + idCheckChar(first17);
  };

  it('to the day with an ID number: refused the day before the eighteenth birthday, accepted on it', () => {
    const candidate = { birthYear: 2005, idNumber: idBorn('2005-03-02'), hasRecord: false };
    expect(messages([], happy('application'), { candidate }).refused).toEqual([P.underAge]);
    expect(messages([], happy('application', { stepDate: '2023-03-02' }), { candidate }).refused).toEqual([]);
  });

  it('by the birth year alone only when no birthday that year could make eighteen', () => {
    expect(messages([], happy('application'), { candidate: { birthYear: 2006, idNumber: null, hasRecord: false } }).refused).toEqual([P.underAge]);
    expect(messages([], happy('application'), { candidate: { birthYear: 2005, idNumber: null, hasRecord: false } }).refused).toEqual([]);
  });
});

describe('the clocks', () => {
  it('asks about a first talk more than a month after the application, and not within it or when the township allows two', () => {
    expect(messages(before('talk'), happy('talk', { stepDate: '2023-04-02' }))).toEqual({ refused: [], late: [P.talkLate] });
    expect(messages(before('talk'), happy('talk', { stepDate: '2023-04-01' }))).toEqual(clean);
    const clocks = { ...DEFAULT_PARTY_CLOCKS, talkWithin: { count: 2, unit: 'month' as const } };
    expect(messages(before('talk'), happy('talk', { stepDate: '2023-04-02' }), { clocks })).toEqual(clean);
  });

  it('refuses an activist listed before the talk', () => {
    expect(messages(before('talk'), happy('activist', { stepDate: '2023-03-10' })).refused).toEqual([P.talkMissing]);
  });

  it('refuses a development target less than a year after the activist listing, and so for a township that asks two', () => {
    const evaluated = before('target');
    expect(messages(evaluated, happy('target', { stepDate: '2024-05-09' })).refused).toEqual([P.activistTooSoon]);
    expect(messages(evaluated, happy('target', { stepDate: '2024-05-10' })).refused).toEqual([]);
    const clocks = { ...DEFAULT_PARTY_CLOCKS, activistAtLeast: { count: 24, unit: 'month' as const } };
    expect(messages(evaluated, happy('target'), { clocks }).refused).toEqual([P.activistTooSoon]);
  });

  it('refuses an admission without the political review or the training since the listing, and a training shorter than three days', () => {
    const noReview = before('admission').filter((s) => s.step !== 'review');
    expect(messages(noReview, happy('admission')).refused).toEqual([P.reviewMissing]);
    const noTraining = before('admission').filter((s) => s.step !== 'training');
    expect(messages(noTraining, happy('admission')).refused).toEqual([P.trainingMissing]);
    expect(messages(before('training'), happy('training', { startedOn: '2024-09-02' })).refused).toEqual([P.trainingTooShort]);
    const clocks = { ...DEFAULT_PARTY_CLOCKS, trainingAtLeast: { count: 2, unit: 'day' as const } };
    expect(messages(before('training'), happy('training', { startedOn: '2024-09-02' }), { clocks }).refused).toEqual([]);
  });

  it('asks about a committee approval more than three months after the meeting; refuses one before it', () => {
    expect(messages(before('admission'), happy('admission', { approvalOn: '2025-02-02' }))).toEqual({ refused: [], late: [P.approvalLate] });
    expect(messages(before('admission'), happy('admission', { approvalOn: '2025-02-01' }))).toEqual(clean);
    expect(messages(before('admission'), happy('admission', { approvalOn: '2024-10-31' })).refused).toEqual([P.approvalBeforeMeeting]);
  });

  it('refuses a conversion before the year of probation is over, and asks about one more than a month after', () => {
    const probation = before('conversion');
    expect(messages(probation, happy('conversion', { stepDate: '2025-10-31', approvalOn: null })).refused).toEqual([P.probationNotDue]);
    expect(messages(probation, happy('conversion', { stepDate: '2025-11-01', approvalOn: null }))).toEqual(clean);
    expect(messages(probation, happy('conversion', { stepDate: '2025-12-02', approvalOn: null }))).toEqual({ refused: [], late: [P.conversionLate] });
  });

  it('moves the conversion by an extension of six months to a year, and refuses an extension before probation ends', () => {
    const extension: Step = { step: 'extension', stepDate: '2025-11-03', extensionMonths: 6, meeting: 'branchAssembly', eligibleVoters: 20, votesFor: 15, secretaryName: '赵书记' };
    expect(messages(before('conversion'), { ...extension, stepDate: '2025-10-01' }).refused).toEqual([P.probationNotDue]);
    expect(messages(before('conversion'), { ...extension, extensionMonths: 5 }).refused).toEqual([P.extensionRange]);
    expect(messages(before('conversion'), { ...extension, extensionMonths: null }).refused).toEqual([P.extensionRange]);
    const extended = [...before('conversion'), extension];
    expect(messages(extended, happy('conversion', { stepDate: '2026-04-30', approvalOn: null })).refused).toEqual([P.probationNotDue]);
    expect(messages(extended, happy('conversion', { stepDate: '2026-05-01', approvalOn: null }))).toEqual(clean);
  });
});

describe('the yearly scored evaluation', () => {
  const evaluated = (score: number, stepDate = '2024-04-01') => [...before('evaluation'), happy('evaluation', { score, stepDate })];

  it('lists a development target at 80 and above; 60 to under 80 trains on; under 60 is eliminated', () => {
    expect(messages(evaluated(80), happy('target')).refused).toEqual([]);
    expect(messages(evaluated(79.5), happy('target')).refused).toEqual([P.scoreContinue]);
    expect(messages(evaluated(60), happy('target')).refused).toEqual([P.scoreContinue]);
    expect(messages(evaluated(59.5), happy('target')).refused).toEqual([P.scoreEliminate]);
  });

  it('refuses a listing with no evaluation in the year before it', () => {
    expect(messages(before('evaluation'), happy('target')).refused).toEqual([P.evaluationMissing]);
    expect(messages(evaluated(90, '2023-05-31'), happy('target')).refused).toEqual([P.evaluationMissing]);
    expect(messages(evaluated(90, '2023-06-01'), happy('target')).refused).toEqual([]);
  });

  it('refuses a second evaluation in one year and one without a score', () => {
    expect(messages(evaluated(70), happy('evaluation', { stepDate: '2024-10-01' })).refused).toEqual([P.evaluationTwice]);
    expect(messages(before('evaluation'), happy('evaluation', { score: null })).refused).toEqual([V.required]);
  });

  it('eliminates under 60 only with the party committee\'s follow-up visit recorded', () => {
    const elimination: Step = { step: 'elimination', stepDate: '2024-05-01', meeting: 'branchCommittee', secretaryName: '赵书记' };
    expect(messages(evaluated(50), elimination).refused).toEqual([P.followUpMissing]);
    expect(messages(evaluated(50), { ...elimination, followUpOn: '2024-04-30' }).refused).toEqual([V.dateOrder]);
    expect(messages(evaluated(50), { ...elimination, followUpOn: '2024-05-20' })).toEqual(clean);
  });
});

describe('the meeting, the vote and the signatures', () => {
  const admission = (change: Partial<Step>) => messages(before('admission'), happy('admission', change)).refused;

  it('takes an admission only at the branch general meeting', () => {
    expect(admission({ meeting: 'branchCommittee' })).toEqual([P.meetingWrong]);
    expect(admission({ meeting: null })).toEqual([P.meetingWrong]);
  });

  it('passes with more than half of those entitled attending and more than half of them for it', () => {
    expect(admission({ eligibleVoters: null })).toEqual([P.voteMissing]);
    expect(admission({ votesFor: null })).toEqual([P.voteMissing]);
    expect(admission({ eligibleVoters: 20, votesFor: 18, votesAgainst: 2, votesAbstain: 1 })).toEqual([P.votesTooMany]);
    expect(admission({ eligibleVoters: 20, votesFor: 8, votesAgainst: 1, votesAbstain: 1 })).toEqual([P.quorumFailed]);
    expect(admission({ eligibleVoters: 20, votesFor: 10, votesAgainst: 5, votesAbstain: 0 })).toEqual([P.voteFailed]);
    expect(admission({ eligibleVoters: 20, votesFor: 11, votesAgainst: 0, votesAbstain: 0 })).toEqual([]);
  });

  it('names each signature a step is missing', () => {
    const refused = messages(before('admission'), happy('admission', { organiserName: null, secretaryName: '' }));
    expect(refused.refused).toEqual([P.signoffMissing, P.signoffMissing]);
    expect(messages(before('activist'), happy('activist', { contactName: null })).refused).toEqual([P.signoffMissing]);
  });

  it('refuses a field another step keeps: a score on a talk, votes on a review, an extension on an admission', () => {
    expect(messages(before('talk'), happy('talk', { score: 90 })).refused).toEqual([P.notForStep]);
    expect(messages(before('review'), happy('review', { votesFor: 3 })).refused).toEqual([P.notForStep]);
    expect(messages(before('admission'), happy('admission', { extensionMonths: 6 })).refused).toContain(P.notForStep);
  });
});

describe("the model county's checks on one candidate", () => {
  const report: Step = { step: 'familyReport', stepDate: '2024-05-20', deputyName: '李副书记' };
  const filing = (stepDate: string): Step => ({ step: 'recordFiling', stepDate, deputyName: '李副书记' });

  it('holds one of several candidates of a family back from listing and admission until the prior report', () => {
    expect(messages(before('target'), happy('target'), { family: true }).refused).toEqual([P.familyReportMissing]);
    expect(messages([...before('target'), report], happy('target'), { family: true }).refused).toEqual([]);
    expect(messages(before('admission'), happy('admission'), { family: true }).refused).toEqual([P.familyReportMissing]);
    expect(messages(before('activist'), happy('activist'), { family: true }).refused).toEqual([]);
  });

  it('asks a candidate with a past record for a prior filing before each next stage; one filing does not carry over', () => {
    const candidate = { birthYear: 1995, idNumber: null, hasRecord: true };
    expect(messages(before('activist'), happy('activist'), { candidate }).refused).toEqual([P.recordFilingMissing]);
    const filedOnce = [...before('activist'), filing('2023-05-01')];
    expect(messages(filedOnce, happy('activist'), { candidate }).refused).toEqual([]);
    const listed = [...filedOnce, ...before('target').slice(before('activist').length)];
    expect(messages(listed, happy('target'), { candidate }).refused).toEqual([P.recordFilingMissing]);
    expect(messages([...listed, filing('2024-05-25')], happy('target'), { candidate }).refused).toEqual([]);
  });
});
