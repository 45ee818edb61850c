// npm run bench:reports — report exports timed through the app's dispatch, exactly as the screen
// starts them (reports.export, then reports.job until done), on a township of 30 villages and a
// district of 300 (ten townships of 30), two years of history, written through the real store.
// Each export runs in a child process of its own, so its peak RSS is its own: the district summary
// (figures by SQL, one row per village with subtotals) and the visits-and-needs ledger of a year
// (every visit and need, streamed row by row into exceljs's streaming writer), to XLSX and CSV.
// Prints wall time, CPU time, peak RSS (and its rise over the opened app's), rows, file size.
// Databases are built once and kept under dist/bench/reports/ keyed by their options (the same
// generator options and seed as bench:dashboards, so a database built by either serves both).
// Asserts nothing.
//   npm run bench:reports -- [--villages 30,300] [--households 150-400] [--years 2] [--only <text>] [--rebuild]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp } from '../../electron/services/app';
import { emptyStats, generateVillages, loadVillage, type TownshipOptions } from '../../electron/services/demo/index';
import { saveProfile } from '../../electron/services/profile';
import type { DeviceProfile } from '../../shared/domain/device';
import type { ReportJob } from '../../shared/domain/reports';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const SIZES = arg('villages', '30,300').split(',').map(Number);
const PER_TOWNSHIP = 30;
const [H_MIN, H_MAX] = arg('households', '150-400').split('-').map(Number) as [number, number];
const YEARS = Number(arg('years', '2'));
const REBUILD = process.argv.includes('--rebuild');
/** Only the exports whose name contains this (`--only xlsx`, `--only summary`). */
const ONLY = arg('only', '');
const TODAY = '2026-11-27';
const NOW = Date.parse(`${TODAY}T08:00:00Z`);
const SEED = 'cunji-bench-dashboards-1';
// Run as dist/bench/reports.cjs (scripts/bench.mjs bundles it): the repository is two up.
const ROOT = join(__dirname, '../..');

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const CASES = {
  'district summary (month) → xlsx': { report: 'summary', scope: 'district', from: '2026-10-01', to: '2026-10-31', format: 'xlsx' },
  'visits and needs (year) → xlsx': { report: 'visitsNeeds', scope: 'district', from: '2026-01-01', to: TODAY, format: 'xlsx' },
  'visits and needs (year) → csv': { report: 'visitsNeeds', scope: 'district', from: '2026-01-01', to: TODAY, format: 'csv' },
} as const;
type CaseName = keyof typeof CASES;

interface Measured {
  wallMs: number;
  cpuMs: number;
  rssBefore: number;
  peakRss: number;
  peakHeap: number;
  /** Buffers outside the JS heap (what a stream holds). */
  peakExternal: number;
  rows: number;
  bytes: number;
}

/** The child: opens the database, runs one export through dispatch, prints what it measured. */
async function child(dir: string, name: CaseName): Promise<void> {
  const app = await openApp({ dataDir: dir, appVersion: 'bench', now: () => NOW, sync: { autoStart: false } });
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  const input = CASES[name];
  const path = join(out, `bench.${input.format}`);
  let peakHeap = 0;
  let peakExternal = 0;
  const sample = setInterval(() => {
    const memory = process.memoryUsage();
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    peakExternal = Math.max(peakExternal, memory.external);
  }, 20);
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const started = await app.dispatch('reports.export', { ...input, path });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  let job = started.value as ReportJob;
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const polled = await app.dispatch('reports.job', { id: job.id });
    if (!polled.ok) throw new Error(JSON.stringify(polled.error));
    job = polled.value as ReportJob;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sample);
  if (job.state !== 'done') throw new Error(`export ${job.state}: ${JSON.stringify(job.error)}`);
  const measured: Measured = {
    wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssBefore, peakRss: process.resourceUsage().maxRSS * 1024, peakHeap, peakExternal, rows: job.rowsWritten, bytes: statSync(path).size,
  };
  rmSync(out, { recursive: true, force: true });
  app.close();
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

/** The database of `villages` villages, built or reopened from the cache. */
async function database(villages: number): Promise<string> {
  const kind = villages > PER_TOWNSHIP ? 'district' : 'township';
  const key = `${kind}-v${villages}-t${PER_TOWNSHIP}-h${H_MIN}-${H_MAX}-y${YEARS}-${TODAY}-${SEED}`;
  const dir = join(ROOT, 'dist/bench/reports', key);
  if (!REBUILD && existsSync(join(dir, 'built.json'))) {
    console.log(`${villages} villages: reopened ${dir}`);
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const app = await openApp({ dataDir: dir, appVersion: 'bench', now: () => NOW, sync: { autoStart: false } });
  const options: TownshipOptions = { villages, householdsPerVillage: [H_MIN, H_MAX], years: YEARS, seed: SEED, today: TODAY, villagesPerTownship: PER_TOWNSHIP };
  const stats = emptyStats();
  const villageIds: string[] = [];
  const townships: string[] = [];
  const t0 = performance.now();
  for (const village of generateVillages(options)) {
    villageIds.push(loadVillage(app.context.store, village, stats));
    if (!townships.includes(village.village.township)) townships.push(village.village.township);
    if (villageIds.length % 10 === 0 || villageIds.length === villages) {
      process.stdout.write(`\r  ${villageIds.length}/${villages} villages, ${int(stats.rows)} rows, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  process.stdout.write('\n');
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
  app.close();
  writeFileSync(join(dir, 'built.json'), JSON.stringify({ villageIds, townships, loadSeconds: (performance.now() - t0) / 1000 }));
  return dir;
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1]!, process.argv[childAt + 2] as CaseName);
  console.log(`村记 bench:reports — exports through reports.export, each in its own process; ${H_MIN}–${H_MAX} households a village, ${YEARS} years of history`);
  const results: Record<string, string | number>[] = [];
  for (const villages of SIZES) {
    const dir = await database(villages);
    const size = statSync(join(dir, 'cunji.sqlite')).size;
    for (const name of (Object.keys(CASES) as CaseName[]).filter((n) => n.includes(ONLY))) {
      const run = spawnSync(process.execPath, ['--enable-source-maps', process.argv[1]!, '--child', dir, name], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (run.status !== 0) throw new Error(`${name} on ${villages} villages failed:\n${run.stderr}`);
      const m = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measured;
      results.push({
        villages, database: mb(size), export: name, rows: int(m.rows), 'wall s': +(m.wallMs / 1000).toFixed(2), 'cpu s': +(m.cpuMs / 1000).toFixed(2),
        'peak RSS': mb(m.peakRss), 'RSS rise': mb(m.peakRss - m.rssBefore), 'peak heap': mb(m.peakHeap), 'peak external': mb(m.peakExternal), file: mb(m.bytes) === '0 MB' ? `${(m.bytes / 1024).toFixed(0)} KB` : mb(m.bytes),
      });
      console.log(`  ${villages} villages, ${name}: ${int(m.rows)} rows in ${(m.wallMs / 1000).toFixed(2)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s), peak RSS ${mb(m.peakRss)}`);
    }
  }
  console.table(results);
  console.log(`node ${process.version}, ${process.platform}-${process.arch}; peak RSS is the child's whole process (the opened app included), RSS rise is above the app as opened`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
