// The rules that keep data typed in quickly honest, through the real API: a household visited
// twice on one day is asked about; a need closed after today and money dated after today are
// refused (today is China's day, not UTC's); spending past the budget is asked about, as is a
// budget cut below what was spent; a need raised on a visit gets an owner and a due date; and the
// needs list leads with the overdue ones. Every refusal leaves the database byte-identical.
import { describe, expect, it } from 'vitest';
import { V } from '../../../../shared/domain/validation';
import { APP_START_TIME, expectOk, expectRefused, SECRETARY_SETUP, type TestApp, withSecretaryVillage } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
// APP_START_TIME is 2026-11-27 08:00 UTC: 16:00 on the 27th in China.
const TODAY = '2026-11-27';

const withVillage = (body: (app: TestApp, villageId: string) => Promise<void>) => withSecretaryVillage(tempDir(), body);

const household = (app: TestApp, villageId: string, headName = '王建国') =>
  expectOk(app, 'households.create', { villageId, headName, villagerGroup: '一组', category: 'ordinary' });

describe('a household visited twice on one day', () => {
  it('asks (sameDayVisit) and stores nothing until confirmed; another day or another household is not asked', async () => {
    await withVillage(async (app, villageId) => {
      const wang = await household(app, villageId);
      const li = await household(app, villageId, '李秀英');
      const visit = (householdId: string, visitDate: string, confirm?: 'sameDayVisit'[]) => ({
        villageId, householdId, visitDate, mode: 'home' as const, situation: '了解春耕', ...(confirm ? { confirm } : {}),
      });
      const first = await expectOk(app, 'visits.create', visit(wang.id, '2026-11-20'));
      await expectOk(app, 'visits.create', visit(wang.id, '2026-11-21'));
      await expectOk(app, 'visits.create', visit(li.id, '2026-11-20'));
      const before = app.snapshot();
      const error = await expectRefused(app, 'visits.create', visit(wang.id, '2026-11-20'));
      expect(error).toMatchObject({ code: 'NEEDS_CONFIRMATION', message: 'sameDayVisit', issues: [{ path: ['visitDate'], message: V.sameDayVisit }] });
      expect(app.snapshot()).toBe(before);
      // Editing the first visit does not count itself; moving the second onto its day asks.
      await expectOk(app, 'visits.update', { id: first.id, patch: { situation: '了解春耕用种' } });
      const [, second] = (await expectOk(app, 'visits.list', { filters: { householdId: wang.id }, sort: { field: 'visitDate', order: 'asc' } })).items;
      expect((await expectRefused(app, 'visits.update', { id: second!.id, patch: { visitDate: '2026-11-20' } })).code).toBe('NEEDS_CONFIRMATION');
      await expectOk(app, 'visits.create', visit(wang.id, '2026-11-20', ['sameDayVisit']));
      expect((await expectOk(app, 'visits.list', { filters: { householdId: wang.id } })).total).toBe(3);
    });
  });
});

describe('a need closed after today', () => {
  it('is refused (closedInFuture) by China’s day, on create and on update, storing nothing', async () => {
    await withVillage(async (app, villageId) => {
      const need = (closedOn: string) => ({ villageId, category: 'road' as const, content: '修路', status: 'done' as const, closedOn });
      const before = app.snapshot();
      const error = await expectRefused(app, 'needs.create', need('2026-11-28'));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['closedOn'], message: V.closedInFuture }] });
      expect(app.snapshot()).toBe(before);
      const closed = await expectOk(app, 'needs.create', need(TODAY));
      const stored = app.snapshot();
      expect((await expectRefused(app, 'needs.update', { id: closed.id, patch: { closedOn: '2027-01-02' } })).issues).toEqual([
        { path: ['closedOn'], message: V.closedInFuture },
      ]);
      expect(app.snapshot()).toBe(stored);
      // 01:00 on the 28th in China is still the 27th in UTC: the 28th has come.
      app.setTime(APP_START_TIME + 9 * HOUR);
      await expectOk(app, 'needs.update', { id: closed.id, patch: { closedOn: '2026-11-28' } });
    });
  });
});

describe('money', () => {
  it('dated after today is refused (fundInFuture), in or out; today is accepted', async () => {
    await withVillage(async (app, villageId) => {
      const project = await expectOk(app, 'projects.create', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 1_000_000 });
      const fund = (direction: 'in' | 'out', entryDate: string) => ({ villageId, projectId: project.id, direction, amountFen: 100, entryDate });
      const before = app.snapshot();
      for (const [direction, date] of [['in', '2027-03-01'], ['out', '2027-03-01'], ['in', '2026-11-28']] as const) {
        const error = await expectRefused(app, 'funds.create', fund(direction, date));
        expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['entryDate'], message: V.fundInFuture }] });
      }
      expect(app.snapshot()).toBe(before);
      const arrived = await expectOk(app, 'funds.create', fund('in', TODAY));
      const stored = app.snapshot();
      expect((await expectRefused(app, 'funds.update', { id: arrived.id, patch: { entryDate: '2027-01-05' } })).issues).toEqual([
        { path: ['entryDate'], message: V.fundInFuture },
      ]);
      expect(app.snapshot()).toBe(stored);
    });
  });

  it('spent past the budget asks (overBudget) even with the money there, beside overspend when both', async () => {
    await withVillage(async (app, villageId) => {
      const project = await expectOk(app, 'projects.create', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 10_000 });
      const fund = (direction: 'in' | 'out', amountFen: number, confirm?: ('overspend' | 'overBudget')[]) => ({
        villageId, projectId: project.id, direction, amountFen, entryDate: '2026-11-01', ...(confirm ? { confirm } : {}),
      });
      await expectOk(app, 'funds.create', fund('in', 20_000));
      const spent = await expectOk(app, 'funds.create', fund('out', 10_000)); // the whole budget: not past it
      const before = app.snapshot();
      const error = await expectRefused(app, 'funds.create', fund('out', 1));
      expect(error).toMatchObject({ code: 'NEEDS_CONFIRMATION', message: 'overBudget', issues: [{ path: ['amountFen'], message: V.overBudget }] });
      expect(app.snapshot()).toBe(before);
      // Past both what arrived and the budget: both are named, and both must be accepted.
      const both = await expectRefused(app, 'funds.create', fund('out', 10_001));
      expect(both.issues).toEqual([
        { path: ['amountFen'], message: V.overspend },
        { path: ['amountFen'], message: V.overBudget },
      ]);
      expect((await expectRefused(app, 'funds.create', fund('out', 10_001, ['overspend']))).issues).toEqual([{ path: ['amountFen'], message: V.overBudget }]);
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'funds.create', fund('out', 1, ['overBudget']));
      // Cutting the budget below what is spent asks too; raising it does not.
      const cut = await expectRefused(app, 'projects.update', { id: project.id, patch: { budgetFen: 5_000 } });
      expect(cut).toMatchObject({ code: 'NEEDS_CONFIRMATION', issues: [{ path: ['budgetFen'], message: V.overBudget }] });
      await expectOk(app, 'projects.update', { id: project.id, patch: { budgetFen: 50_000 } });
      await expectOk(app, 'funds.update', { id: spent.id, patch: { amountFen: 12_000 } });
    });
  });
});

describe('a need raised on a visit', () => {
  it('is owned by the secretary and due the set number of days after the visit, unless given', async () => {
    await withVillage(async (app, villageId) => {
      const wang = await household(app, villageId);
      const visit = await expectOk(app, 'visits.create', { villageId, householdId: wang.id, visitDate: '2026-11-20', mode: 'home', situation: '饮水管老化' });
      const need = (extra: Record<string, unknown> = {}) =>
        expectOk(app, 'needs.create', { villageId, householdId: wang.id, visitId: visit.id, category: 'water', status: 'open', content: '更换水管', ...extra });
      // No secretary on record: whoever records it on this device (the profile's name).
      expect(await need()).toMatchObject({ owner: SECRETARY_SETUP.name, dueDate: '2026-12-20' });
      await expectOk(app, 'settings.update', { needDueDays: 7 });
      expect(await need()).toMatchObject({ owner: SECRETARY_SETUP.name, dueDate: '2026-11-27' });
      expect(await need({ owner: '水务站', dueDate: '2026-12-01' })).toMatchObject({ owner: '水务站', dueDate: '2026-12-01' });
      // The village's secretary in term on the visit's day owns it.
      await expectOk(app, 'secretaries.create', { villageId, name: '赵卫东', unit: '临河县水利局', unitLevel: 'county', termStart: '2026-01-01' });
      expect(await need()).toMatchObject({ owner: '赵卫东' });
      // A need not raised on a visit is left as typed; an update never fills anything in.
      const plain = await expectOk(app, 'needs.create', { villageId, category: 'road', status: 'open', content: '修路' });
      expect(plain).toMatchObject({ owner: null, dueDate: null });
      const cleared = await need();
      expect(await expectOk(app, 'needs.update', { id: cleared.id, patch: { dueDate: null, owner: null } })).toMatchObject({ owner: null, dueDate: null });
    });
  });
});

describe('the needs list', () => {
  it('leads with the overdue needs, longest overdue first, unless a person sorts', async () => {
    await withVillage(async (app, villageId) => {
      const need = (content: string, dueDate: string | null, status: 'open' | 'done' = 'open') =>
        expectOk(app, 'needs.create', { villageId, category: 'road', content, status, dueDate, ...(status === 'done' ? { closedOn: '2026-11-01' } : {}) });
      await need('下月到期', '2026-12-20');
      await need('已办结', '2026-10-01', 'done');
      await need('逾期三天', '2026-11-24');
      await need('没有期限', null);
      await need('逾期一月', '2026-10-27');
      await need('今天到期', TODAY);
      const order = async (query: Record<string, unknown> = {}) => (await expectOk(app, 'needs.list', query)).items.map((n) => n.content);
      expect(await order()).toEqual(['逾期一月', '逾期三天', '下月到期', '今天到期', '已办结', '没有期限']);
      expect(await order({ sort: { field: 'dueDate', order: 'desc' } })).toEqual(['下月到期', '今天到期', '逾期三天', '逾期一月', '已办结', '没有期限']);
      expect(await order({ overdue: true })).toEqual(['逾期三天', '逾期一月']);
      expect(await order({ offset: 1, limit: 2 })).toEqual(['逾期三天', '下月到期']);
    });
  });
});
