// Bench: a township's village bundles merged into a fresh coordinator database, side by side in
// the same run with (a) SQLite's raw insert rate of as many rows into a table shaped like the
// change log (same columns and indexes, one prepared statement, one transaction) and
// (b) Automerge merging the same records, every village a fork of one base document, the merged
// document checked equal to the coordinator's ledgers (test/bench/automergeForked.ts; until
// 2026-12 each village was a fresh A.init() whose maps hid as conflicts, unchecked). Every merge runs in a
// child process of its own, so each peak RSS is that merge's alone. Prints figures and targets.
// Rates are printed by wall time and by CPU time (user + system of the process doing the work),
// which stays steady when other jobs share the machine.
//   node scripts/bench.mjs sync [--villages N] [--households N] [--years N] [--keep]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { segmentsToExport, writeBundle } from '../../db/sync/segments/bundle';
import { deviceKeys } from '../../db/sync/segments/seal';
import { buildForked, mergeForked, type ForkedBuildFigures, type ForkedMergeFigures } from './automergeForked';
import { arg, childImport, mainOrChild, cpuSeconds, generate, int, mb, runChild, seconds, type ImportFigures, type Manifest } from './syncFixture';
import { loggedChanges } from '../helpers/loggedChanges';

// --------------------------------------------------------------------------------------------
// Children: each prints one JSON line with its figures and its peak RSS.

/**
 * The JavaScript heap given to the capped merges. V8 grows its heap lazily, so an uncapped peak
 * RSS follows how much garbage a run made; a merge that succeeds under this cap cannot hold a
 * file's changes (hundreds of MB decoded) in memory, and its peak RSS is its real footprint.
 */
const HEAP_CAP_MB = 64;

// --------------------------------------------------------------------------------------------
// The parent: generate, measure, compare.

/** Rows into a table shaped like the change log (its own DDL and indexes), one statement, one transaction. */
async function rawInsert(dir: string, manifest: Manifest): Promise<{ rows: number; insertS: number; insertCpuS: number }> {
  const db = await openDatabase(join(dir, 'raw.sqlite'));
  const source = await openDatabase(manifest.villages[0]!.db);
  const ddl = source.sqlite.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'changes' AND sql IS NOT NULL").pluck().all() as string[];
  source.close();
  for (const statement of ddl) db.sqlite.exec(statement.replace(/\bchanges\b/g, 'raw_log').replace(/\b(changes_\w+)\b/g, 'raw_$1'));
  // The columns the log stores (hlc and origin are read off the id: migration 0220).
  const insert = db.sqlite.prepare('INSERT INTO raw_log (id, tbl, row_id, village_id, col, value, seen, segment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  let rows = 0;
  let insertS = 0;
  let insertCpuS = 0;
  db.sqlite.exec('BEGIN');
  for (const v of manifest.villages) {
    // Reading a village's rows is not timed: only the inserts (and the commit) are.
    const village = await openDatabase(v.db);
    // The village's log, wherever kept (sealed, its changes are in their segments), as rows.
    const changes = loggedChanges(village.sqlite).map((c) => [c.id, c.tbl, c.row_id, c.village_id, c.col, c.value, JSON.stringify(c.seen), c.segment]);
    village.close();
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    for (const row of changes) insert.run(...row);
    insertS += seconds(t0);
    insertCpuS += cpuSeconds(u0);
    rows += changes.length;
  }
  const c0 = performance.now();
  const u0 = process.cpuUsage();
  db.sqlite.exec('COMMIT');
  insertS += seconds(c0);
  insertCpuS += cpuSeconds(u0);
  db.close();
  return { rows, insertS, insertCpuS };
}

async function main(): Promise<void> {
  const VILLAGES = arg('villages', 30);
  const HOUSEHOLDS = arg('households', 400);
  const YEARS = arg('years', 2); // 1 year gives some villages fewer than 1,500 visits
  const KEEP = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-sync-'));
  try {
    console.log(`村记 bench:sync — ${VILLAGES} villages × ${HOUSEHOLDS} households, ${YEARS} year(s) of visits, in ${dir}`);
    const g0 = performance.now();
    const manifest = await generate(dir, { villages: VILLAGES, households: HOUSEHOLDS, years: YEARS });
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const changes = manifest.villages.reduce((n, v) => n + v.changes, 0);
    const fewestVisits = Math.min(...manifest.villages.map((v) => v.visits));
    const fewestHouseholds = Math.min(...manifest.villages.map((v) => v.households));
    console.log(
      `generated ${int(changes)} changes (per village: ≥ ${int(fewestHouseholds)} households, ≥ ${int(fewestVisits)} visits) in ${seconds(g0).toFixed(0)} s`,
    );

    const raw = await rawInsert(dir, manifest);
    const capped = [`--max-old-space-size=${HEAP_CAP_MB}`];
    const villageFiles = manifest.villages.map((v) => v.bundle);
    const all = runChild<ImportFigures>(manifestPath, [], 'import', join(dir, 'coordinator.sqlite'), ...villageFiles);
    const allCapped = runChild<ImportFigures>(manifestPath, capped, 'import', join(dir, 'coordinator-capped.sqlite'), ...villageFiles);
    const third = Math.max(1, Math.round(VILLAGES / 3));
    const some = runChild<ImportFigures>(manifestPath, capped, 'import', join(dir, 'coordinator-third.sqlite'), ...villageFiles.slice(0, third));
    const one = runChild<ImportFigures>(manifestPath, capped, 'import', join(dir, 'coordinator-one.sqlite'), villageFiles[0]!);

    // The township's whole log relayed as ONE file (VILLAGES times a village file), merged fresh.
    const coordinator = await openDatabase(join(dir, 'coordinator.sqlite'));
    const townshipFile = join(dir, 'township.cunji');
    writeBundle(coordinator.sqlite, townshipFile, {
      keys: deviceKeys(manifest.coordinator.deviceId, manifest.coordinator.privateKey), app: 'bench', segments: segmentsToExport(coordinator.sqlite),
    });
    coordinator.close();
    const township = runChild<ImportFigures>(manifestPath, capped, 'import', join(dir, 'coordinator-township.sqlite'), townshipFile);

    const built = runChild<ForkedBuildFigures>(manifestPath, [], 'automerge-build');
    const am = runChild<ForkedMergeFigures>(manifestPath, [], 'automerge-merge', join(dir, 'coordinator.sqlite'));

    const bundleBytes = manifest.villages.reduce((n, v) => n + statSync(v.bundle).size, 0);
    const mergeRate = all.changes / all.importS;
    const rawRate = raw.rows / raw.insertS;
    const amRate = am.ops / am.mergeS;
    const mergeCpuRate = all.changes / all.importCpuS;
    const rawCpuRate = raw.rows / raw.insertCpuS;
    const amCpuRate = am.ops / am.mergeCpuS;
    const ourBpc = bundleBytes / changes;
    const amBpo = built.changeBytes / built.ops;
    const verdict = (ok: boolean, detail: string) => `${ok ? 'MET' : 'MISSED'} — ${detail}`;
    const rssGrowth = township.peakRss / one.peakRss;

    console.table({
      'changes merged': { value: int(all.changes) },
      'MERGE (importBundle ×files)': { value: `${all.importS.toFixed(2)} s, ${int(mergeRate)} changes/s (CPU ${all.importCpuS.toFixed(2)} s, ${int(mergeCpuRate)} changes/s)` },
      '  of which verify pass': { value: `${all.verifyS.toFixed(2)} s (${((all.verifyS / all.importS) * 100).toFixed(0)}% of the import, measured alone)` },
      'raw SQLite insert, change-log table': { value: `${raw.insertS.toFixed(2)} s, ${int(rawRate)} rows/s (CPU ${raw.insertCpuS.toFixed(2)} s, ${int(rawCpuRate)} rows/s; ${int(raw.rows)} rows)` },
      [`Automerge merge (base + ${VILLAGES} forks' changes)`]: {
        value: `${am.mergeS.toFixed(2)} s, ${int(amRate)} ops/s (CPU ${am.mergeCpuS.toFixed(2)} s, ${int(amCpuRate)} ops/s; ${int(am.ops)} ops; checked equal: ${int(am.checkedRows)} rows, ${int(am.checkedCells)} cells)`,
      },
      'bytes per change (bundles)': { value: `${ourBpc.toFixed(2)} (${mb(bundleBytes)})` },
      'Automerge bytes per op (the forks\' changes)': { value: `${amBpo.toFixed(2)} (${mb(built.changeBytes)}; merged document saved: ${mb(am.savedBytes)})` },
      [`peak RSS, merge of ${VILLAGES} village files, heap uncapped`]: { value: mb(all.peakRss) },
      [`peak RSS, merge of 1 village file (${mb(one.largestFile)}), heap ${HEAP_CAP_MB} MB`]: { value: mb(one.peakRss) },
      [`peak RSS, merge of ${third} village files, heap ${HEAP_CAP_MB} MB`]: { value: mb(some.peakRss) },
      [`peak RSS, merge of ${VILLAGES} village files, heap ${HEAP_CAP_MB} MB`]: { value: `${mb(allCapped.peakRss)} (${int(allCapped.changes / allCapped.importS)} changes/s)` },
      [`peak RSS, merge of 1 township file (${mb(township.largestFile)}), heap ${HEAP_CAP_MB} MB`]: {
        value: `${mb(township.peakRss)} (${int(township.changes / township.importS)} changes/s)`,
      },
      'peak RSS, Automerge merge': { value: mb(am.peakRss) },
    });
    console.log('Targets:');
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
    console.log(`  merge ≥ 50% of raw insert:   ${verdict(mergeRate >= rawRate / 2, `${pct(mergeRate, rawRate)} of raw by wall time; by CPU time ${pct(mergeCpuRate, rawCpuRate)}`)}`);
    console.log(`  merge ≥ 10× Automerge:       ${verdict(mergeRate >= amRate * 10, `${(mergeRate / amRate).toFixed(1)}× by wall time; by CPU time ${(mergeCpuRate / amCpuRate).toFixed(1)}×`)}`);
    console.log(`  bytes/change ≤ Automerge's:  ${verdict(ourBpc <= amBpo, `${ourBpc.toFixed(2)} vs ${amBpo.toFixed(2)}`)}`);
    const rssShare = (rss: number) => `${mb(rss)} vs ${mb(am.peakRss)} (${((rss / am.peakRss) * 100).toFixed(0)}%)`;
    console.log(`  peak RSS ≤ ¼ of Automerge's: ${verdict(allCapped.peakRss <= am.peakRss / 4, `heap ${HEAP_CAP_MB} MB: ${rssShare(allCapped.peakRss)}; uncapped: ${rssShare(all.peakRss)}`)}`);
    console.log(
      `  peak RSS flat as files grow: ${verdict(rssGrowth < 1.25, `heap ${HEAP_CAP_MB} MB: a ${(township.largestFile / one.largestFile).toFixed(0)}× larger file takes ${rssGrowth.toFixed(2)}× the memory; ${VILLAGES} files vs ${third}: ${(allCapped.peakRss / some.peakRss).toFixed(2)}×`)}`,
    );
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

async function child(manifest: Manifest, mode: string, rest: string[]): Promise<unknown> {
  if (mode === 'import') return childImport(manifest, rest.slice(1), rest[0]!);
  if (mode === 'automerge-build') return buildForked(manifest, manifest.villages.length);
  if (mode === 'automerge-merge') return mergeForked(manifest, manifest.villages.length, rest[0]!);
  throw new Error(`No child mode ${mode}`);
}

mainOrChild(main, child);
