// npm run bench:lists — a city-sized township written through the real store into a temporary
// data folder, then the real list handlers timed through openApp's dispatch. Prints figures
// only (median of several runs); nothing here asserts a timing.
//   node dist/bench/lists.cjs [--villages N] [--households N] [--years N] [--runs N] [--keep]
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, DATABASE_FILE_NAME } from '../../electron/services/app';
import { emptyStats, generateVillages, loadVillage, type TownshipOptions } from '../../electron/services/demo/index';
import { chinaDay } from '../../electron/services/demo/random';
import { saveProfile } from '../../electron/services/profile';
import type { DeviceProfile } from '../../shared/domain/device';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const VILLAGES = arg('villages', 250);
const HOUSEHOLDS = arg('households', 400);
const YEARS = arg('years', 1);
const RUNS = arg('runs', 7);
const KEEP = process.argv.includes('--keep');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunji-bench-'));
  const now = Date.now;
  const app = await openApp({ dataDir, appVersion: 'bench', now });
  const sqlite = app.context.db.sqlite;
  try {
    const options: TownshipOptions = {
      villages: VILLAGES,
      householdsPerVillage: [Math.round(HOUSEHOLDS * 0.8), Math.round(HOUSEHOLDS * 1.2)],
      years: YEARS,
      seed: 'cunji-bench-1',
      today: chinaDay(now()),
    };
    console.log(`村记 bench:lists — ${VILLAGES} villages × ~${HOUSEHOLDS} households, ${YEARS} year(s) of history, data in ${dataDir}`);

    // Load: generate each village and write it through the store, one transaction per village.
    const stats = emptyStats();
    const villageIds: string[] = [];
    let generateMs = 0;
    let writeMs = 0;
    const generator = generateVillages(options);
    for (;;) {
      const g0 = performance.now();
      const next = generator.next();
      generateMs += performance.now() - g0;
      if (next.done) break;
      const w0 = performance.now();
      villageIds.push(loadVillage(app.context.store, next.value, stats));
      writeMs += performance.now() - w0;
      if (villageIds.length % 25 === 0) {
        process.stdout.write(`\r  loaded ${villageIds.length}/${VILLAGES} villages, ${int(stats.rows)} rows, ${int(stats.changes)} changes, ${(writeMs / 1000).toFixed(0)} s`);
      }
    }
    process.stdout.write('\n');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma('optimize');
    const profile: DeviceProfile = {
      deviceId: app.context.identity.deviceId,
      role: 'coordinator',
      name: '基准测试',
      unit: '临河县委组织部',
      unitLevel: 'county',
      township: '青石镇',
      county: '临河县',
      villageIds,
      keyFingerprint: app.context.identity.keyFingerprint,
      demo: true,
    };
    saveProfile(app.context, profile);

    const dbFile = join(dataDir, DATABASE_FILE_NAME);
    const size = statSync(dbFile).size + (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);
    console.log('\nLoad (generator → store.create → change log), one transaction per village');
    console.table({
      generate: { seconds: +(generateMs / 1000).toFixed(1), 'per second': '' },
      write: { seconds: +(writeMs / 1000).toFixed(1), 'per second': '' },
      rows: { seconds: '', 'per second': int(stats.rows / (writeMs / 1000)), total: int(stats.rows) },
      changes: { seconds: '', 'per second': int(stats.changes / (writeMs / 1000)), total: int(stats.changes) },
    });
    console.table(Object.fromEntries(Object.entries(stats.rowsByTable).map(([t, n]) => [t, { rows: int(n) }])));
    console.log(`database: ${mb(size)} (${(size / stats.changes).toFixed(0)} bytes per change)`);

    // The list calls, through dispatch (schema parse, scope, SQL, row mapping), as the renderer makes them.
    const one = (sql: string) => sqlite.prepare(sql).pluck().get() as string;
    const village = one(`SELECT village_id FROM households GROUP BY village_id ORDER BY count(*) DESC LIMIT 1`);
    const household = one(`SELECT id FROM households WHERE category = 'monitored' ORDER BY id LIMIT 1`);
    const bigFamily = one(`SELECT household_id FROM household_members GROUP BY household_id ORDER BY count(*) DESC LIMIT 1`);
    const surname = '王';
    const calls: [string, string, unknown][] = [
      ['households.list first page (all villages)', 'households.list', {}],
      ['households.list page 500 (offset 49,900)', 'households.list', { offset: 49_900, limit: 100 }],
      ['households.list search name "王" (all)', 'households.list', { search: surname }],
      ['households.list filter category dibao (all)', 'households.list', { filters: { category: 'dibao' } }],
      ['households.list sort headName asc (all)', 'households.list', { sort: { field: 'headName', order: 'asc' } }],
      ['households.list one village, sort headName', 'households.list', { villageId: village, sort: { field: 'headName', order: 'asc' } }],
      ['visits.list one village (by date)', 'visits.list', { villageId: village }],
      ['visits.list all villages (by date)', 'visits.list', {}],
      ['visits.list one household', 'visits.list', { filters: { householdId: household } }],
      ['needs.list overdue (all)', 'needs.list', { overdue: true }],
      ['needs.list overdue, one village', 'needs.list', { villageId: village, overdue: true }],
      ['needs.list as opened, overdue first (all)', 'needs.list', {}],
      ['needs.list sort dueDate desc (all)', 'needs.list', { sort: { field: 'dueDate', order: 'desc' } }],
      ['needs.list as opened, overdue first, one village', 'needs.list', { villageId: village }],
      ['members.list one household', 'members.list', { filters: { householdId: bigFamily } }],
      ['diary.list one village', 'diary.list', { villageId: village }],
    ];

    // Capture the SQL each call runs, for EXPLAIN QUERY PLAN of the slow ones.
    const prepare = sqlite.prepare.bind(sqlite);
    let captured: string[] = [];
    (sqlite as unknown as { prepare: (s: string) => unknown }).prepare = (s: string) => {
      captured.push(s);
      return prepare(s);
    };

    const results: Record<string, Record<string, string | number>> = {};
    const slow: [string, string[]][] = [];
    for (const [label, method, input] of calls) {
      const times: number[] = [];
      let total = 0;
      let sqlOfCall: string[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        captured = [];
        const t0 = performance.now();
        const result = await app.dispatch(method, input);
        const ms = performance.now() - t0;
        if (!result.ok) throw new Error(`${label}: ${JSON.stringify(result.error)}`);
        total = (result.value as { total: number }).total;
        if (run > 0) times.push(ms); // the first run warms the statement cache and the pages
        sqlOfCall = captured;
      }
      const med = median(times);
      results[label] = { 'median ms': +med.toFixed(1), 'min ms': +Math.min(...times).toFixed(1), 'max ms': +Math.max(...times).toFixed(1), total: int(total) };
      if (med >= 20) slow.push([label, sqlOfCall]);
    }
    (sqlite as unknown as { prepare: typeof prepare }).prepare = prepare;
    console.log(`\nList calls through dispatch (median of ${RUNS} runs after one warm-up; limit 100)`);
    console.table(results);

    for (const [label, statements] of slow) {
      console.log(`\nEXPLAIN QUERY PLAN — ${label}`);
      for (const statement of statements) {
        if (!/^\s*SELECT/i.test(statement) || !/ FROM "(households|visits|needs|household_members|diary_entries)"/.test(statement)) continue;
        console.log(`  ${statement.replace(/\s+/g, ' ').slice(0, 240)}`);
        const parameters = new Array<null>((statement.match(/\?/g) ?? []).length).fill(null);
        const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...parameters) as { detail: string }[];
        for (const row of plan) console.log(`    ${row.detail}`);
      }
    }

    const usage = process.resourceUsage();
    console.log(`\npeak RSS ${mb(usage.maxRSS * 1024)}; heap used now ${mb(process.memoryUsage().heapUsed)}; rss now ${mb(process.memoryUsage().rss)}`);
  } finally {
    app.close();
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
