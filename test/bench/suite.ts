// `npm run bench`: one run that generates demo villages at a scale and measures, each merge in a
// child process of its own (so every peak RSS is that merge's, heap uncapped): villages merged
// directly at 1, 3, 10, 30, 100, 300 villages (up to the scale), township files relayed into a
// district, the physical references on the same rows (prepared INSERT, INSERT … SELECT from an
// ATTACHed database), bytes per change in the files and on disk, re-import of files already
// merged, Automerge forked from one base and checked equal, and the host's cold start on the
// largest database. The city (2,500 villages) is extrapolated from the measured curve.
// `--quick` runs a tiny scale and asserts only what must hold (equal content, counts), no timings.
//   node scripts/bench.mjs suite [--scale village|township|district | --villages N] [--quick]
//     [--households N] [--years N] [--township N] [--automerge-max N] [--profile] [--json F] [--chart F] [--keep] [--reuse DIR]
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildForked, mergeForked, type ForkedBuildFigures, type ForkedMergeFigures } from './automergeForked';
import { hostColdStart, HOST_SCRIPT } from './hostStart';
import { bytesByTable, ledgerDifference, townshipsOf, physicalReferences, type PhysicalFigures } from './physical';
import { topFrames, type ProfileFrame } from './profileSummary';
import { chinaDay } from '../../electron/services/demo/random';
import { reportSuite, type PointFigures, type SuiteFigures } from './suiteReport';
import { arg, childImport, generate, int, mainOrChild, newIdentity, relayFile, runChild, seconds, type ImportFigures, type Manifest } from './syncFixture';

const SCALES: Record<string, number> = { village: 1, township: 30, district: 300 };
const POINTS = [1, 3, 10, 30, 100, 300];

function textArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const dbBytes = (path: string) => ['', '-wal'].reduce((n, s) => n + (statSync(path + s, { throwIfNoEntry: false })?.size ?? 0), 0);
const machine = () => ({
  uptime: execSync('uptime').toString().trim(), cores: Number(execSync('nproc').toString().trim()), node: process.version, date: new Date().toISOString(),
});

function importChild(manifestPath: string, db: string, files: string[], options: { reimport: boolean; verify: boolean; flags?: string[] }): ImportFigures {
  return runChild<ImportFigures>(manifestPath, options.flags ?? [], 'import', db, options.reimport ? '1' : '0', options.verify ? '1' : '0', ...files);
}

function profiledMerge(manifestPath: string, db: string, files: string[], profileDir: string): ProfileFrame[] {
  importChild(manifestPath, db, files, { reimport: false, verify: false, flags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  return topFrames(join(profileDir, readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'))!), 15);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const scale = textArg('scale') ?? 'township';
  if (!(scale in SCALES)) throw new Error(`--scale is one of ${Object.keys(SCALES).join(', ')} (the city is extrapolated from the curve)`);
  const N = arg('villages', quick ? 4 : SCALES[scale]!);
  const T = arg('township', quick ? 2 : 30);
  const households = arg('households', quick ? 40 : 400);
  const years = arg('years', quick ? 1 : 2);
  const automergeMax = arg('automerge-max', quick ? N : 30);
  const keep = process.argv.includes('--keep');
  const reuse = textArg('reuse');
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-'));
  const started = performance.now();
  const at = machine();
  try {
    console.log(`村记 npm run bench${quick ? ' --quick' : ''} — ${N} villages × ${households} households, ${years} year(s); townships of ${T}; in ${dir}`);
    console.log(`machine: ${at.cores} cores, node ${at.node}, ${at.date}; uptime: ${at.uptime}`);
    const g0 = performance.now();
    // --reuse DIR: the villages a killed or --keep run generated there (its first N), not generated again.
    let manifest: Manifest = reuse
      ? (() => {
          const kept = JSON.parse(readFileSync(join(reuse, 'manifest.json'), 'utf8')) as Manifest;
          if (kept.villages.length < N) throw new Error(`${reuse} holds ${kept.villages.length} villages, not ${N}`);
          return { ...kept, dir, villages: kept.villages.slice(0, N) };
        })()
      : await generate(dir, {
          villages: N, households, years, villagesPerTownship: T,
          onVillage: (i) => (i + 1) % 10 === 0 && console.log(`  generated ${i + 1} of ${N} villages (${seconds(g0).toFixed(0)} s)`),
        });
    // Township coordinators relay groups of T villages; the importing device trusts them all.
    const groups: number[][] = [];
    for (let i = 0; i < N; i += T) groups.push(Array.from({ length: Math.min(T, N - i) }, (_, j) => i + j));
    manifest = { ...manifest, relays: groups.map((g) => ({ ...newIdentity(), villages: g.map((i) => manifest.villages[i]!.villageId) })) };
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const generateS = seconds(g0);
    console.log(`generated ${int(manifest.villages.reduce((n, v) => n + v.changes, 0))} changes in ${generateS.toFixed(0)} s`);

    const points = [...new Set([...(quick ? [1] : POINTS).filter((k) => k < N), N])];
    const amCount = Math.min(N, automergeMax);
    const amBuild = runChild<ForkedBuildFigures>(manifestPath, [], 'automerge-build', String(amCount));
    const measured: PointFigures[] = [];
    for (const k of points) {
      const db = join(dir, `direct-${k}.sqlite`);
      const files = manifest.villages.slice(0, k).map((v) => v.bundle);
      const merge = importChild(manifestPath, db, files, { reimport: true, verify: k === N });
      const physical = runChild<PhysicalFigures>(manifestPath, [], 'physical', db);
      const automerge = k <= amCount ? runChild<ForkedMergeFigures>(manifestPath, [], 'automerge-merge', String(k), db) : undefined;
      const point: PointFigures = {
        villages: k, merge, physical, automerge, diskBytes: dbBytes(db), fileBytes: files.reduce((n, f) => n + statSync(f).size, 0),
        tables: k === N || k === T ? bytesByTable(db).slice(0, 8) : undefined,
        // The profile is a merge of its own, after the timed one: the profiler's cost stays out of the figures.
        profile: process.argv.includes('--profile') && k === Math.min(N, T) ? profiledMerge(manifestPath, join(dir, 'profiled.sqlite'), files, join(dir, 'profile')) : undefined,
      };
      measured.push(point);
      console.log(`  ${k} villages: ${quick ? `${int(merge.changes)} changes merged` : `${merge.importS.toFixed(2)} s wall, ${merge.importCpuS.toFixed(2)} s CPU`}${automerge ? `; Automerge checked equal (${int(automerge.checkedRows)} rows, ${int(automerge.checkedCells)} cells)` : ''}`);
      if (k !== N) for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
    }

    // Township into district: each township merged by its coordinator and relayed as one file.
    const direct = join(dir, `direct-${N}.sqlite`);
    let relay: SuiteFigures['relay'];
    if (groups.length > 1) {
      const townships: ImportFigures[] = [];
      const townshipFiles: string[] = [];
      for (const [g, group] of groups.entries()) {
        const db = join(dir, `township-${g}.sqlite`);
        townships.push(importChild(manifestPath, db, group.map((i) => manifest.villages[i]!.bundle), { reimport: false, verify: false }));
        const file = join(dir, `township-${g}.cunji`);
        await relayFile(db, file, manifest.relays![g]!);
        townshipFiles.push(file);
        for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
      }
      const relayDb = join(dir, 'district-relay.sqlite');
      const merge = importChild(manifestPath, relayDb, townshipFiles, { reimport: true, verify: false });
      const difference = ledgerDifference(relayDb, direct);
      if (difference.differing !== 0) throw new Error(`relayed district differs from the direct merge in ${difference.differing} rows`);
      relay = { townships, merge, rows: difference.rows, fileBytes: townshipFiles.reduce((n, f) => n + statSync(f).size, 0) };
      console.log(`  relay: ${groups.length} township files into a district, ledgers equal to the direct merge (${int(difference.rows)} rows)`);
      for (const s of ['', '-wal', '-shm']) rmSync(relayDb + s, { force: true });
    }

    let host: SuiteFigures['host'];
    if (statSync(HOST_SCRIPT, { throwIfNoEntry: false })) {
      const dataDir = join(dir, 'host-data');
      mkdirSync(dataDir);
      const townships = townshipsOf(direct);
      renameSync(direct, join(dataDir, 'cunji.sqlite'));
      host = await hostColdStart(dataDir, townships, chinaDay(Date.now()));
      if (host.villages !== N) throw new Error(`the host lists ${host.villages} villages, not ${N}`);
    } else console.log(`  host cold start skipped: ${HOST_SCRIPT} is not built (node scripts/build.mjs)`);

    const figures: SuiteFigures = { machine: at, quick, villages: N, township: T, households, years, generateS, points: measured, amBuild, relay, host, totalS: 0 };
    const done = { ...figures, totalS: seconds(started) };
    reportSuite(done);
    const json = textArg('json');
    if (json) writeFileSync(json, JSON.stringify(done, null, 2));
    const chart = textArg('chart');
    if (chart && !quick) {
      // Loaded only here: ECharts and sharp would otherwise sit in every merging child's memory.
      const { writeGrowthChart } = await import('./growthChart');
      await writeGrowthChart(measured.map((p) => ({ villages: p.villages, changes: p.merge.changes, wallS: p.merge.importS, cpuS: p.merge.importCpuS, rssMb: p.merge.peakRss / 2 ** 20 })), `Cunji merge, villages merged directly (${at.date.slice(0, 10)}, ${at.cores} cores)`, chart);
      console.log(`chart written to ${chart}`);
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function child(manifest: Manifest, mode: string, rest: string[]): Promise<unknown> {
  if (mode === 'import') return childImport(manifest, rest.slice(3), rest[0]!, { reimport: rest[1] === '1', verify: rest[2] === '1' });
  if (mode === 'physical') return physicalReferences(rest[0]!, join(manifest.dir, 'physical'));
  if (mode === 'automerge-build') return buildForked(manifest, Number(rest[0]));
  if (mode === 'automerge-merge') return mergeForked(manifest, Number(rest[0]), rest[1]!);
  throw new Error(`No child mode ${mode}`);
}

mainOrChild(main, child);
