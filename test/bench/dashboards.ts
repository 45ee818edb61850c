// npm run bench:dashboards — the dashboards timed through the app's dispatch on a generated
// township (a coordinator's 30 villages) and a district (10 townships, 300 villages), two years
// of history each, written through the real store. The databases are built once and kept under
// dist/bench/dashboards/ keyed by their options (a district takes a quarter of an hour to write);
// later runs reopen them. The cases are timed in turn, round after round, beside a plain scan of
// the visits, so a burst of load from elsewhere falls on all of them alike and the scan tells how
// busy the machine was. Prints wall time first (median, p95, min, max), CPU time of this process
// beside it, the database's size and rows. Asserts nothing.
//   npm run bench:dashboards -- [--villages 30] [--townships 10] [--households 150-400] [--years 2]
//                               [--runs 50] [--warmup 5] [--rebuild] [--only township|district]
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, DATABASE_FILE_NAME, type OpenedApp } from '../../electron/services/app';
import { emptyStats, generateVillages, loadVillage, type TownshipOptions } from '../../electron/services/demo/index';
import { readProfile, saveProfile } from '../../electron/services/profile';
import { LEDGER_NAMES } from '../../db/ledgers';
import type { DeviceProfile } from '../../shared/domain/device';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const VILLAGES_PER_TOWNSHIP = Number(arg('villages', '30'));
const TOWNSHIPS = Number(arg('townships', '10'));
const [H_MIN, H_MAX] = arg('households', '150-400').split('-').map(Number) as [number, number];
const YEARS = Number(arg('years', '2'));
const RUNS = Number(arg('runs', '50'));
const WARMUP = Number(arg('warmup', '5'));
const REBUILD = process.argv.includes('--rebuild');
const ONLY = arg('only', 'both');
/** A fixed "today", so a cached database stays the same township tomorrow. */
const TODAY = arg('today', '2026-11-27');
const NOW = Date.parse(`${TODAY}T08:00:00Z`); // 16:00 in China
const SEED = 'cunji-bench-dashboards-1';
// Run as dist/bench/dashboards.cjs (scripts/bench.mjs bundles it): the repository is two up.
const ROOT = join(__dirname, '../..');

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Built {
  readonly app: OpenedApp;
  readonly dir: string;
  readonly villageIds: string[];
  readonly townships: string[];
  readonly loadSeconds: number | null;
}

/** The database of `villages` villages (`perTownship` a township), built or reopened from the cache. */
async function database(kind: 'township' | 'district', villages: number, perTownship: number): Promise<Built> {
  const key = `${kind}-v${villages}-t${perTownship}-h${H_MIN}-${H_MAX}-y${YEARS}-${TODAY}-${SEED}`;
  const dir = join(ROOT, 'dist/bench/dashboards', key);
  const marker = join(dir, 'built.json');
  const open = () => openApp({ dataDir: dir, appVersion: 'bench', now: () => NOW, sync: { autoStart: false } });
  if (!REBUILD && existsSync(marker)) {
    const app = await open();
    rmSync(join(dir, 'backups'), { recursive: true, force: true }); // a migration's copy, if one ran
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { villageIds: string[]; townships: string[] };
    console.log(`${kind}: reopened ${dir}`);
    return { app, dir, ...saved, loadSeconds: null };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const app = await open();
  const options: TownshipOptions = { villages, householdsPerVillage: [H_MIN, H_MAX], years: YEARS, seed: SEED, today: TODAY, villagesPerTownship: perTownship };
  const stats = emptyStats();
  const villageIds: string[] = [];
  const townships: string[] = [];
  const t0 = performance.now();
  for (const village of generateVillages(options)) {
    villageIds.push(loadVillage(app.context.store, village, stats));
    if (!townships.includes(village.village.township)) townships.push(village.village.township);
    if (villageIds.length % 10 === 0 || villageIds.length === villages) {
      process.stdout.write(`\r  ${kind}: ${villageIds.length}/${villages} villages, ${int(stats.rows)} rows, ${int(stats.changes)} changes, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  process.stdout.write('\n');
  const loadSeconds = (performance.now() - t0) / 1000;
  const profile: DeviceProfile = {
    deviceId: app.context.identity.deviceId,
    role: kind === 'township' ? 'coordinator' : 'district',
    name: '基准测试',
    unit: '临河县委组织部',
    unitLevel: 'county',
    township: townships[0]!,
    ...(kind === 'district' ? { townships } : {}),
    county: '临河县',
    villageIds: [],
    keyFingerprint: app.context.identity.keyFingerprint,
    demo: true,
  };
  saveProfile(app.context, profile);
  app.context.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  writeFileSync(marker, JSON.stringify({ villageIds, townships, loadSeconds }));
  return { app, dir, villageIds, townships, loadSeconds };
}

interface Timing {
  wall: number[];
  cpu: number[];
}

function quantile(sorted: number[], q: number): number {
  // Nearest rank: the p95 of 50 runs is the 48th smallest.
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function summary({ wall, cpu }: Timing): Record<string, number> {
  const w = [...wall].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  const r = (n: number) => +n.toFixed(1);
  return {
    'median ms': r(quantile(w, 0.5)),
    'p95 ms': r(quantile(w, 0.95)),
    'min ms': r(w[0]!),
    'max ms': r(w[w.length - 1]!),
    'cpu median ms': r(quantile(c, 0.5)),
    'cpu p95 ms': r(quantile(c, 0.95)),
  };
}

/** One measured call: wall and CPU milliseconds. */
async function once(run: () => Promise<unknown> | unknown): Promise<[number, number]> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  return [wall, (used.user + used.system) / 1000];
}

async function call(app: OpenedApp, method: string, input: unknown): Promise<unknown> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} ${JSON.stringify(input)}: ${JSON.stringify(result.error)}`);
  return result.value;
}

function describeDatabase(built: Built, label: string): void {
  const { sqlite } = built.app.context.db;
  const file = join(built.dir, DATABASE_FILE_NAME);
  const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  const rows = Object.fromEntries([...LEDGER_NAMES, 'changes'].map((t) => [t, int(count(t))]));
  console.log(`\n${label}: ${built.villageIds.length} villages in ${built.townships.length} township(s), database ${mb(size)}` +
    (built.loadSeconds === null ? '' : `, written in ${built.loadSeconds.toFixed(0)} s`));
  console.log(`  rows: ${Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
}

const MONTH = { from: `${TODAY.slice(0, 7)}-01`, to: `${TODAY.slice(0, 7)}-${new Date(Date.UTC(Number(TODAY.slice(0, 4)), Number(TODAY.slice(5, 7)), 0)).getUTCDate()}` };
const YEAR = { from: `${TODAY.slice(0, 4)}-01-01`, to: `${TODAY.slice(0, 4)}-12-31` };

const REFERENCE = 'reference: a scan of every visit row';

/**
 * Times each case RUNS times after WARMUP, taking the cases in turn (one run of each, then the
 * next round), so a burst of load from elsewhere falls on all of them alike, the reference too.
 */
async function bench(built: Built, cases: [string, string, unknown][]): Promise<void> {
  const scan = built.app.context.db.sqlite.prepare('SELECT count(*), sum(length(situation)) FROM visits');
  const runs: [string, () => unknown][] = [[REFERENCE, () => scan.get()], ...cases.map(([label, method, input]): [string, () => unknown] => [label, () => call(built.app, method, input)])];
  for (let i = 0; i < WARMUP; i++) for (const [, run] of runs) await run();
  const timings = new Map<string, Timing>(runs.map(([label]) => [label, { wall: [], cpu: [] }]));
  for (let i = 0; i < RUNS; i++) {
    for (const [label, run] of runs) {
      const [wall, cpu] = await once(run);
      timings.get(label)!.wall.push(wall);
      timings.get(label)!.cpu.push(cpu);
    }
  }
  console.log(`  ${RUNS} runs of each, in turn, after ${WARMUP} warm-up; wall time, then CPU time of this process (user + system)`);
  console.table(Object.fromEntries([...timings].map(([label, timing]) => [label, summary(timing)])));
}

/** Runs `work` with the device set up as a secretary keeping `villageIds`, then puts the coordinator back. */
async function asSecretaryOf(built: Built, villageIds: string[], work: () => Promise<void>): Promise<void> {
  const profile = readProfile(built.app.context)!;
  saveProfile(built.app.context, { ...profile, role: 'secretary', villageIds });
  try {
    await work();
  } finally {
    saveProfile(built.app.context, profile);
  }
}

/** The village with the most households: the heaviest one-village dashboard. */
function largestVillage(built: Built): string {
  return built.app.context.db.sqlite.prepare('SELECT village_id FROM households GROUP BY village_id ORDER BY count(*) DESC, village_id LIMIT 1').pluck().get() as string;
}

async function main(): Promise<void> {
  console.log(`村记 bench:dashboards — ${H_MIN}–${H_MAX} households a village, ${YEARS} year(s) of history, today ${TODAY}`);
  if (ONLY !== 'district') {
    const township = await database('township', VILLAGES_PER_TOWNSHIP, VILLAGES_PER_TOWNSHIP);
    try {
      describeDatabase(township, 'Township (a coordinator)');
      const one = largestVillage(township);
      await bench(township, [
        ['village dashboard, one village, this month', 'dashboard.village', { ...MONTH, villageId: one }],
        ['village dashboard, one village, this year', 'dashboard.village', { ...YEAR, villageId: one }],
        [`village dashboard, all ${township.villageIds.length} villages, this month`, 'dashboard.village', MONTH],
        [`village dashboard, all ${township.villageIds.length} villages, this year`, 'dashboard.village', YEAR],
        ['township overview, this month', 'dashboard.township', MONTH],
        ['township overview, this year', 'dashboard.township', YEAR],
      ]);
      // A secretary's device keeps her own villages: the village dashboard of all of them (three here).
      await asSecretaryOf(township, township.villageIds.slice(0, 3), () =>
        bench(township, [
          ['village dashboard, all 3 villages of a secretary, this month', 'dashboard.village', MONTH],
          ['village dashboard, all 3 villages of a secretary, this year', 'dashboard.village', YEAR],
        ]),
      );
    } finally {
      township.app.close();
    }
  }
  if (ONLY !== 'township') {
    const district = await database('district', VILLAGES_PER_TOWNSHIP * TOWNSHIPS, VILLAGES_PER_TOWNSHIP);
    try {
      describeDatabase(district, 'District');
      await bench(district, [
        ['district overview, this month', 'dashboard.district', MONTH],
        ['district overview, this year', 'dashboard.district', YEAR],
        ['township overview (one of the district), this month', 'dashboard.township', { ...MONTH, township: district.townships[1] }],
        ['village dashboard, one village, this month', 'dashboard.village', { ...MONTH, villageId: largestVillage(district) }],
      ]);
    } finally {
      district.app.close();
    }
  }
  const usage = process.resourceUsage();
  console.log(`\npeak RSS ${mb(usage.maxRSS * 1024)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
