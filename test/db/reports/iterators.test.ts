// The reports' row iterators (db/reports): each streams exactly the rows its count says, walks
// each village on that village's index (never a whole ledger), and its flags add up to the
// dashboards' measures (db/dashboard) — one source of figures for the screen and the file —
// also for records of a deleted household or project. The job's reader sees one snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villageMeasures } from '../../../db/dashboard/index';
import { periodParams, type FigureQuery } from '../../../db/dashboard/period';
import type { Sqlite } from '../../../db/open';
import { attendanceLines, countAttendance } from '../../../db/reports/attendance';
import { countFundEntries, countProjects, fundLines, projectLines } from '../../../db/reports/funds';
import { commitmentLines, countCommitments, countPlans, planLines } from '../../../db/reports/monthly';
import { DEFAULT_DUTIES } from '../../../shared/domain/settings';
import { countMonitoring, monitoringLines } from '../../../db/reports/monitoring';
import { countNoticeHouseholds, countNoticeMonitoring, noticeHouseholdLines, noticeMonitoringLines } from '../../../db/reports/notice';
import { openReportReader } from '../../../db/reports/reader';
import { bind, reportVillages, type ReportVillage } from '../../../db/reports/villages';
import { countNeeds, countVisits, needLines, visitLines } from '../../../db/reports/visitsNeeds';
import { expectOk, openTestApp, type TestApp } from '../../helpers/openedApp';

const TODAY = '2026-11-27';
const PERIODS = [
  { from: '2026-10-01', to: '2026-10-31' },
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2024-11-28', to: TODAY },
  { from: '2020-01-01', to: '2020-03-31' },
];

let app: TestApp;
let dir: string;
let villageIds: string[];
let villages: ReportVillage[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunji-db-reports-'));
  app = await openTestApp(dir);
  await expectOk(app, 'demo.load');
  villageIds = (await expectOk(app, 'villages.list')).items.map((v) => v.id);
  const sqlite = app.context.db.sqlite;
  // As sync can bring them: a household deleted with its visits and monitoring left standing, a project deleted with its money.
  const monitored = sqlite.prepare('SELECT household_id FROM monitored_households WHERE deleted_at IS NULL LIMIT 1').pluck().get() as string;
  app.context.store.remove('households', monitored);
  const visited = sqlite.prepare("SELECT household_id FROM visits WHERE deleted_at IS NULL AND visit_date >= '2026-10-01' LIMIT 1").pluck().get() as string;
  app.context.store.remove('households', visited);
  const funded = sqlite.prepare("SELECT project_id FROM fund_entries WHERE deleted_at IS NULL AND direction = 'out' LIMIT 1").pluck().get() as string;
  app.context.store.remove('projects', funded);
  villages = reportVillages(sqlite, villageIds);
}, 60_000);
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const paramsOf = (period: { from: string; to: string }) => periodParams({ villageIds, ...period, today: TODAY } satisfies FigureQuery);
const sum = <T>(rows: Iterable<T>, of: (r: T) => number) => [...rows].reduce((s, r) => s + of(r), 0);

describe.each(PERIODS)('from $from to $to', (period) => {
  it('each iterator streams as many rows as its count, village by village in report order', () => {
    const sqlite = app.context.db.sqlite;
    const p = paramsOf(period);
    const pairs: [string, number, { village: ReportVillage }[]][] = [
      ['visits', countVisits(sqlite, p), [...visitLines(sqlite, p, villages)]],
      ['needs', countNeeds(sqlite, p), [...needLines(sqlite, p, villages)]],
      ['projects', countProjects(sqlite, p), [...projectLines(sqlite, p, villages)]],
      ['funds', countFundEntries(sqlite, p), [...fundLines(sqlite, p, villages)]],
      ['attendance', countAttendance(sqlite, p), [...attendanceLines(sqlite, p, villages)]],
      ['monitoring', countMonitoring(sqlite, p), [...monitoringLines(sqlite, p, villages)]],
      ['plans', countPlans(sqlite, p), [...planLines(sqlite, p, villages, DEFAULT_DUTIES)]],
      ['commitments', countCommitments(sqlite, p), [...commitmentLines(sqlite, p, villages)]],
      ['notice households', countNoticeHouseholds(sqlite, p, null), [...noticeHouseholdLines(sqlite, p, villages, null)]],
      ['notice monitoring', countNoticeMonitoring(sqlite, p), [...noticeMonitoringLines(sqlite, p, villages)]],
    ];
    for (const [name, counted, rows] of pairs) {
      expect(rows.length, name).toBe(counted);
      const order = rows.map((r) => villages.indexOf(r.village));
      expect(order, `${name} in village order`).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('the flags and sums add up to the dashboards’ measures of each village', () => {
    const sqlite = app.context.db.sqlite;
    const p = paramsOf(period);
    const measures = villageMeasures(sqlite, { villageIds, ...period, today: TODAY });
    for (const village of villages) {
      const m = measures.find((x) => x.villageId === village.id)!;
      const one = [village];
      const visits = [...visitLines(sqlite, p, one)];
      const needs = [...needLines(sqlite, p, one)].map((r) => r.row);
      const projects = [...projectLines(sqlite, p, one)].map((r) => r.row);
      const monitoring = [...monitoringLines(sqlite, p, one)].map((r) => r.row);
      const plans = [...planLines(sqlite, p, one, DEFAULT_DUTIES)].map((r) => r.row);
      const commitments = [...commitmentLines(sqlite, p, one)].map((r) => r.row);
      const got = {
        visits: visits.length,
        needsRaised: sum(needs, (n) => n.raised), needsSolved: sum(needs, (n) => n.solved), needsOpen: sum(needs, (n) => n.open), needsOverdue: sum(needs, (n) => n.overdue),
        projects: projects.length, budgetFen: sum(projects, (x) => x.budgetFen), receivedFen: sum(projects, (x) => x.receivedFen), spentFen: sum(projects, (x) => x.spentFen),
        monitored: sum(monitoring, (x) => x.active), monitoringOverdue: sum(monitoring, (x) => x.overdue),
        plans: plans.length, plansDone: plans.filter((x) => x.done === 1).length,
        commitments: commitments.length, commitmentsOverdue: sum(commitments, (x) => x.overdue),
      };
      expect(got, village.name).toEqual(Object.fromEntries(Object.keys(got).map((k) => [k, m[k as keyof typeof m]])));
    }
  });
});

describe('the statements', () => {
  /** Every statement an iterator prepares, with the parameters of its first village. */
  function plansOf(run: (sqlite: Sqlite) => Iterable<unknown>): { sql: string; plan: string[] }[] {
    const real = app.context.db.sqlite;
    const seen: string[] = [];
    const recording = new Proxy(real, { get: (target, key) => (key === 'prepare' ? (sql: string) => (seen.push(sql), target.prepare(sql)) : Reflect.get(target, key)) });
    for (const _ of run(recording)) break;
    const p = paramsOf(PERIODS[2]!);
    return seen.map((sql) => ({
      sql,
      plan: (real.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bind(sql, { ...p, village: villageIds[0], category: null, limit: 10 })) as { detail: string }[]).map((r) => r.detail),
    }));
  }

  it.each([
    ['visits', (s: Sqlite) => visitLines(s, paramsOf(PERIODS[2]!), villages), 'visits_by_village_date'],
    ['needs', (s: Sqlite) => needLines(s, paramsOf(PERIODS[2]!), villages), 'needs_by_village_status_due'],
    ['projects', (s: Sqlite) => projectLines(s, paramsOf(PERIODS[2]!), villages), 'projects_by_village'],
    ['fund entries', (s: Sqlite) => fundLines(s, paramsOf(PERIODS[2]!), villages), 'fund_entries_by_village'],
    ['attendance', (s: Sqlite) => attendanceLines(s, paramsOf(PERIODS[2]!), villages), 'diary_by_village_date'],
    ['monitoring', (s: Sqlite) => monitoringLines(s, paramsOf(PERIODS[2]!), villages), 'monitored_households_by_village'],
    ['notice households', (s: Sqlite) => noticeHouseholdLines(s, paramsOf(PERIODS[2]!), villages, null), 'households_by_village'],
  ] as const)('%s walk one village at a time on its index, never a whole ledger', (_name, run, index) => {
    const { sql, plan } = plansOf(run)[0]!;
    expect(sql).toContain('@village');
    expect(plan.join('\n')).toContain(index);
    // A full scan is allowed only of the months of the period and of derived tables.
    for (const line of plan) expect(line, plan.join('\n')).not.toMatch(/^SCAN (x|h|n|f|d|l|s|m|rv)\b(?! USING)/);
  });
});

describe('a job’s reader', () => {
  it('sees the ledgers as they were when it opened, whatever is written after', () => {
    const reader = openReportReader(app.context.db.file);
    try {
      const p = paramsOf(PERIODS[1]!);
      const before = countVisits(reader.sqlite, p);
      const household = app.context.db.sqlite.prepare('SELECT id, village_id FROM households WHERE deleted_at IS NULL LIMIT 1').get() as { id: string; village_id: string };
      app.context.store.create('visits', household.village_id, { household_id: household.id, visit_date: '2026-11-01', mode: 'home', situation: '读快照时写入', confirmed: 0 });
      expect(countVisits(app.context.db.sqlite, p)).toBe(before + 1);
      expect(countVisits(reader.sqlite, p)).toBe(before);
      expect(() => reader.sqlite.prepare('DELETE FROM visits').run()).toThrow(/readonly/);
    } finally {
      reader.close();
    }
  });
});
