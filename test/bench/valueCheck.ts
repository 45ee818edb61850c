// Bench: the check of every received value (valueProblem: the value's JSON, its column's kind, its
// field's schema) over the changes of real village files, against the reference path kept beside it
// (JSON.parse and the schema's zod parse for every value, as imports judged before), in the same
// run, alternating, in CPU time. Asserts that both give the same verdict for every change. Also the
// date fields' day rule (isCalendarDay) against the Date round trip it replaced.
//   npx esbuild test/bench/valueCheck.ts --bundle --platform=node --outfile=dist/bench/valueCheck.cjs \
//     --external:better-sqlite3 && node dist/bench/valueCheck.cjs [--manifest <bench:sync dir>/manifest.json] [--villages N] [--rounds N]
// Without --manifest it writes 2 villages of its own first (a minute); `npm run bench:sync -- --keep` leaves a manifest.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../db/sync/apply';
import { changesOf, fileSource, rereadSegment, scanBundle } from '../../db/sync/segments/bundle';
import { valueProblem, valueProblemByZod } from '../../db/sync/valueCheck';
import { isCalendarDay } from '../../shared/domain/validation';
import { arg, generate, int, type Manifest } from './syncFixture';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function changesOfFiles(manifest: Manifest, villages: number): Change[] {
  const keys = new Map<string, string>([[manifest.coordinator.deviceId, manifest.coordinator.publicKey], ...manifest.villages.map((v) => [v.deviceId, v.publicKey] as const)]);
  const out: Change[] = [];
  for (const village of manifest.villages.slice(0, villages)) {
    const source = fileSource(village.bundle);
    const scanned = scanBundle(source, { keyOf: (id) => keys.get(id) ?? null }, undefined, () => false);
    for (const segment of scanned.segments) for (const c of changesOf(rereadSegment(source, segment))) out.push(c);
  }
  return out;
}

/** CPU milliseconds (user + system) of `run`, and its count of refused values. */
function cpuOf(run: () => number): { ms: number; refused: number } {
  const since = process.cpuUsage();
  const refused = run();
  const used = process.cpuUsage(since);
  return { ms: (used.user + used.system) / 1000, refused };
}

/** The date fields' rule as it was first written (a Date round trip): isCalendarDay's reference. */
function roundTrip(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const given = option('manifest');
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'cunji-bench-values-'));
  try {
    const manifest: Manifest = given ? (JSON.parse(readFileSync(given, 'utf8')) as Manifest) : await generate(dir!, { villages: 2, households: 400, years: 1 });
    const changes = changesOfFiles(manifest, arg('villages', manifest.villages.length));
    const rounds = arg('rounds', 7);

    // The same verdict, reason for reason, for every change of the files.
    let differ = 0;
    for (const c of changes) if (JSON.stringify(valueProblem(c)) !== JSON.stringify(valueProblemByZod(c))) differ++;
    if (differ > 0) throw new Error(`${differ} changes judged differently`);

    const days = changes.map((c) => c.value.slice(1, -1)).filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
    if (days.some((s) => roundTrip(s) !== isCalendarDay(s))) throw new Error('isCalendarDay and the round trip differ');

    const reference: number[] = [];
    const fast: number[] = [];
    const dayReference: number[] = [];
    const dayFast: number[] = [];
    let refused = 0;
    for (let round = 0; round < rounds; round++) {
      const r = cpuOf(() => changes.reduce((n, c) => (valueProblemByZod(c) ? n + 1 : n), 0));
      const f = cpuOf(() => changes.reduce((n, c) => (valueProblem(c) ? n + 1 : n), 0));
      if (r.refused !== f.refused) throw new Error('the paths refused different counts');
      refused = f.refused;
      reference.push(r.ms);
      fast.push(f.ms);
      dayReference.push(cpuOf(() => days.reduce((n, s) => (roundTrip(s) ? n : n + 1), 0)).ms);
      dayFast.push(cpuOf(() => days.reduce((n, s) => (isCalendarDay(s) ? n : n + 1), 0)).ms);
    }
    const perChange = (ms: number) => ((ms * 1000) / changes.length).toFixed(2);
    console.log(`${int(changes.length)} changes of ${Math.min(arg('villages', manifest.villages.length), manifest.villages.length)} village files, ${int(refused)} refused; same verdicts for all; median of ${rounds} rounds, CPU:`);
    console.log(`  reference (JSON.parse + zod parse): ${median(reference).toFixed(0)} ms (${perChange(median(reference))} µs per change)  rounds ${reference.map((x) => x.toFixed(0)).join(' ')}`);
    console.log(`  valueProblem (compiled check):      ${median(fast).toFixed(0)} ms (${perChange(median(fast))} µs per change)  rounds ${fast.map((x) => x.toFixed(0)).join(' ')}`);
    console.log(`  ratio: ${(median(reference) / median(fast)).toFixed(1)}×`);
    console.log(`the ${int(days.length)} date values, the date fields' day rule alone (both paths above count days by isCalendarDay):`);
    console.log(`  Date round trip (as first written): ${median(dayReference).toFixed(0)} ms;  isCalendarDay: ${median(dayFast).toFixed(0)} ms`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
