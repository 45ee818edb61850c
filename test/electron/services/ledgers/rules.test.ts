// What a ledger checks against the database before a write: references to live rows of the same
// village, one ID number per person, similar households and overspent projects (asked, then
// accepted with `confirm`), one diary entry a day, leave days derived, cross-field checks on the
// merged record of an update, cascades on delete, and the device's scope on every read.
import { describe, expect, it } from 'vitest';
import { V } from '../../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { validIdNumber } from '../../../helpers/ledgerSamples';
import { useTempDirs } from '../../../helpers/tempDir';
import { villageOfAnotherTownship } from '../../../helpers/foreignVillage';

const tempDir = useTempDirs();

async function withVillages(body: (app: TestApp, here: string, there: string) => Promise<void>): Promise<void> {
  const app = await openTestApp(tempDir());
  try {
    const profile = await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, villages: [{ name: '李家村' }, { name: '王庄村' }] });
    const [here, there] = profile.villageIds as [string, string];
    await body(app, here, there);
  } finally {
    app.close();
  }
}

const household = (app: TestApp, villageId: string, headName: string, villagerGroup: string | null = '一组') =>
  expectOk(app, 'households.create', { villageId, headName, villagerGroup, category: 'ordinary' });

function rowOf(app: TestApp, table: string, id: string): Record<string, unknown> {
  return app.context.db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown>;
}

function rowChanges(app: TestApp, id: string): string[] {
  return app.context.db.sqlite.prepare("SELECT value FROM changes WHERE row_id = ? AND col = '_row'").pluck().all(id) as string[];
}

describe('references', () => {
  it('must be live rows of the same village', async () => {
    await withVillages(async (app, here, there) => {
      const mine = await household(app, here, '王建国');
      const theirs = await household(app, there, '孙大海');
      const gone = await household(app, here, '赵二', '二组');
      await expectOk(app, 'households.delete', { id: gone.id });
      const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
      const member = (householdId: string) => ({ villageId: here, householdId, name: '王小明', relation: 'child' as const });
      const before = app.snapshot();
      for (const id of [theirs.id, gone.id, missing]) {
        const error = await expectRefused(app, 'members.create', member(id));
        expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['householdId'], message: V.reference }] });
      }
      expect(app.snapshot()).toBe(before);
      const ok = await expectOk(app, 'members.create', member(mine.id));
      expect(ok.refNames).toEqual({ householdId: '王建国' });
      // Moving it to another village's household by update is refused too.
      const error = await expectRefused(app, 'members.update', { id: ok.id, patch: { householdId: theirs.id } });
      expect(error.issues).toEqual([{ path: ['householdId'], message: V.reference }]);
      // A need may refer to a visit; it must be one of the same village.
      const theirVisit = await expectOk(app, 'visits.create', { villageId: there, householdId: theirs.id, visitDate: '2026-11-01', mode: 'home', situation: '好' });
      const needError = await expectRefused(app, 'needs.create', { villageId: here, visitId: theirVisit.id, category: 'road', content: '修路', status: 'open' });
      expect(needError.issues).toEqual([{ path: ['visitId'], message: V.reference }]);
    });
  });
});

describe('ID numbers', () => {
  it('one person, one ID number, across households and villages; a lowercase x is the same number', async () => {
    await withVillages(async (app, here, there) => {
      const a = await household(app, here, '王建国');
      const b = await household(app, there, '孙大海');
      let withX = '';
      for (let n = 0; !withX.endsWith('X'); n++) withX = validIdNumber(n);
      const first = await expectOk(app, 'members.create', { villageId: here, householdId: a.id, name: '王一', relation: 'head', idNumber: withX });
      expect(first.idNumber).toBe(withX);
      const before = app.snapshot();
      for (const [villageId, householdId, idNumber] of [[here, a.id, withX], [there, b.id, withX.toLowerCase()], [here, a.id, ` ${withX.toLowerCase()} `]] as const) {
        const error = await expectRefused(app, 'members.create', { villageId, householdId, name: '王二', relation: 'child', idNumber });
        expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['idNumber'], message: V.duplicateIdNumber }] });
      }
      expect(app.snapshot()).toBe(before);
      // Editing the person who has it is fine; a deleted person frees it.
      await expectOk(app, 'members.update', { id: first.id, patch: { name: '王一一', idNumber: withX.toLowerCase() } });
      await expectOk(app, 'members.delete', { id: first.id });
      await expectOk(app, 'members.create', { villageId: there, householdId: b.id, name: '孙二', relation: 'child', idNumber: withX.toLowerCase() });
    });
  });
});

describe('similar households', () => {
  it.each([['王建围'], ['王 建国'], [' 王建 围 '], ['王建国']])('%s next to 王建国 in the same group asks first, and is kept once confirmed', async (name) => {
    await withVillages(async (app, here) => {
      await household(app, here, '王建国', '一组');
      const before = app.snapshot();
      const error = await expectRefused(app, 'households.create', { villageId: here, headName: name, villagerGroup: '一组', category: 'ordinary' });
      expect(error).toMatchObject({ code: 'NEEDS_CONFIRMATION', issues: [{ path: ['headName'], message: V.similarHousehold }] });
      expect(error.message).toBe('similarHousehold');
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'households.create', { villageId: here, headName: name, villagerGroup: '一组', category: 'ordinary', confirm: ['similarHousehold'] });
    });
  });

  it('is fine in another group, another village, or with a clearly different name; and an edit does not compare a household with itself', async () => {
    await withVillages(async (app, here, there) => {
      const first = await household(app, here, '王建国', '一组');
      await household(app, here, '王建围', '二组');
      await household(app, there, '王建围', '一组');
      await household(app, here, '李四海', '一组');
      await expectOk(app, 'households.update', { id: first.id, patch: { headName: '王建国', phone: '13800000000' } });
      // Moving a household into a group that has a similar one asks too.
      const other = await household(app, here, '王建华', '三组');
      const error = await expectRefused(app, 'households.update', { id: other.id, patch: { villagerGroup: '一组' } });
      expect(error.code).toBe('NEEDS_CONFIRMATION');
    });
  });
});

describe('overspending a project', () => {
  it('asks when out would pass in, accepts with confirm, and an edit of an out entry does not count itself twice', async () => {
    await withVillages(async (app, here) => {
      const project = await expectOk(app, 'projects.create', { villageId: here, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 1_000_000 });
      const fund = (direction: 'in' | 'out', amountFen: number, confirm?: 'overspend'[]) => ({
        villageId: here, projectId: project.id, direction, amountFen, entryDate: '2026-11-01', ...(confirm ? { confirm } : {}),
      });
      await expectOk(app, 'funds.create', fund('in', 10_000));
      const spent = await expectOk(app, 'funds.create', fund('out', 6_000));
      await expectOk(app, 'funds.create', fund('out', 4_000)); // exactly all of it: not overspent
      const before = app.snapshot();
      const error = await expectRefused(app, 'funds.create', fund('out', 1));
      expect(error).toMatchObject({ code: 'NEEDS_CONFIRMATION', message: 'overspend', issues: [{ path: ['amountFen'], message: V.overspend }] });
      expect(app.snapshot()).toBe(before);
      // Editing an out entry: 6000 → 6000 with another field is no overspend; → 6001 is.
      await expectOk(app, 'funds.update', { id: spent.id, patch: { purpose: '水泥' } });
      await expectOk(app, 'funds.update', { id: spent.id, patch: { amountFen: 5_000 } });
      await expectOk(app, 'funds.update', { id: spent.id, patch: { amountFen: 6_000 } });
      const editError = await expectRefused(app, 'funds.update', { id: spent.id, patch: { amountFen: 6_001 } });
      expect(editError.issues).toEqual([{ path: ['amountFen'], message: V.overspend }]);
      await expectOk(app, 'funds.update', { id: spent.id, patch: { amountFen: 6_001 }, confirm: ['overspend'] });
      await expectOk(app, 'funds.create', fund('out', 500, ['overspend']));
      // Money of another project does not count.
      const other = await expectOk(app, 'projects.create', { villageId: here, name: '养殖场', kind: 'industry', status: 'building', budgetFen: 1 });
      expect((await expectRefused(app, 'funds.create', { ...fund('out', 1), projectId: other.id })).code).toBe('NEEDS_CONFIRMATION');
    });
  });
});

describe('the diary', () => {
  it('one entry a day per village; another village the same day is fine; a deleted entry frees its day', async () => {
    await withVillages(async (app, here, there) => {
      const entry = (villageId: string, entryDate = '2026-11-20') => ({ villageId, entryDate, presence: 'in_village' as const, content: '走访' });
      const first = await expectOk(app, 'diary.create', entry(here));
      const before = app.snapshot();
      const error = await expectRefused(app, 'diary.create', entry(here));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['entryDate'], message: V.diaryDayTaken }] });
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'diary.create', entry(there));
      const second = await expectOk(app, 'diary.create', entry(here, '2026-11-21'));
      expect((await expectRefused(app, 'diary.update', { id: second.id, patch: { entryDate: '2026-11-20' } })).issues).toEqual([{ path: ['entryDate'], message: V.diaryDayTaken }]);
      await expectOk(app, 'diary.update', { id: first.id, patch: { content: '开会' } });
      await expectOk(app, 'diary.delete', { id: first.id });
      await expectOk(app, 'diary.create', entry(here));
    });
  });
});

describe('leaves', () => {
  it('derive days on create and on an update of endDate, whatever days the caller sends', async () => {
    await withVillages(async (app, here) => {
      const leave = await expectOk(app, 'leaves.create', { villageId: here, startDate: '2026-12-30', endDate: '2027-01-01', days: 99, approverLevel: 'township', status: 'pending' });
      expect(leave.days).toBe(3);
      expect(rowOf(app, 'leave_requests', leave.id).days).toBe(3);
      const longer = await expectOk(app, 'leaves.update', { id: leave.id, patch: { endDate: '2027-01-05', approverLevel: 'county' } });
      expect(longer.days).toBe(7);
      const sent = await expectOk(app, 'leaves.update', { id: leave.id, patch: { days: 1 } });
      expect(sent.days).toBe(7);
      // Extending a township leave past 3 days without a new approver level is refused.
      const short = await expectOk(app, 'leaves.create', { villageId: here, startDate: '2026-12-01', endDate: '2026-12-01', approverLevel: 'township', status: 'pending' });
      const error = await expectRefused(app, 'leaves.update', { id: short.id, patch: { endDate: '2026-12-04' } });
      expect(error.issues).toEqual([{ path: ['approverLevel'], message: V.approverLevel }]);
      expect(rowOf(app, 'leave_requests', short.id).days).toBe(1);
    });
  });
});

describe('updates check the merged record', () => {
  it('an endDate before the stored startDate is refused, though the patch alone is fine, and nothing is stored', async () => {
    await withVillages(async (app, here) => {
      const project = await expectOk(app, 'projects.create', { villageId: here, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 1, startDate: '2026-03-01' });
      const leave = await expectOk(app, 'leaves.create', { villageId: here, startDate: '2026-12-10', endDate: '2026-12-11', approverLevel: 'township', status: 'pending' });
      const need = await expectOk(app, 'needs.create', { villageId: here, category: 'road', content: '修路', status: 'open' });
      const before = app.snapshot();
      expect((await expectRefused(app, 'projects.update', { id: project.id, patch: { endDate: '2026-02-28' } })).issues).toEqual([{ path: ['endDate'], message: V.dateOrder }]);
      expect((await expectRefused(app, 'leaves.update', { id: leave.id, patch: { endDate: '2026-12-09' } })).issues).toEqual([{ path: ['endDate'], message: V.dateOrder }]);
      expect((await expectRefused(app, 'needs.update', { id: need.id, patch: { status: 'done' } })).issues).toEqual([{ path: ['closedOn'], message: V.required }]);
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'needs.update', { id: need.id, patch: { status: 'done', closedOn: '2026-11-27' } });
      // Clearing a field in the merged record is checked too: a done need cannot lose its day.
      expect((await expectRefused(app, 'needs.update', { id: need.id, patch: { closedOn: null } })).issues).toEqual([{ path: ['closedOn'], message: V.required }]);
    });
  });
});

describe('deletes', () => {
  it('a household takes its members with it; a project its fund entries: tombstones and _row changes', async () => {
    await withVillages(async (app, here) => {
      const home = await household(app, here, '王建国');
      const keep = await household(app, here, '李四海', '二组');
      const m1 = await expectOk(app, 'members.create', { villageId: here, householdId: home.id, name: '王一', relation: 'head' });
      const m2 = await expectOk(app, 'members.create', { villageId: here, householdId: home.id, name: '王二', relation: 'child' });
      const other = await expectOk(app, 'members.create', { villageId: here, householdId: keep.id, name: '李一', relation: 'head' });
      await expectOk(app, 'members.delete', { id: m2.id });
      const project = await expectOk(app, 'projects.create', { villageId: here, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 1 });
      const f1 = await expectOk(app, 'funds.create', { villageId: here, projectId: project.id, direction: 'in', amountFen: 100, entryDate: '2026-11-01' });

      app.advance(60_000);
      await expectOk(app, 'households.delete', { id: home.id });
      await expectOk(app, 'projects.delete', { id: project.id });
      for (const [table, id] of [['households', home.id], ['household_members', m1.id], ['projects', project.id], ['fund_entries', f1.id]] as const) {
        expect(rowOf(app, table, id).deleted_at, `${table} ${id}`).not.toBeNull();
        expect(rowChanges(app, id), `${table} ${id}`).toEqual(['"deleted"']);
      }
      // The member deleted before is not deleted twice; another household's member stays.
      expect(rowChanges(app, m2.id)).toEqual(['"deleted"']);
      expect(rowOf(app, 'household_members', other.id).deleted_at).toBeNull();
      expect((await expectOk(app, 'members.list', { villageId: here })).items.map((m) => m.id)).toEqual([other.id]);
      expect((await expectRefused(app, 'members.get', { id: m1.id })).code).toBe('NOT_FOUND');
      expect((await expectRefused(app, 'funds.get', { id: f1.id })).code).toBe('NOT_FOUND');
    });
  });
});

describe('scope and tombstones on reads', () => {
  it('get, list, update and delete never reach rows of villages out of scope, or deleted rows', async () => {
    const app = await openTestApp(tempDir());
    try {
      await expectOk(app, 'device.setup', { role: 'coordinator', name: '王芳', unit: '青石镇人民政府', unitLevel: 'township', township: '青石镇', county: '临河县' });
      const own = await expectOk(app, 'villages.create', { name: '李家村', township: '青石镇' });
      const elsewhere = villageOfAnotherTownship(app, '张庄村', '白河镇');
      const mine = await household(app, own.id, '王建国');
      // A row of the other township's village, as sync could bring it: written by the store.
      const theirs = app.context.store.create('households', elsewhere.id, { head_name: '孙大海', category: 'ordinary' });
      const dead = await household(app, own.id, '赵二', '二组');
      await expectOk(app, 'households.delete', { id: dead.id });

      const listed = await expectOk(app, 'households.list');
      expect(listed).toMatchObject({ total: 1, items: [{ id: mine.id }] });
      expect(await expectOk(app, 'households.list', { villageId: elsewhere.id })).toEqual({ items: [], total: 0 });
      expect((await expectOk(app, 'households.list', { search: '孙' })).total).toBe(0);
      const before = app.snapshot();
      for (const id of [theirs, dead.id]) {
        expect((await expectRefused(app, 'households.get', { id })).code).toBe('NOT_FOUND');
        expect((await expectRefused(app, 'households.update', { id, patch: { notes: 'x' } })).code).toBe('NOT_FOUND');
        expect((await expectRefused(app, 'households.delete', { id })).code).toBe('NOT_FOUND');
      }
      expect(app.snapshot()).toBe(before);
    } finally {
      app.close();
    }
  });
});

describe('who recorded a row', () => {
  it('names this device and its person on every row it wrote, and keeps naming them after edits by anyone', async () => {
    const app = await openTestApp(tempDir());
    try {
      const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
      const villageId = profile.villageIds[0]!;
      const household = await expectOk(app, 'households.create', { villageId, headName: '王建国', category: 'ordinary' });
      expect(household.recordedBy).toEqual({ deviceId: profile.deviceId, name: SECRETARY_SETUP.name });
      await expectOk(app, 'households.update', { id: household.id, patch: { category: 'lifted' } });
      const listed = await expectOk(app, 'households.list', {});
      expect(listed.items[0]!.recordedBy).toEqual({ deviceId: profile.deviceId, name: SECRETARY_SETUP.name });
    } finally {
      app.close();
    }
  });
});
