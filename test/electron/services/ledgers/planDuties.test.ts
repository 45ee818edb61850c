// A plan's duty (and a diary day's duty tags) is a word of the township's duty set, which its
// coordinator sets and sync carries; a plan's progress is computed from its target and done
// values. Through the real API: a duty outside the set is refused by name and nothing changes;
// a plan whose duty was later taken out of the set still shows and saves while unchanged; bad
// numbers are refused naming the rule.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUTIES } from '../../../../shared/domain/settings';
import { V } from '../../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();
const OTHER_SCHEME = ['建强村党组织', '推进强村富民', '提升治理水平', '为民办事服务'];

async function withCoordinator(body: (app: TestApp, villageId: string) => Promise<void>): Promise<void> {
  const app = await openTestApp(tempDir());
  try {
    const profile = await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇' });
    await body(app, profile.villageIds[0]!);
  } finally {
    app.close();
  }
}

const plan = (villageId: string, duty: string, more: Record<string, unknown> = {}) => ({ villageId, year: 2026, duty, goal: '发展党员2名', status: 'in_progress' as const, ...more });

describe("a plan's duty", () => {
  it('is one of the five standard duties until the township sets its own; a code or another word is refused by name', async () => {
    await withCoordinator(async (app, villageId) => {
      for (const duty of DEFAULT_DUTIES) await expectOk(app, 'plans.create', plan(villageId, duty));
      const before = app.snapshot();
      for (const duty of ['leadership', '建强村党组织']) {
        const refused = await expectRefused(app, 'plans.create', plan(villageId, duty));
        expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['duty'], message: V.dutyNotInSet }] });
      }
      expect(app.snapshot()).toBe(before);
    });
  });

  it("follows the township's set once its coordinator changes it; a plan of a duty taken out still shows and saves unchanged, but cannot move to another word outside", async () => {
    await withCoordinator(async (app, villageId) => {
      const old = await expectOk(app, 'plans.create', plan(villageId, '抓好班子建设'));
      await expectOk(app, 'settings.update', { duties: OTHER_SCHEME });
      await expectOk(app, 'plans.create', plan(villageId, '建强村党组织'));
      expect((await expectRefused(app, 'plans.create', plan(villageId, '抓好班子建设'))).issues).toEqual([{ path: ['duty'], message: V.dutyNotInSet }]);

      expect((await expectOk(app, 'plans.get', { id: old.id })).duty).toBe('抓好班子建设');
      const edited = await expectOk(app, 'plans.update', { id: old.id, patch: { goal: '发展党员3名', duty: '抓好班子建设' } });
      expect(edited).toMatchObject({ duty: '抓好班子建设', goal: '发展党员3名' });
      const before = app.snapshot();
      expect((await expectRefused(app, 'plans.update', { id: old.id, patch: { duty: '发展集体经济' } })).issues).toEqual([{ path: ['duty'], message: V.dutyNotInSet }]);
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'plans.update', { id: old.id, patch: { duty: '提升治理水平' } });
    });
  });

  it("a diary day's tags are the township's duties too; a tag taken out of the set stays on the day it is on", async () => {
    const app = await openTestApp(tempDir());
    try {
      const { villageIds } = await expectOk(app, 'device.setup', SECRETARY_SETUP);
      const day = await expectOk(app, 'diary.create', { villageId: villageIds[0]!, entryDate: '2026-11-20', presence: 'in_village', dutyTags: ['发展集体经济'] });
      expect((await expectRefused(app, 'diary.create', { villageId: villageIds[0]!, entryDate: '2026-11-21', presence: 'in_village', dutyTags: ['collective_economy'] })).issues).toEqual([
        { path: ['dutyTags'], message: V.dutyNotInSet },
      ]);
      expect(await expectOk(app, 'diary.update', { id: day.id, patch: { content: '走访三户' } })).toMatchObject({ dutyTags: ['发展集体经济'] });
    } finally {
      app.close();
    }
  });
});

describe("the dashboard's plans by duty", () => {
  it("follow the township's duties in its order, then a duty since dropped; done counts a plan marked done or whose done value reached its target; progress is the mean of done / target", async () => {
    await withCoordinator(async (app, villageId) => {
      await expectOk(app, 'plans.create', plan(villageId, '抓好班子建设', { status: 'done' }));
      await expectOk(app, 'settings.update', { duties: OTHER_SCHEME });
      await expectOk(app, 'plans.create', plan(villageId, '推进强村富民', { targetValue: 20, actualValue: 8 }));
      await expectOk(app, 'plans.create', plan(villageId, '推进强村富民', { targetValue: 10, actualValue: 12 }));
      await expectOk(app, 'plans.create', plan(villageId, '为民办事服务'));
      const dash = await expectOk(app, 'dashboard.village', { villageId, from: '2026-01-01', to: '2026-12-31' });
      expect(dash.plansByDuty).toEqual([
        { duty: '建强村党组织', plans: 0, done: 0, progress: null },
        { duty: '推进强村富民', plans: 2, done: 1, progress: 0.7 },
        { duty: '提升治理水平', plans: 0, done: 0, progress: null },
        { duty: '为民办事服务', plans: 1, done: 0, progress: 0 },
        { duty: '抓好班子建设', plans: 1, done: 1, progress: 1 },
      ]);
      expect(dash.totals).toMatchObject({ plans: 4, plansDone: 2 });
    });
  });
});

describe("a plan's numbers", () => {
  it('take a target and a done value (progress computed from them), or neither', async () => {
    await withCoordinator(async (app, villageId) => {
      await expectOk(app, 'plans.create', plan(villageId, '发展集体经济', { targetValue: 10, actualValue: 4, valueUnit: '万元' }));
      await expectOk(app, 'plans.create', plan(villageId, '发展集体经济', { targetValue: 10 }));
      await expectOk(app, 'plans.create', plan(villageId, '发展集体经济'));
    });
  });

  it('refuse a done value without a target, a target of 0, a negative or a non-number, naming the rule; nothing is stored', async () => {
    await withCoordinator(async (app, villageId) => {
      const kept = await expectOk(app, 'plans.create', plan(villageId, '发展集体经济', { targetValue: 10, actualValue: 4 }));
      const before = app.snapshot();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ actualValue: 3 }, 'actualValue', V.doneWithoutTarget],
        [{ targetValue: 0, actualValue: 0 }, 'targetValue', V.targetZero],
        [{ targetValue: -5 }, 'targetValue', V.notNegative],
        [{ targetValue: 10, actualValue: -1 }, 'actualValue', V.notNegative],
        [{ targetValue: '十' }, 'targetValue', V.invalid],
      ];
      for (const [numbers, path, message] of cases) {
        const refused = await expectRefused(app, 'plans.create', plan(villageId, '发展集体经济', numbers));
        expect(refused.issues, JSON.stringify(numbers)).toContainEqual({ path: [path], message });
      }
      // Clearing the target of a plan that has a done value is the same slip, on an update.
      expect((await expectRefused(app, 'plans.update', { id: kept.id, patch: { targetValue: null } })).issues).toContainEqual({ path: ['actualValue'], message: V.doneWithoutTarget });
      expect(app.snapshot()).toBe(before);
    });
  });
});
