// Member development and reserve cadres through the real API and SQLite: a candidate from
// application to full member, a step that comes too early refused by its rule and a late one
// asked about, the family and record checks read across the database, a training outside the
// reserve refused, and a candidate taking its steps with it. Every refusal stores nothing.
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../../shared/domain/idNumber';
import { P } from '../../../../shared/domain/party/messages';
import { validIdNumber } from '../../../helpers/ledgerSamples';
import { expectOk, expectRefused, type TestApp, withSecretaryVillage } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { before, happy, HAPPY, type Step } from '../../../shared/party/partyFixtures';

const tempDir = useTempDirs();

const withVillage = (body: (app: TestApp, villageId: string) => Promise<void>) => withSecretaryVillage(tempDir(), body);

const candidate = (app: TestApp, villageId: string, extra: Record<string, unknown> = {}) =>
  expectOk(app, 'candidates.create', { villageId, name: '孙晓东', sex: 'male', birthYear: 1995, ...extra });

const addStep = (app: TestApp, villageId: string, candidateId: string, step: Step, confirm?: 'lateStep'[]) =>
  app.dispatch('steps.create', { villageId, candidateId, ...step, ...(confirm ? { confirm } : {}) });

async function record(app: TestApp, villageId: string, candidateId: string, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    const result = await addStep(app, villageId, candidateId, step);
    expect(result, `${step.step} ${step.stepDate}`).toMatchObject({ ok: true });
  }
}

describe('a candidate through the one write path', () => {
  it('goes from application to full member; a listing a day early is refused by its rule and stores nothing', async () => {
    await withVillage(async (app, villageId) => {
      const { id } = await candidate(app, villageId);
      await record(app, villageId, id, before('target'));
      const snapshot = app.snapshot();
      const early = await expectRefused(app, 'steps.create', { villageId, candidateId: id, ...happy('target', { stepDate: '2024-05-09' }) });
      expect(early).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['stepDate'], message: P.activistTooSoon }] });
      expect(app.snapshot()).toBe(snapshot);
      await record(app, villageId, id, HAPPY.slice(before('target').length));
      const steps = await expectOk(app, 'steps.list', { filters: { candidateId: id } });
      expect(steps.items.map((s) => s.step).sort()).toEqual(HAPPY.map((s) => s.step).sort());
      expect((await expectRefused(app, 'steps.create', { villageId, candidateId: id, ...happy('evaluation', { stepDate: '2026-01-05' }) })).issues).toEqual([
        { path: ['stepDate'], message: P.candidateClosed },
      ]);
    });
  });

  it('asks before keeping a late talk (lateStep), and keeps it once confirmed', async () => {
    await withVillage(async (app, villageId) => {
      const { id } = await candidate(app, villageId);
      await record(app, villageId, id, before('talk'));
      const snapshot = app.snapshot();
      const late = await expectRefused(app, 'steps.create', { villageId, candidateId: id, ...happy('talk', { stepDate: '2023-04-15' }) });
      expect(late).toMatchObject({ code: 'NEEDS_CONFIRMATION', message: 'lateStep', issues: [{ path: ['stepDate'], message: P.talkLate }] });
      expect(app.snapshot()).toBe(snapshot);
      expect(await addStep(app, villageId, id, happy('talk', { stepDate: '2023-04-15' }), ['lateStep'])).toMatchObject({ ok: true });
    });
  });

  it('re-judges an edited step against the others: an activist moved before the application is refused', async () => {
    await withVillage(async (app, villageId) => {
      const { id } = await candidate(app, villageId);
      await record(app, villageId, id, before('evaluation'));
      const activist = (await expectOk(app, 'steps.list', { filters: { candidateId: id, step: 'activist' } })).items[0]!;
      const snapshot = app.snapshot();
      const refused = await expectRefused(app, 'steps.update', { id: activist.id, patch: { stepDate: '2023-02-01' } });
      expect(refused.issues).toEqual([{ path: ['stepDate'], message: P.beforePrevious }]);
      expect(app.snapshot()).toBe(snapshot);
    });
  });
});

describe("the model county's checks across the database", () => {
  it('holds back the listing of one of two candidates of a household until the prior report is recorded', async () => {
    await withVillage(async (app, villageId) => {
      const home = await expectOk(app, 'households.create', { villageId, headName: '孙建国', villagerGroup: '二组', category: 'ordinary' });
      const first = await candidate(app, villageId, { householdId: home.id });
      await candidate(app, villageId, { name: '孙晓梅', sex: 'female', householdId: home.id });
      await record(app, villageId, first.id, before('target'));
      const snapshot = app.snapshot();
      expect((await expectRefused(app, 'steps.create', { villageId, candidateId: first.id, ...happy('target') })).issues).toEqual([
        { path: ['stepDate'], message: P.familyReportMissing },
      ]);
      expect(app.snapshot()).toBe(snapshot);
      await record(app, villageId, first.id, [{ step: 'familyReport', stepDate: '2024-05-20', deputyName: '李副书记' }, happy('target')]);
    });
  });

  it('asks a candidate with a past record for a prior filing before the next stage', async () => {
    await withVillage(async (app, villageId) => {
      const { id } = await candidate(app, villageId, { hasRecord: true, recordNote: '2015年治安处罚' });
      await record(app, villageId, id, before('activist'));
      expect((await expectRefused(app, 'steps.create', { villageId, candidateId: id, ...happy('activist') })).issues).toEqual([
        { path: ['stepDate'], message: P.recordFilingMissing },
      ]);
      await record(app, villageId, id, [{ step: 'recordFiling', stepDate: '2023-05-01', deputyName: '李副书记' }, happy('activist')]);
    });
  });

  it('says where each listed candidate stands (party.status): its stage, the talk a clock asks for and whether it is late, a listing day; an unknown id left out', async () => {
    await withVillage(async (app, villageId) => {
      const fresh = await candidate(app, villageId, { name: '新申请' });
      await record(app, villageId, fresh.id, [{ step: 'application', stepDate: '2026-11-01' }]);
      const waiting = await candidate(app, villageId, { name: '久未谈话' });
      await record(app, villageId, waiting.id, [{ step: 'application', stepDate: '2026-09-01' }]);
      const activist = await candidate(app, villageId, { name: '积极分子' });
      await record(app, villageId, activist.id, before('target'));
      const member = await candidate(app, villageId, { name: '正式党员' });
      await record(app, villageId, member.id, HAPPY);
      const unknown = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
      const { items } = await expectOk(app, 'party.status', { ids: [fresh.id, waiting.id, activist.id, member.id, unknown] });
      const byId = new Map(items.map((item) => [item.candidateId, item]));
      expect(items).toHaveLength(4);
      expect(byId.get(fresh.id)).toMatchObject({ stage: 'applicant', due: { step: 'talk', by: '2026-12-01' }, overdue: false });
      expect(byId.get(waiting.id)).toMatchObject({ stage: 'applicant', due: { step: 'talk', by: '2026-10-01' }, overdue: true });
      expect(byId.get(activist.id)).toMatchObject({ stage: 'activist', due: null, overdue: false, targetFrom: '2024-05-10' });
      expect(byId.get(member.id)).toMatchObject({ stage: 'member', due: null, overdue: false, targetFrom: null });
    });
  });

  it('takes a candidate\'s steps with it when it is deleted', async () => {
    await withVillage(async (app, villageId) => {
      const { id } = await candidate(app, villageId);
      await record(app, villageId, id, before('activist'));
      await expectOk(app, 'candidates.delete', { id });
      expect((await expectOk(app, 'steps.list', { filters: { candidateId: id } })).total).toBe(0);
    });
  });
});

describe('ID numbers of candidates and reserve cadres', () => {
  it('are masked in a record\'s history, as a household member\'s are', async () => {
    await withVillage(async (app, villageId) => {
      const id = validIdNumber(7);
      const sun = await candidate(app, villageId, { idNumber: id });
      const cadre = await expectOk(app, 'cadres.create', { villageId, name: '韩晓燕', sex: 'female', birthYear: 1994, channel: 'self', recommendedOn: '2025-03-01', outcome: 'training', idNumber: validIdNumber(8) });
      for (const [ledger, rowId, number] of [['candidates', sun.id, id], ['cadres', cadre.id, validIdNumber(8)]] as const) {
        const entry = (await expectOk(app, 'records.history', { ledger, id: rowId })).entries.find((e) => e.field === 'idNumber')!;
        expect(entry.after).toBe(maskIdNumber(number));
      }
    });
  });
});

describe('reserve cadres', () => {
  it('refuse a training before the recommendation or after the cadre left, storing nothing', async () => {
    await withVillage(async (app, villageId) => {
      const cadre = await expectOk(app, 'cadres.create', {
        villageId, name: '韩晓燕', sex: 'female', birthYear: 1994, channel: 'womenPool', recommendedOn: '2025-03-01', outcome: 'exited', outcomeOn: '2026-03-01',
      });
      const training = (trainedOn: string) => ({ villageId, cadreId: cadre.id, trainedOn, course: '村级事务管理专题培训' });
      const snapshot = app.snapshot();
      for (const day of ['2025-02-28', '2026-03-02']) {
        expect((await expectRefused(app, 'trainings.create', training(day))).issues).toEqual([{ path: ['trainedOn'], message: P.trainingOutsideReserve }]);
      }
      expect(app.snapshot()).toBe(snapshot);
      await expectOk(app, 'trainings.create', training('2025-09-01'));
    });
  });
});

describe('each village\'s three-year target (三年发展一名)', () => {
  it('is met by an admission within three years of today, and not by an older one', async () => {
    await withVillage(async (app, villageId) => {
      expect(await expectOk(app, 'party.targets')).toMatchObject({ since: '2023-11-27', items: [{ villageId, admitted: 0, lastAdmission: null, met: false }] });
      const { id } = await candidate(app, villageId);
      await record(app, villageId, id, before('conversion'));
      expect((await expectOk(app, 'party.targets')).items).toEqual([{ villageId, villageName: expect.any(String), admitted: 1, lastAdmission: '2024-11-01', met: true }]);
      const old = await candidate(app, villageId, { name: '孙老' });
      const shift = (s: Step): Step => ({ ...s, stepDate: `${Number(s.stepDate.slice(0, 4)) - 3}${s.stepDate.slice(4)}`, ...(s.approvalOn ? { approvalOn: `${Number(s.approvalOn.slice(0, 4)) - 3}${s.approvalOn.slice(4)}` } : {}), ...(s.startedOn ? { startedOn: `${Number(s.startedOn.slice(0, 4)) - 3}${s.startedOn.slice(4)}` } : {}) });
      await record(app, villageId, old.id, before('conversion').map(shift));
      await expectOk(app, 'candidates.delete', { id });
      expect((await expectOk(app, 'party.targets')).items).toMatchObject([{ admitted: 0, lastAdmission: '2021-11-01', met: false }]);
    });
  });
});

describe('the indicators\' reserve cadres', () => {
  it('are counted from the reserve cadres ledger, and a typed count is refused by name, storing nothing', async () => {
    await withVillage(async (app, villageId) => {
      const snapshot = app.snapshot();
      const typed = await expectRefused(app, 'indicators.create', { villageId, year: 2025, population: 800, reserveCadresTrained: 5 });
      expect(typed.issues).toEqual([{ path: ['reserveCadresTrained'], message: P.reserveCadresComputed }]);
      expect(app.snapshot()).toBe(snapshot);
      const row = await expectOk(app, 'indicators.create', { villageId, year: 2025, population: 800 });
      const cadre = { villageId, sex: 'female', birthYear: 1994, channel: 'womenPool', outcome: 'training' } as const;
      await expectOk(app, 'cadres.create', { ...cadre, name: '韩晓燕', recommendedOn: '2025-03-01' });
      await expectOk(app, 'cadres.create', { ...cadre, name: '李春梅', recommendedOn: '2024-06-01', outcome: 'exited', outcomeOn: '2025-02-01' });
      await expectOk(app, 'cadres.create', { ...cadre, name: '王小红', recommendedOn: '2026-01-10' });
      expect((await expectOk(app, 'indicators.get', { id: row.id })).reserveCadresTrained).toBe(2);
      const afterCadres = app.snapshot();
      const patched = await expectRefused(app, 'indicators.update', { id: row.id, patch: { reserveCadresTrained: 9 } });
      expect(patched.issues).toEqual([{ path: ['patch', 'reserveCadresTrained'], message: P.reserveCadresComputed }]);
      expect(app.snapshot()).toBe(afterCadres);
      const updated = await expectOk(app, 'indicators.update', { id: row.id, patch: { population: 810 } });
      expect(updated.reserveCadresTrained).toBe(2);
      expect((await expectOk(app, 'indicators.list', { villageId })).items.map((r) => r.reserveCadresTrained)).toEqual([2]);
    });
  });
});
