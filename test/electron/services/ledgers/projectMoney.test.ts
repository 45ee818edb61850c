// money.list through the real API: each project's budget, received, spent and balance
// summed in SQLite over its live entries only, the two flags (past the budget, past what arrived),
// and nothing of a deleted project, a village out of scope or an id that is no project.
import { describe, expect, it } from 'vitest';
import { PROJECT_MONEY_SQL } from '../../../../db/projectMoney';
import { expectOk, openTestApp, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();

describe('money.list', () => {
  it('sums each project’s live entries, flags over budget and spent past received, and leaves out deleted projects and unknown ids', async () => {
    const app = await openTestApp(tempDir());
    try {
      const profile = await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, villages: [{ name: '李家村' }, { name: '王庄村' }] });
      const [here, there] = profile.villageIds as [string, string];
      const project = (villageId: string, name: string, budgetFen: number) =>
        expectOk(app, 'projects.create', { villageId, name, kind: 'infrastructure', status: 'building', budgetFen });
      const fund = (villageId: string, projectId: string, direction: 'in' | 'out', amountFen: number) =>
        expectOk(app, 'funds.create', { villageId, projectId, direction, amountFen, entryDate: '2026-11-01', confirm: ['overspend', 'overBudget'] });

      const road = await project(here, '村道硬化', 100_000);
      await fund(here, road.id, 'in', 80_000);
      await fund(here, road.id, 'out', 30_000);
      const gone = await fund(here, road.id, 'out', 40_000);
      await expectOk(app, 'funds.delete', { id: gone.id });
      const barn = await project(here, '养殖场', 50_000); // spent past both what arrived and the budget
      await fund(here, barn.id, 'in', 20_000);
      await fund(here, barn.id, 'out', 60_001);
      const idle = await project(here, '光伏', 10_000); // nothing yet
      const theirs = await project(there, '王庄水渠', 5_000);
      await fund(there, theirs.id, 'out', 9_000);
      const deleted = await project(here, '旧项目', 1);
      await expectOk(app, 'projects.delete', { id: deleted.id });

      const ids = [road.id, barn.id, idle.id, theirs.id, deleted.id, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'];
      const { items } = await expectOk(app, 'money.list', { ids });
      const byId = new Map(items.map((row) => [row.projectId, row]));
      expect(byId.get(road.id)).toEqual({ projectId: road.id, budgetFen: 100_000, receivedFen: 80_000, spentFen: 30_000, balanceFen: 50_000, overBudget: false, overspent: false });
      expect(byId.get(barn.id)).toEqual({ projectId: barn.id, budgetFen: 50_000, receivedFen: 20_000, spentFen: 60_001, balanceFen: -40_001, overBudget: true, overspent: true });
      expect(byId.get(idle.id)).toEqual({ projectId: idle.id, budgetFen: 10_000, receivedFen: 0, spentFen: 0, balanceFen: 0, overBudget: false, overspent: false });
      expect(byId.get(theirs.id)).toMatchObject({ spentFen: 9_000, overBudget: true, overspent: true });
      // A deleted project and an id that is no project are left out.
      expect([...byId.keys()].sort()).toEqual([road.id, barn.id, idle.id, theirs.id].sort());
      expect((await expectOk(app, 'money.list', { ids: [] })).items).toEqual([]);
      // Each project found by its key and its entries through funds_by_project: never a scan of every entry.
      const plan = (app.context.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${PROJECT_MONEY_SQL}`).all('[]', '[]') as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/SEARCH f USING INDEX funds_by_project/);
      expect(plan).not.toMatch(/SCAN f\b/);
    } finally {
      app.close();
    }
  });
});
