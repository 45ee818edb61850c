// `<ledger>.list`: equality filters on every filterable field, literal search, a date range,
// overdue by the China calendar day, a sort on any field with the id as tiebreak, paging with
// the full total, and the names of referenced rows.
import { describe, expect, it } from 'vitest';
import type { ApiMethod, LedgerNoun } from '../../../../shared/api/methods';
import { LEDGER_DEFINITIONS } from '../../../../shared/domain/ledgers/index';
import { APP_START_TIME, expectOk, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { createRefs, sampleOf } from '../../../helpers/ledgerSamples';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();

type Item = Record<string, unknown> & { id: string };
interface Page { items: Item[]; total: number }

async function withApp(body: (app: TestApp, villageId: string) => Promise<void>, startTime = APP_START_TIME): Promise<void> {
  const app = await openTestApp(tempDir(), startTime);
  try {
    const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
    await body(app, profile.villageIds[0]!);
  } finally {
    app.close();
  }
}

const list = (app: TestApp, noun: LedgerNoun, input: Record<string, unknown> = {}) => expectOk(app, `${noun}.list` as ApiMethod, input as never) as Promise<Page>;
const create = (app: TestApp, noun: LedgerNoun, input: Record<string, unknown>) => expectOk(app, `${noun}.create` as ApiMethod, input as never) as Promise<Item>;

describe('filters', () => {
  it.each(Object.keys(LEDGER_DEFINITIONS) as LedgerNoun[])('%s: each filterable field keeps only the rows equal to it', async (noun) => {
    await withApp(async (app, villageId) => {
      const def = LEDGER_DEFINITIONS[noun];
      const sample = sampleOf(noun);
      const refs = await createRefs(app, villageId, sample.needs);
      const a = await create(app, noun, { villageId, ...sample.input(refs, 1001) });
      // A second row differing in every filterable field it can (its own references, other choices).
      const otherRefs = await createRefs(app, villageId, sample.needs);
      const b = await create(app, noun, { villageId, ...sample.input(otherRefs, 1002) });
      for (const field of def.filterable as readonly string[]) {
        const value = a[field];
        const page = await list(app, noun, { filters: { [field]: value } });
        const expected = [a, b].filter((row) => row[field] === value).map((row) => row.id).sort();
        expect(page.items.map((r) => r.id).sort(), `${noun} filtered on ${field} = ${JSON.stringify(value)}`).toEqual(expected);
        expect(page.total).toBe(expected.length);
        for (const item of page.items) expect(item[field]).toEqual(value);
      }
    });
  });

  it('a filter value that matches nothing, and null for "not set"', async () => {
    await withApp(async (app, villageId) => {
      await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '一组', category: 'lifted', housingGrade: 'c' });
      const none = await create(app, 'households', { villageId, headName: '李四海', villagerGroup: '二组', category: 'ordinary' });
      expect((await list(app, 'households', { filters: { category: 'monitored' } })).total).toBe(0);
      expect((await list(app, 'households', { filters: { housingGrade: null } })).items.map((r) => r.id)).toEqual([none.id]);
      expect((await list(app, 'households', { filters: { category: 'lifted', villagerGroup: '二组' } })).total).toBe(0);
    });
  });

  it('a filter left out is not filtered on (no default slips in)', async () => {
    await withApp(async (app, villageId) => {
      const refs = await createRefs(app, villageId, ['householdId']);
      await create(app, 'visits', { villageId, householdId: refs.householdId, visitDate: '2026-11-01', mode: 'home', situation: '一', confirmed: true });
      await create(app, 'visits', { villageId, householdId: refs.householdId, visitDate: '2026-11-02', mode: 'home', situation: '二' });
      expect((await list(app, 'visits', { filters: { householdId: refs.householdId } })).total).toBe(2);
      expect((await list(app, 'visits', { filters: {} })).total).toBe(2);
      await create(app, 'monitoring', { villageId, householdId: refs.householdId, monitorType: 'marginal', riskCleared: true, clearedDate: '2026-11-20' });
      expect((await list(app, 'monitoring', { filters: { monitorType: 'marginal' } })).total).toBe(1);
    });
  });

  it('boolean filters', async () => {
    await withApp(async (app, villageId) => {
      const refs = await createRefs(app, villageId, ['householdId']);
      const yes = await create(app, 'visits', { villageId, householdId: refs.householdId, visitDate: '2026-11-01', mode: 'home', situation: '一', confirmed: true });
      const no = await create(app, 'visits', { villageId, householdId: refs.householdId, visitDate: '2026-11-02', mode: 'home', situation: '二' });
      expect((await list(app, 'visits', { filters: { confirmed: true } })).items.map((r) => r.id)).toEqual([yes.id]);
      expect((await list(app, 'visits', { filters: { confirmed: false } })).items.map((r) => r.id)).toEqual([no.id]);
    });
  });
});

describe('township', () => {
  it('keeps the villages of one township among those in scope, and none of another', async () => {
    const app = await openTestApp(tempDir());
    try {
      await expectOk(app, 'device.setup', { role: 'district', name: '周强', unit: '临河县委组织部', unitLevel: 'county', county: '临河县', townships: ['青石镇', '白河镇'] });
      const village = (name: string, township: string, code: string) => expectOk(app, 'villages.create', { name, township, county: '临河县', code });
      const a = await village('李家村', '青石镇', '371325101201');
      const b = await village('河口村', '白河镇', '371325102201');
      await create(app, 'households', { villageId: a.id, headName: '王建国', villagerGroup: '一组', category: 'ordinary' });
      await create(app, 'households', { villageId: b.id, headName: '赵大海', villagerGroup: '二组', category: 'ordinary' });
      const heads = async (input: Record<string, unknown>) => (await list(app, 'households', input)).items.map((r) => r.headName).sort();
      expect(await heads({})).toEqual(['王建国', '赵大海']);
      expect(await heads({ township: '白河镇' })).toEqual(['赵大海']);
      expect(await heads({ township: '东山镇' })).toEqual([]);
      // A village named beside it wins: the list is that village's.
      expect(await heads({ township: '白河镇', villageId: a.id })).toEqual(['王建国']);
    } finally {
      app.close();
    }
  });
});

describe('search', () => {
  it('matches any searchable field, and takes %, _ and \\ literally', async () => {
    await withApp(async (app, villageId) => {
      const names = ['王建国', '100%达标', '王_五', '李\\四', '赵六'];
      const ids: Record<string, string> = {};
      for (const [i, headName] of names.entries()) ids[headName] = (await create(app, 'households', { villageId, headName, villagerGroup: `${i}组`, category: 'ordinary', helperName: i === 4 ? '帮扶人王' : null })).id;
      const found = async (search: string) => (await list(app, 'households', { search })).items.map((r) => r.headName).sort();
      expect(await found('%')).toEqual(['100%达标']);
      expect(await found('_')).toEqual(['王_五']);
      expect(await found('\\')).toEqual(['李\\四']);
      expect(await found('王')).toEqual(['王_五', '王建国', '赵六'].sort()); // 赵六 by its helper's name
      expect(await found('王%')).toEqual([]);
      expect(await found('  建国 ')).toEqual(['王建国']);
      expect(await found('')).toHaveLength(5);
    });
  });
});

describe('from and to', () => {
  it('bound the date field, both ends included', async () => {
    await withApp(async (app, villageId) => {
      const refs = await createRefs(app, villageId, ['householdId']);
      for (const visitDate of ['2026-10-31', '2026-11-01', '2026-11-15', '2026-11-30', '2026-12-01']) {
        await create(app, 'visits', { villageId, householdId: refs.householdId, visitDate, mode: 'home', situation: visitDate });
      }
      const dates = async (input: Record<string, unknown>) => (await list(app, 'visits', input)).items.map((r) => r.visitDate);
      expect(await dates({ from: '2026-11-01', to: '2026-11-30' })).toEqual(['2026-11-30', '2026-11-15', '2026-11-01']);
      expect(await dates({ from: '2026-11-30' })).toEqual(['2026-12-01', '2026-11-30']);
      expect(await dates({ to: '2026-10-31' })).toEqual(['2026-10-31']);
      expect(await dates({ from: '2026-12-02' })).toEqual([]);
    }, Date.UTC(2027, 0, 1));
  });

  it('bound another of the ledger\'s dates when dateField names it: needs closed in a month', async () => {
    await withApp(async (app, villageId) => {
      const need = (content: string, dueDate: string, closedOn: string | null) =>
        create(app, 'needs', { villageId, category: 'water', content, dueDate, status: closedOn ? 'done' : 'open', closedOn });
      await need('closed in October', '2026-12-01', '2026-10-20');
      await need('closed in November', '2026-10-05', '2026-11-03');
      await need('still open', '2026-11-10', null);
      const contents = async (input: Record<string, unknown>) => (await list(app, 'needs', input)).items.map((r) => r.content).sort();
      expect(await contents({ from: '2026-11-01', to: '2026-11-30' })).toEqual(['still open']);
      expect(await contents({ from: '2026-11-01', to: '2026-11-30', dateField: 'closedOn' })).toEqual(['closed in November']);
      expect(await contents({ dateField: 'dueDate', to: '2026-10-31' })).toEqual(['closed in November']);
    }, Date.UTC(2027, 0, 1));
  });
});

describe('overdue', () => {
  // 2026-11-26 16:30 UTC is already 2026-11-27 00:30 in China.
  const LATE_EVENING_UTC = Date.UTC(2026, 10, 26, 16, 30);

  it.each([
    ['needs', 'status', 'open', 'done'],
    ['plans', 'status', 'planned', 'done'],
    ['commitments', 'status', 'pending', 'fulfilled'],
  ] as const)('%s: due before today (China time) and not done', async (noun, statusField, open, done) => {
    await withApp(async (app, villageId) => {
      const sample = sampleOf(noun);
      const refs = await createRefs(app, villageId, sample.needs);
      const row = async (dueDate: string | null, status: string) =>
        (await create(app, noun, { villageId, ...sample.input(refs, 1), dueDate, [statusField]: status, ...(status === 'done' && noun === 'needs' ? { closedOn: '2026-11-20' } : {}) })).id;
      const yesterday = await row('2026-11-26', open);
      const today = await row('2026-11-27', open);
      await row('2026-11-28', open);
      await row('2026-11-01', done);
      await row(null, open);
      const overdue = async () => (await list(app, noun, { overdue: true })).items.map((r) => r.id).sort();
      expect(await overdue()).toEqual([yesterday]);
      // A minute before midnight in China (15:59 UTC), 11-26 is still today.
      app.setTime(Date.UTC(2026, 10, 26, 15, 59));
      expect(await overdue()).toEqual([]);
      app.setTime(Date.UTC(2026, 10, 27, 16, 0));
      expect(await overdue()).toEqual([yesterday, today].sort());
      expect((await list(app, noun, { overdue: false })).total).toBe(5);
    }, LATE_EVENING_UTC);
  });
});

describe('sort', () => {
  it.each(Object.keys(LEDGER_DEFINITIONS.households.fields).concat(['createdAt', 'updatedAt']))('households by %s, asc and desc, ties broken by id', async (field) => {
    await withApp(async (app, villageId) => {
      // Values repeat so the tiebreak matters.
      const rows: Item[] = [];
      for (let i = 0; i < 6; i++) {
        app.advance(i % 2 === 0 ? 0 : 1000);
        rows.push(await create(app, 'households', {
          villageId, headName: ['王一', '李二', '张三'][i % 3], villagerGroup: `${i}组`, gridCell: i % 2 ? 'A' : 'B', category: i % 2 ? 'ordinary' : 'lifted',
          phone: i % 3 ? `1380000000${i % 2}` : null, address: `${5 - (i % 3)}号`, housingGrade: i % 2 ? 'safe' : null, helperName: i % 3 ? '帮' : '扶', notes: null,
        }));
      }
      for (const order of ['asc', 'desc'] as const) {
        const page = await list(app, 'households', { sort: { field, order } });
        const key = (r: Item) => r[field] as string | null;
        const expected = [...rows].sort((x, y) => {
          const [a, b] = [key(x), key(y)];
          // SQLite puts NULL first ascending, last descending; then the id ascending.
          const cmp = a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
          return (order === 'asc' ? cmp : -cmp) || (x.id < y.id ? -1 : 1);
        });
        expect(page.items.map((r) => r.id), `${field} ${order}`).toEqual(expected.map((r) => r.id));
      }
    });
  });

  it('defaults to the date field, newest first; without one, the latest updated first', async () => {
    await withApp(async (app, villageId) => {
      const refs = await createRefs(app, villageId, ['householdId']);
      for (const visitDate of ['2026-11-02', '2026-11-03', '2026-11-01']) await create(app, 'visits', { villageId, householdId: refs.householdId, visitDate, mode: 'home', situation: '好' });
      expect((await list(app, 'visits')).items.map((r) => r.visitDate)).toEqual(['2026-11-03', '2026-11-02', '2026-11-01']);
      const first = await create(app, 'indicators', { villageId, year: 2025 });
      app.advance(1000);
      await create(app, 'indicators', { villageId, year: 2026 });
      app.advance(1000);
      await expectOk(app, 'indicators.update', { id: first.id, patch: { population: 5 } });
      expect((await list(app, 'indicators')).items.map((r) => r.year)).toEqual([2025, 2026]);
    });
  });
});

describe('paging', () => {
  it('offset and limit page through; total is the full count', async () => {
    await withApp(async (app, villageId) => {
      for (let i = 0; i < 7; i++) await create(app, 'commitments', { villageId, content: `承诺${i}`, year: 2026, status: 'pending', dueDate: `2026-12-0${i + 1}` });
      const all = (await list(app, 'commitments', { sort: { field: 'dueDate', order: 'asc' } })).items.map((r) => r.content);
      const pages: unknown[] = [];
      for (let offset = 0; offset < 9; offset += 3) {
        const page = await list(app, 'commitments', { sort: { field: 'dueDate', order: 'asc' }, offset, limit: 3 });
        expect(page.total).toBe(7);
        pages.push(...page.items.map((r) => r.content));
      }
      expect(pages).toEqual(all);
      expect(all).toHaveLength(7);
      expect(await list(app, 'commitments', { offset: 7 })).toEqual({ items: [], total: 7 });
      expect((await list(app, 'commitments', { search: '承诺1', limit: 1 })).total).toBe(1);
    });
  });
});

describe('refNames', () => {
  it('carry the household head and the project name (and follow a rename)', async () => {
    await withApp(async (app, villageId) => {
      const home = await create(app, 'households', { villageId, headName: '王建国', category: 'ordinary' });
      const project = await create(app, 'projects', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 1 });
      const visit = await create(app, 'visits', { villageId, householdId: home.id, visitDate: '2026-11-20', mode: 'home', situation: '好' });
      await create(app, 'members', { villageId, householdId: home.id, name: '王一', relation: 'head' });
      await create(app, 'funds', { villageId, projectId: project.id, direction: 'in', amountFen: 5, entryDate: '2026-11-01' });
      await create(app, 'needs', { villageId, householdId: home.id, visitId: visit.id, category: 'road', content: '修路', status: 'open' });
      await create(app, 'needs', { villageId, category: 'road', content: '全村的路', status: 'open' });
      expect((await list(app, 'members')).items[0]!.refNames).toEqual({ householdId: '王建国' });
      expect((await list(app, 'visits')).items[0]!.refNames).toEqual({ householdId: '王建国' });
      expect((await list(app, 'funds')).items[0]!.refNames).toEqual({ projectId: '村道硬化' });
      const needs = (await list(app, 'needs', { sort: { field: 'content', order: 'asc' } })).items;
      expect(needs.map((n) => [n.content, n.refNames])).toEqual([['修路', { householdId: '王建国', visitId: '2026-11-20' }], ['全村的路', {}]]);
      await expectOk(app, 'households.update', { id: home.id, patch: { headName: '王建军' } });
      expect((await list(app, 'members')).items[0]!.refNames).toEqual({ householdId: '王建军' });
    });
  });
});
