// The demo township's member development and reserve cadres: a few candidates a village, each at
// a stage its dates allow (every step kept by the rules of shared/domain/party, a test replays
// them), one family of two candidates and one candidate with a past record where the model
// county's checks show, one village with no admission in three years; and the reserve cadres
// with their trainings. Seeded apart from the rest of the village, so adding it moved nothing else.
import type { z } from 'zod';
import { idCheckChar } from '../../../shared/domain/idNumber';
import { addPeriod, DEFAULT_PARTY_CLOCKS } from '../../../shared/domain/party/clocks';
import type { trainingFields } from '../../../shared/domain/ledgers/reserve';
import type { cadreFields, candidateFields, stepFields } from '../../../shared/domain/party/records';
import { createRng, dayOf, isoOf, type Rng } from './random';
import * as W from './words';

type Input<S extends z.ZodRawShape> = z.input<z.ZodObject<S>>;
export type DemoStep = Omit<Input<typeof stepFields>, 'candidateId'>;
export type DemoTraining = Omit<Input<typeof trainingFields>, 'cadreId'>;

export interface DemoParty {
  /** `household`: an index into the village's households, or null. */
  readonly candidates: { household: number | null; fields: Omit<Input<typeof candidateFields>, 'householdId'>; steps: DemoStep[] }[];
  readonly cadres: { fields: Input<typeof cadreFields>; trainings: DemoTraining[] }[];
}

export interface PartyPlace {
  readonly seed: string;
  readonly index: number;
  readonly today: string;
  readonly region: string;
  readonly households: readonly { headName: string }[];
  readonly secretaryName: string;
}

type Fate = 'member' | 'probationary' | 'target' | 'activist' | 'applicant' | 'eliminated';
type Sex = 'male' | 'female';

const SIGNED = { deputyName: '刘振华', secretaryName: '陈立新', organiserName: '杨晓梅' } as const;
const OCCUPATIONS = ['返乡创业青年', '种植大户', '村民小组长', '合作社会计', '乡村医生', '退役军人', '网格员', '电商带头人'];
const COURSES = ['乡镇后备干部培训班', '村级事务管理专题培训', '电商和合作社经营培训', '基层党务知识轮训', '“导师帮带”跟岗锻炼'];

export function generateParty(place: PartyPlace): DemoParty {
  const rng = createRng(`${place.seed}/party/${place.index}`);
  const T = dayOf(place.today);
  const cadreName = personName(rng, rng.chance(0.7) ? 'male' : 'female', 1975);
  const contacts = [0, 1].map(() => personName(rng, rng.chance(0.6) ? 'male' : 'female', 1970));
  // Village 4 admitted nobody in three years: its fates stop short of admission.
  const fates: Fate[] = place.index % 6 === 4
    ? ['target', 'activist', 'applicant']
    : rng.sample(['member', 'probationary', 'target', 'activist', 'applicant', 'eliminated'] as Fate[], rng.int(3, 5));
  const withFamily = place.index % 6 === 0;
  // Each of its own household (the family below is the one made on purpose).
  const homes = rng.sample(place.households.map((_, h) => h), fates.length);
  const candidates: DemoParty['candidates'] = fates.map((fate, i) => {
    const household = homes[i] ?? null;
    const sex: Sex = rng.chance(0.55) ? 'male' : 'female';
    const birthYear = rng.int(1985, 2002);
    const surname = household !== null ? place.households[household]!.headName.slice(0, 1) : rng.weighted(W.SURNAMES);
    const hasRecord = place.index % 6 === 2 && i === 0;
    return {
      household,
      fields: {
        name: `${surname}${givenName(rng, sex, birthYear)}`,
        sex,
        birthYear,
        idNumber: idNumber(place.region, birthYear, rng, sex),
        education: rng.weighted([['junior', 3], ['senior', 4], ['college', 2], ['bachelor', 1]] as const),
        occupation: rng.pick(OCCUPATIONS),
        hasRecord,
        ...(hasRecord ? { recordNote: '2015年因酒驾受治安处罚，已满五年' } : {}),
      },
      steps: history(rng, fate, T, { cadreName, contactName: rng.pick(contacts), hasRecord, family: false }),
    };
  });
  if (withFamily && candidates.length > 1 && candidates[0]!.household !== null) {
    // Two of one household: the township is told before either is listed (家族化).
    const first = candidates[0]!;
    const second = candidates[1]!;
    candidates[1] = { ...second, household: first.household, fields: { ...second.fields, name: `${first.fields.name.slice(0, 1)}${second.fields.name.slice(1)}` } };
    for (const c of [first, candidates[1]!]) c.steps.splice(0, c.steps.length, ...withFamilyReport(c.steps));
  }
  const cadres = Array.from({ length: rng.int(2, 4) }, (_, i) => reserveCadre(rng, T, place, i));
  return { candidates, cadres };
}

interface Signers {
  cadreName: string;
  contactName: string;
  hasRecord: boolean;
  family: boolean;
}

/** A history that reaches `fate` by today, every gap as the rules ask, each step signed. */
function history(rng: Rng, fate: Fate, T: number, who: Signers): DemoStep[] {
  const reach: Record<Fate, number> = { applicant: 0, activist: 1, target: 2, probationary: 3, member: 4, eliminated: 2 };
  // Far enough back for the stages the fate needs, and no further.
  const back = [rng.int(10, 25), rng.int(120, 300), rng.int(430, 560), rng.int(620, 700), rng.int(1130, 1300)][reach[fate]]!;
  const steps: DemoStep[] = [];
  const vote = () => {
    const eligible = rng.int(18, 45);
    const votesFor = Math.ceil(eligible * rng.int(70, 95) / 100);
    return { meeting: 'branchAssembly' as const, eligibleVoters: eligible, votesFor, votesAgainst: Math.min(eligible - votesFor, rng.int(0, 2)), votesAbstain: 0 };
  };
  const filing = (day: number) => who.hasRecord && steps.push({ step: 'recordFiling', stepDate: isoOf(day - 3), deputyName: SIGNED.deputyName, archiveRef: ref(rng, day - 3) });
  const applied = T - back;
  steps.push({ step: 'application', stepDate: isoOf(applied), archiveRef: ref(rng, applied) });
  if (fate === 'applicant') return steps;
  const talked = applied + rng.int(8, 25);
  steps.push({ step: 'talk', stepDate: isoOf(talked), cadreName: who.cadreName });
  const activist = talked + rng.int(30, 80);
  filing(activist);
  steps.push({ step: 'activist', stepDate: isoOf(activist), meeting: 'branchCommittee', contactName: who.contactName, cadreName: who.cadreName, archiveRef: ref(rng, activist) });
  const evaluated = activist + rng.int(330, 360);
  const eligibleOn = dayOf(addPeriod(isoOf(activist), DEFAULT_PARTY_CLOCKS.activistAtLeast));
  if (evaluated > T) return steps;
  const score = fate === 'eliminated' ? rng.int(45, 58) : rng.int(81, 96);
  steps.push({ step: 'evaluation', stepDate: isoOf(evaluated), score, meeting: 'evaluationMeeting', contactName: who.contactName, cadreName: who.cadreName });
  if (fate === 'eliminated') {
    const out = evaluated + rng.int(15, 40);
    if (out <= T) steps.push({ step: 'elimination', stepDate: isoOf(out), meeting: 'branchCommittee', followUpOn: isoOf(Math.min(T, out + rng.int(5, 20))), secretaryName: SIGNED.secretaryName, archiveRef: ref(rng, out) });
    return steps;
  }
  if (fate === 'activist') return steps;
  const listed = Math.max(eligibleOn, evaluated + 1) + rng.int(5, 40);
  if (listed > T) return steps;
  filing(listed);
  steps.push({ step: 'target', stepDate: isoOf(listed), meeting: 'branchCommittee', cadreName: who.cadreName, deputyName: SIGNED.deputyName, archiveRef: ref(rng, listed) });
  const reviewed = listed + rng.int(20, 50);
  const trainFrom = listed + rng.int(30, 70);
  const trainTo = trainFrom + rng.int(2, 4);
  if (reviewed <= T) steps.push({ step: 'review', stepDate: isoOf(reviewed), cadreName: who.cadreName, deputyName: SIGNED.deputyName, archiveRef: ref(rng, reviewed) });
  if (trainTo <= T) steps.push({ step: 'training', startedOn: isoOf(trainFrom), stepDate: isoOf(trainTo), organiserName: SIGNED.organiserName });
  if (fate === 'target') return steps;
  const admitted = Math.max(reviewed, trainTo) + rng.int(10, 40);
  if (admitted > T) return steps;
  filing(admitted);
  steps.push({ step: 'admission', stepDate: isoOf(admitted), approvalOn: isoOf(Math.min(T, admitted + rng.int(20, 60))), ...vote(), ...SIGNED, archiveRef: ref(rng, admitted) });
  if (fate === 'probationary') return steps;
  const due = dayOf(addPeriod(isoOf(admitted), DEFAULT_PARTY_CLOCKS.probation));
  const converted = due + rng.int(0, 20);
  if (converted > T) return steps;
  filing(converted);
  steps.push({ step: 'conversion', stepDate: isoOf(converted), approvalOn: isoOf(Math.min(T, converted + rng.int(15, 50))), ...vote(), secretaryName: SIGNED.secretaryName, organiserName: SIGNED.organiserName, archiveRef: ref(rng, converted) });
  return steps;
}

/** The prior report to the township, a week before the first step that needs it. */
function withFamilyReport(steps: DemoStep[]): DemoStep[] {
  const first = steps.find((s) => s.step === 'target' || s.step === 'admission');
  if (!first) return steps;
  const day = isoOf(dayOf(first.stepDate) - 7);
  return [...steps, { step: 'familyReport', stepDate: day, deputyName: SIGNED.deputyName, notes: '同户两名人选，已报乡镇党委' }];
}

function reserveCadre(rng: Rng, T: number, place: PartyPlace, i: number): DemoParty['cadres'][number] {
  const sex: Sex = rng.chance(0.6) ? 'male' : 'female';
  const birthYear = rng.int(1986, 2000);
  const recommended = T - rng.int(60, 1000);
  const outcome = recommended < T - 500 ? rng.weighted([['entered', 3], ['exited', 1], ['training', 3]] as const) : 'training';
  const ended = outcome === 'training' ? null : Math.min(T, recommended + rng.int(300, 480));
  const channel = sex === 'female' && rng.chance(0.5) ? 'womenPool' : rng.weighted([['organisation', 4], ['self', 1], ['youthPool', 2], ['skilledPool', 2]] as const);
  const trainings: DemoTraining[] = [];
  const last = ended ?? T;
  for (let day = recommended + rng.int(20, 90); day < last; day += rng.int(120, 260)) {
    trainings.push({ trainedOn: isoOf(day), course: rng.pick(COURSES), organiser: rng.pick(['乡镇党委组织办', '县委组织部', '县委党校']), hours: rng.pick([8, 16, 24, 40]) });
  }
  return {
    fields: {
      name: personName(rng, sex, birthYear),
      sex,
      birthYear,
      education: rng.weighted([['senior', 3], ['college', 3], ['bachelor', 2]] as const),
      occupation: rng.pick(OCCUPATIONS),
      channel,
      recommendedBy: channel === 'self' ? null : rng.pick(['村党组织', '乡镇党委', '驻村第一书记']),
      recommendedOn: isoOf(recommended),
      mentor: place.secretaryName,
      outcome,
      ...(ended !== null ? { outcomeOn: isoOf(ended), outcomeNote: outcome === 'entered' ? rng.pick(['当选村委会委员', '任村党支部委员', '任村妇联主席']) : '外出务工' } : {}),
      ...(i === 0 ? { notes: '结对帮带，每季度谈心一次' } : {}),
    },
    trainings,
  };
}

function givenName(rng: Rng, sex: Sex, birthYear: number): string {
  const chars = W.GIVEN_CHARS[sex][birthYear < 1970 ? 'old' : birthYear < 1995 ? 'mid' : 'young'];
  return rng.chance(0.78) ? `${rng.pick(chars)}${rng.pick(chars)}` : rng.pick(chars);
}

function personName(rng: Rng, sex: Sex, birthYear: number): string {
  return `${rng.weighted(W.SURNAMES)}${givenName(rng, sex, birthYear)}`;
}

/** A valid ID number; sequence numbers from 900 keep clear of the households' (a few a day, issued from 000). */
function idNumber(region: string, birthYear: number, rng: Rng, sex: Sex): string {
  const date = isoOf(dayOf(`${birthYear}-01-01`) + rng.int(0, 364)).replace(/-/g, '');
  const seq = String(900 + 2 * rng.int(0, 49) + (sex === 'male' ? 1 : 0));
  const first17 = `${region}${date}${seq}`;
  return first17 + idCheckChar(first17);
}

/** The paper archive's number of a step: 党档-year-serial. */
function ref(rng: Rng, day: number): string {
  return `党档${isoOf(day).slice(0, 4)}-${String(rng.int(1, 999)).padStart(3, '0')}`;
}
