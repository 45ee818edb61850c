// The hot list queries use an index, on a database with a few thousand rows. The SQL is the SQL
// crud.ts actually runs: the test records each statement the app prepares (the real statement
// still runs) and asks SQLite for its EXPLAIN QUERY PLAN with the same parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../shared/api/methods';
import { createConflictCounter } from '../../db/sync/conflicts';
import { createChangeLog } from '../../db/sync/changeLog';
import { loadDeviceKeys, sealSegment } from '../../db/sync/segments/seal';
import { expectOk, openTestApp, SECRETARY_SETUP, type TestApp } from '../helpers/openedApp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Ran { sql: string; args: unknown[] }

let app: TestApp;
let dir: string;
let villages: string[];
let householdId: string;
let projectId: string;
let ran: Ran[] = [];
let explain: (r: Ran) => string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunji-plans-'));
  app = await openTestApp(dir);
  const profile = await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, villages: [{ name: '李家村' }, { name: '王庄村' }, { name: '石桥村' }] });
  villages = profile.villageIds;
  const { store } = app.context;
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + (n % 700) * 86_400_000).toISOString().slice(0, 10);
  store.transaction(() => {
    const households: string[] = [];
    for (let i = 0; i < 3000; i++) {
      households.push(store.create('households', villages[i % 3]!, { head_name: `户${i}`, villager_group: `${i % 9}组`, category: i % 4 ? 'ordinary' : 'lifted' }));
    }
    householdId = households[0]!;
    for (let i = 0; i < 4000; i++) store.create('household_members', villages[i % 3]!, { household_id: households[(i * 7) % 3000 - ((i * 7) % 3000) % 3 + (i % 3)]!, name: `人${i}`, relation: 'child' });
    for (let i = 0; i < 4000; i++) store.create('visits', villages[i % 3]!, { household_id: households[i % 3000]!, visit_date: day(i), mode: 'home', situation: '好', confirmed: i % 2 });
    for (let i = 0; i < 3000; i++) store.create('needs', villages[i % 3]!, { household_id: households[i % 3000]!, category: 'road', content: '修路', status: ['open', 'in_progress', 'done'][i % 3]!, due_date: day(i) });
    const projects: string[] = [];
    for (let i = 0; i < 150; i++) projects.push(store.create('projects', villages[i % 3]!, { name: `项目${i}`, kind: 'industry', status: 'building', budget_fen: 1000 }));
    projectId = projects[0]!;
    for (let i = 0; i < 3000; i++) store.create('fund_entries', villages[(i % 150) % 3]!, { project_id: projects[i % 150]!, direction: i % 2 ? 'in' : 'out', amount_fen: 100, entry_date: day(i) });
    for (let i = 0; i < 2100; i++) store.create('diary_entries', villages[i % 3]!, { entry_date: day(Math.floor(i / 3)), presence: 'in_village', content: '日记', duty_tags: '[]' });
  });
  const sqlite = app.context.db.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  explain = (r) => (prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.args) as { detail: string }[]).map((row) => row.detail);
  sqlite.prepare = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['all', 'get', 'run'] as const) {
      const real = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        ran.push({ sql, args });
        return real(...args);
      };
    }
    return statement;
  }) as typeof sqlite.prepare;
}, 60_000);

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plans of the statements one call ran, on the ledger's table `t` (the list and its count). */
async function plansOf(method: ApiMethod, input: unknown): Promise<{ sql: string; plan: string[] }[]> {
  ran = [];
  await expectOk(app, method, input as never);
  return ran.filter((r) => /FROM "\w+" AS t\b/.test(r.sql)).map((r) => ({ sql: r.sql, plan: explain(r) }));
}

/** Lines of a plan that read the ledger table `t`. */
const onT = (plan: string[]) => plan.filter((line) => /^(SCAN|SEARCH) t\b/.test(line));

const HOT: [label: string, method: ApiMethod, input: () => unknown, index: RegExp][] = [
  ['households by village, ordered by head_name', 'households.list', () => ({ villageId: villages[0], sort: { field: 'headName', order: 'asc' } }), /households_by_village_head/],
  ['visits by village, ordered by visit_date', 'visits.list', () => ({ villageId: villages[0] }), /visits_by_village_date/],
  ['visits by household', 'visits.list', () => ({ filters: { householdId } }), /visits_by_household_date/],
  ['needs by village + status, ordered by due date', 'needs.list', () => ({ villageId: villages[1], filters: { status: 'open' }, sort: { field: 'dueDate', order: 'asc' } }), /needs_by_village_status_due/],
  // status NOT IN (done) cannot seek in (…, status, due_date): any index of the village will do, the page is sorted after.
  ['overdue needs of a village', 'needs.list', () => ({ villageId: villages[1], overdue: true }), /needs_by_village/],
  ['fund entries of a project', 'funds.list', () => ({ filters: { projectId } }), /funds_by_project/],
  ['diary of a village by date', 'diary.list', () => ({ villageId: villages[2], from: '2025-03-01', to: '2025-04-01' }), /diary_by_village_date/],
  ['members of a household', 'members.list', () => ({ filters: { householdId } }), /members_by_household/],
];

describe('EXPLAIN QUERY PLAN of the hot list queries', () => {
  it.each(HOT)('%s uses an index', async (_label, method, input, index) => {
    const plans = await plansOf(method, input());
    expect(plans.length, 'the list and its count ran').toBeGreaterThanOrEqual(2);
    for (const { sql, plan } of plans) {
      const reads = onT(plan);
      const where = `${sql}\n${plan.join('\n')}`;
      expect(reads, where).toHaveLength(1);
      expect(reads[0], where).toMatch(/USING (COVERING )?INDEX/);
      // The page itself uses the index made for it; its count may do with (village_id, deleted_at).
      if (!sql.startsWith('SELECT count(*)')) expect(reads[0], where).toMatch(index);
    }
  });
});

describe('the rule checks of a write use an index too', () => {
  it.each([
    ['members.create (duplicate ID number)', 'household_members', /id_number/],
    ['funds.create (overspend)', 'fund_entries', /project_id/],
    ['diary.create (one a day)', 'diary_entries', /entry_date/],
  ] as const)('%s', async (label, table, marker) => {
    ran = [];
    if (label.startsWith('members')) await expectOk(app, 'members.create', { villageId: villages[0]!, householdId, name: '新人', relation: 'child', idNumber: '11010519491231002X' });
    if (label.startsWith('funds')) await expectOk(app, 'funds.create', { villageId: villages[0]!, projectId, direction: 'out', amountFen: 1, entryDate: '2026-01-01', confirm: ['overspend', 'overBudget'] });
    if (label.startsWith('diary')) await expectOk(app, 'diary.create', { villageId: villages[0]!, entryDate: '2024-06-01', presence: 'in_village' });
    const checks = ran.filter((r) => r.sql.includes(`FROM ${table}`) && marker.test(r.sql));
    expect(checks.length, label).toBeGreaterThan(0);
    for (const r of checks) {
      const plan = explain(r);
      expect(plan.join('\n'), r.sql).toMatch(/USING (COVERING )?INDEX/);
      expect(plan.filter((l) => new RegExp(`^SCAN ${table}\\b`).test(l)), `${r.sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});

describe('the conflicts badge (conflicts.count, read after every write) never reads the change log whole', () => {
  it('finds cells with several heads by cell_heads\' key and deleted rows through changes_deletes', async () => {
    const { store } = app.context;
    const visits = app.context.db.sqlite.prepare('SELECT id FROM visits LIMIT 5').pluck().all() as string[];
    for (const id of visits) store.remove('visits', id);
    expect(await expectOk(app, 'conflicts.count', {})).toEqual({ count: 0 });
    // The handler's statements were prepared at start, before the recorder: the same counter, made now.
    const count = createConflictCounter(app.context.db.sqlite);
    ran = [];
    expect(count(villages)).toBe(0);
    const reads = ran.filter((r) => /\b(changes|cell_heads)\b/.test(r.sql));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const r of reads) {
      const plan = explain(r);
      const where = `${r.sql}\n${plan.join('\n')}`;
      // The log is searched by key, or scanned only through the small index of deletes.
      for (const line of plan.filter((l) => /^SEARCH (changes|c)\b/.test(l))) expect(line, where).toMatch(/USING /);
      for (const line of plan.filter((l) => /^SCAN (changes|c)\b/.test(l))) expect(line, where).toMatch(/USING COVERING INDEX changes_deletes/);
      if (/value = '"deleted"'/.test(r.sql)) expect(plan.join('\n'), where).toMatch(/changes_deletes/);
    }
  });
});

describe("a record's history reads the change log by index", () => {
  it("records.history of a household finds its segments by its clock's key and record_segments', and its rows by changes_by_cell, never scans", async () => {
    const { sqlite } = app.context.db;
    // The household's first changes sealed into a segment (the setup's and the first households'),
    // one more written after: its history is read from both places the log keeps changes.
    const sealed = sealSegment(sqlite, loadDeviceKeys(sqlite), { maxChanges: 300 })!;
    expect(createChangeLog(sqlite).ofRecord('households', householdId).some((c) => c.segment === sealed.hash)).toBe(true);
    app.context.store.update('households', householdId, { address: '东头' });
    ran = [];
    const { entries } = await expectOk(app, 'records.history', { ledger: 'households', id: householdId });
    expect(entries[0]).toMatchObject({ field: 'address', after: '东头' });
    const reads = ran.filter((r) => /\b(changes|clocks|record_segments|segments|segment_exclusions|names)\b/.test(r.sql));
    const plans = reads.map((r) => ({ sql: r.sql, plan: explain(r).join('\n') }));
    const planOf = (marker: RegExp) => {
      const found = plans.filter((p) => marker.test(p.sql));
      expect(found.length, `${marker} ran`).toBeGreaterThan(0);
      return found.map((p) => p.plan).join('\n');
    };
    // The record's first segment by its clock's key, its further ones by record_segments' key, their names by theirs.
    const segments = planOf(/FROM record_segments/);
    expect(segments).toMatch(/SEARCH k USING PRIMARY KEY \(tbl=\? AND row_id=\?\)/);
    expect(segments).toMatch(/SEARCH r USING PRIMARY KEY \(tbl=\? AND row_id=\?\)/);
    expect(segments).toMatch(/SEARCH n USING INTEGER PRIMARY KEY/);
    // The household sealed once: its segment is its clock's, record_segments holds nothing of it.
    expect(sqlite.prepare('SELECT count(*) FROM record_segments').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM clocks WHERE segment IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    // Its rows of `changes` by the cell index, each row's segment by the segments' key.
    const rows = planOf(/FROM changes AS c WHERE c\.tbl = \? AND c\.row_id = \?/);
    expect(rows).toMatch(/SEARCH c USING INDEX changes_by_cell \(tbl=\? AND row_id=\?\)/);
    expect(rows).toMatch(/SEARCH s USING (COVERING )?INDEX sqlite_autoindex_segments_1 \(hash=\?\)/);
    // A segment's body by its hash, what the log leaves out of it by its key.
    expect(planOf(/FROM segments WHERE hash = \?/)).toMatch(/SEARCH segments USING INDEX sqlite_autoindex_segments_1 \(hash=\?\)/);
    expect(planOf(/FROM segment_exclusions WHERE segment = \?/)).toMatch(/SEARCH segment_exclusions USING (COVERING INDEX|PRIMARY KEY) .*\(segment=\?\)/);
    for (const { sql, plan } of plans) expect(plan.split('\n').filter((l) => /^SCAN\b/.test(l)), `${sql}\n${plan}`).toEqual([]);
  });
});
