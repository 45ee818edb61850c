// One small valid record per ledger, and the rows it needs first (a household, a visit, a
// project). Tests walk LEDGER_NOUNS and look their sample up here: a ledger added without a
// sample fails those tests (sampleOf throws) instead of being skipped.
import type { LedgerNoun } from '../../shared/api/methods';
import { idCheckChar } from '../../shared/domain/idNumber';
import { expectOk, type TestApp } from './openedApp';

/** The rows a sample may refer to. */
export interface SampleRefs {
  householdId: string;
  visitId: string;
  projectId: string;
  candidateId: string;
  cadreId: string;
}

export interface LedgerSample {
  /** Which rows must exist before the sample can be created. */
  readonly needs: readonly (keyof SampleRefs)[];
  /** A valid create input (without villageId); `n` makes unique what must be unique. */
  input(refs: SampleRefs, n: number): Record<string, unknown>;
  /** A patch that changes exactly one field of the sample. */
  readonly update: Record<string, unknown>;
}

/** A valid resident ID number, different for each n (born 1949-12-31 … in Beijing). */
export function validIdNumber(n: number): string {
  const first17 = `110105194912${String(10 + (n % 18)).padStart(2, '0')}${String(100 + Math.floor(n / 18)).padStart(3, '0').slice(-3)}`;
  return first17 + idCheckChar(first17);
}

/** 2026-01-01 plus n days, as ISO text. */
export function dayOf(n: number): string {
  // Counting back: a diary day or a visit may not lie after the app's today.
  return new Date(Date.UTC(2026, 0, 1) - n * 86_400_000).toISOString().slice(0, 10);
}

export const LEDGER_SAMPLES: Partial<Record<LedgerNoun, LedgerSample>> = {
  households: {
    needs: [],
    input: (_r, n) => ({ headName: '王建国', villagerGroup: `第${n}组`, category: 'ordinary', phone: '13812345678' }),
    update: { address: '村东头' },
  },
  members: {
    needs: ['householdId'],
    input: (r, n) => ({ householdId: r.householdId, name: '王小明', relation: 'child', idNumber: validIdNumber(n) }),
    update: { notes: '在外务工' },
  },
  visits: {
    needs: ['householdId'],
    input: (r) => ({ householdId: r.householdId, visitDate: '2026-11-20', mode: 'home', situation: '家中有病人', confirmed: true }),
    update: { actions: '联系医保' },
  },
  needs: {
    needs: ['householdId', 'visitId'],
    input: (r) => ({ visitId: r.visitId, householdId: r.householdId, category: 'water', content: '自来水管破裂', status: 'open', dueDate: '2026-12-01' }),
    update: { owner: '村委会' },
  },
  plans: {
    needs: [],
    input: () => ({ year: 2026, duty: '发展集体经济', goal: '集体经济收入达到十万元', status: 'planned', targetValue: 10, valueUnit: '万元' }),
    update: { measures: '发展合作社' },
  },
  projects: {
    needs: [],
    input: () => ({ name: '村道硬化', kind: 'infrastructure', status: 'approved', budgetFen: 50_000_000, startDate: '2026-03-01' }),
    update: { responsible: '张三' },
  },
  funds: {
    needs: ['projectId'],
    input: (r) => ({ projectId: r.projectId, direction: 'in', amountFen: 100_000, entryDate: '2026-11-01', source: '县财政' }),
    update: { purpose: '材料费' },
  },
  commitments: {
    needs: [],
    input: () => ({ content: '修建文化广场', year: 2026, status: 'pending', dueDate: '2026-12-31' }),
    update: { evidence: '照片三张' },
  },
  diary: {
    needs: [],
    input: (_r, n) => ({ entryDate: dayOf(n), presence: 'in_village', content: '走访三户', dutyTags: ['发展集体经济'] }),
    update: { content: '开村两委会' },
  },
  leaves: {
    needs: [],
    input: () => ({ startDate: '2026-12-01', endDate: '2026-12-02', approverLevel: 'township', status: 'pending', reason: '家事' }),
    update: { approver: '镇党委' },
  },
  monitoring: {
    needs: ['householdId'],
    input: (r) => ({ householdId: r.householdId, monitorType: 'marginal', riskTypes: ['illness'], homeCheckDate: '2026-11-01', riskCleared: false }),
    update: { measures: '医疗救助' },
  },
  indicators: {
    needs: [],
    input: () => ({ year: 2026, population: 1200, villageTypes: ['lifted'] }),
    update: { partyMembers: 40 },
  },
  secretaries: {
    needs: [],
    input: () => ({ name: '李明', unit: '省农业农村厅', unitLevel: 'province', termStart: '2025-01-01' }),
    update: { phone: '13912345678' },
  },
  candidates: {
    needs: [],
    input: (_r, n) => ({ name: '孙晓东', sex: 'male', birthYear: 1995, idNumber: validIdNumber(n), occupation: '返乡创业' }),
    update: { education: 'college' },
  },
  steps: {
    needs: ['candidateId'],
    input: (r) => ({ candidateId: r.candidateId, step: 'application', stepDate: '2026-03-01', archiveRef: '党档2026-001' }),
    update: { notes: '手写申请书一份' },
  },
  cadres: {
    needs: [],
    input: () => ({ name: '韩晓燕', sex: 'female', birthYear: 1994, channel: 'womenPool', recommendedOn: '2026-03-01', outcome: 'training' }),
    update: { mentor: '马书记' },
  },
  trainings: {
    needs: ['cadreId'],
    input: (r) => ({ cadreId: r.cadreId, trainedOn: '2026-05-10', course: '村级事务管理专题培训', hours: 16 }),
    update: { organiser: '县委党校' },
  },
};

export function sampleOf(noun: string): LedgerSample {
  const sample = LEDGER_SAMPLES[noun as LedgerNoun];
  if (!sample) throw new Error(`No sample for ledger ${noun}: add one to test/helpers/ledgerSamples.ts`);
  return sample;
}

/** Placeholder references, for inputs that never reach the database. */
export const PLACEHOLDER_REFS: SampleRefs = {
  householdId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01',
  visitId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02',
  projectId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a03',
  candidateId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a04',
  cadreId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a05',
};

let counter = 0;
/** A number not used before in this test process (unique names, dates, ID numbers). */
export function nextN(): number {
  return ++counter;
}

/** Creates the rows a sample needs in `villageId`, through the API. */
export async function createRefs(app: TestApp, villageId: string, needs: readonly (keyof SampleRefs)[]): Promise<SampleRefs> {
  const refs = { ...PLACEHOLDER_REFS };
  if (needs.includes('householdId') || needs.includes('visitId')) {
    // A group of its own, so it is never "similar" to another sample household.
    const household = await expectOk(app, 'households.create', { villageId, headName: '赵前进', villagerGroup: `预备${nextN()}组`, category: 'ordinary' });
    refs.householdId = household.id;
  }
  if (needs.includes('visitId')) {
    const visit = await expectOk(app, 'visits.create', { villageId, householdId: refs.householdId, visitDate: '2026-11-02', mode: 'phone', situation: '电话回访' });
    refs.visitId = visit.id;
  }
  if (needs.includes('projectId')) {
    const project = await expectOk(app, 'projects.create', { villageId, name: `预备项目${nextN()}`, kind: 'industry', status: 'building', budgetFen: 1_000_000 });
    refs.projectId = project.id;
  }
  if (needs.includes('candidateId')) {
    const candidate = await expectOk(app, 'candidates.create', { villageId, name: `预备人选${nextN()}`, sex: 'female', birthYear: 1996 });
    refs.candidateId = candidate.id;
  }
  if (needs.includes('cadreId')) {
    const cadre = await expectOk(app, 'cadres.create', { villageId, name: `预备干部${nextN()}`, sex: 'male', birthYear: 1992, channel: 'organisation', recommendedOn: '2026-01-05', outcome: 'training' });
    refs.cadreId = cadre.id;
  }
  return refs;
}

/** A valid create input for `noun` in `villageId`, its prerequisite rows created. */
export async function prepareSample(app: TestApp, noun: string, villageId: string): Promise<Record<string, unknown>> {
  const sample = sampleOf(noun);
  const refs = await createRefs(app, villageId, sample.needs);
  return { villageId, ...sample.input(refs, nextN()) };
}
