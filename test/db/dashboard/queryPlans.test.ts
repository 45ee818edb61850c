// The dashboards' statements read the big ledgers through indexes, and the hot ones through the
// index alone: a township's visits, needs and diary days are counted without a table row read for
// each. The SQL is what the dashboards actually run (recorded as the app prepares it) on a
// generated township, asked for its EXPLAIN QUERY PLAN with the same parameters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTownship, loadVillages } from '../../../electron/services/demo/index';
import { expectOk, openTestApp, type TestApp } from '../../helpers/openedApp';

interface Ran {
  sql: string;
  args: unknown[];
}

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
let app: TestApp;
let dir: string;
let villageIds: string[];
let ran: Ran[] = [];
let explain: (r: Ran) => string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunji-dashboard-plans-'));
  app = await openTestApp(dir);
  await expectOk(app, 'device.setup', { role: 'coordinator', name: '赵镇', unit: '青石镇党委', unitLevel: 'township', township: '青石镇', county: '临河县' });
  villageIds = loadVillages(app.context.store, generateTownship({ villages: 3, householdsPerVillage: 40, years: 2, seed: 'dashboard-plans', today: '2026-11-27' }));
  const household = app.context.db.sqlite.prepare('SELECT id FROM households WHERE village_id = ? LIMIT 1').pluck().get(villageIds[0]) as string;
  await expectOk(app, 'households.delete', { id: household }); // a deleted household to look for
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

/** Every statement the three dashboards ran, with its plan. */
async function dashboardPlans(): Promise<{ sql: string; plan: string }[]> {
  ran = [];
  await expectOk(app, 'dashboard.village', PERIOD);
  await expectOk(app, 'dashboard.village', { ...PERIOD, villageId: villageIds[1] });
  await expectOk(app, 'dashboard.township', PERIOD);
  await expectOk(app, 'dashboard.district', PERIOD);
  const seen = new Map<string, Ran>();
  for (const r of ran) if (/\b(visits|needs|diary_entries|households|monitored_households|fund_entries)\b/.test(r.sql)) seen.set(r.sql, r);
  return [...seen.values()].map((r) => ({ sql: r.sql.replace(/\s+/g, ' '), plan: explain(r).join('\n') }));
}

describe('EXPLAIN QUERY PLAN of the dashboards', () => {
  it('reads no large ledger whole: visits, needs, diary, households and money through an index', async () => {
    const plans = await dashboardPlans();
    expect(plans.length).toBeGreaterThan(10);
    for (const { sql, plan } of plans) {
      // Only the scope's JSON array and a statement's own subqueries are read whole.
      expect(plan, `${sql}\n${plan}`).not.toMatch(/^SCAN (?!json_each VIRTUAL TABLE|\(subquery-\d+\))/m);
    }
  });

  it('counts visits, needs and diary days from the index alone, and finds a need\'s visit through its household', async () => {
    const plans = await dashboardPlans();
    const planOf = (marker: RegExp) => {
      const found = plans.filter((p) => marker.test(p.sql));
      expect(found.length, String(marker)).toBeGreaterThan(0);
      return found;
    };
    for (const { sql, plan } of planOf(/count\(DISTINCT x\.household_id\)/)) expect(plan, sql).toMatch(/SEARCH x USING COVERING INDEX visits_by_village_date/);
    for (const { sql, plan } of planOf(/AS needsRaised/)) {
      expect(plan, sql).toMatch(/SEARCH n USING COVERING INDEX needs_by_village_status_due/);
      expect(plan, sql).toMatch(/SEARCH rv USING COVERING INDEX visits_by_household_date/);
    }
    for (const { sql, plan } of planOf(/AS presenceMonthDays/)) expect(plan, sql).toMatch(/SEARCH x USING COVERING INDEX diary_by_village_date/);
    for (const { sql, plan } of planOf(/deleted_at IS NOT NULL/)) expect(plan, sql).toMatch(/SEARCH d USING INDEX households_by_updated/);
  });
});
