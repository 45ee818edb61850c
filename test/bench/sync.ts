// Bench: a township's village bundles merged into a fresh coordinator database, side by side in
// the same run with (a) SQLite's raw insert rate of as many rows into a table shaped like the
// change log (same columns and indexes, one prepared statement, one transaction) and
// (b) Automerge merging one document per village holding the same records. Every merge runs in a
// child process of its own, so each peak RSS is that merge's alone. Prints figures and targets.
// Rates are printed by wall time and by CPU time (user + system of the process doing the work),
// which stays steady when other jobs share the machine.
//   node scripts/bench.mjs sync [--villages N] [--households N] [--years N] [--keep]
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUuidV7Source, newDeviceId } from '../../db/ids';
import { LEDGER_NAMES, ledgerColumns } from '../../db/ledgers';
import { openDatabase } from '../../db/open';
import { createStore } from '../../db/store';
import { createHlcClock } from '../../db/sync/hlc';
import { importBundle } from '../../db/sync/importBundle';
import { fileSource, scanBundle, segmentsToExport, writeBundle } from '../../db/sync/segments/bundle';
import { deviceKeys, sealAll, type DeviceKeys } from '../../db/sync/segments/seal';
import { trustDevice } from '../../db/sync/trust';
import { generateVillages, loadVillage } from '../../electron/services/demo/index';
import { chinaDay } from '../../electron/services/demo/random';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const seconds = (since: number) => (performance.now() - since) / 1000;
/** CPU seconds (user + system) of this process since `since`: steadier than wall time on a shared machine. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** What the children need to know of a generated village. */
interface VillageFile {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly villageId: string;
  readonly db: string;
  readonly bundle: string;
  readonly changes: number;
  readonly visits: number;
  readonly households: number;
}

interface Manifest {
  readonly dir: string;
  readonly coordinator: { deviceId: string; privateKey: string; publicKey: string };
  readonly villages: VillageFile[];
}

function newKeys(deviceId: string): DeviceKeys & { privateKeyPem: string } {
  const privateKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { ...deviceKeys(deviceId, privateKeyPem), privateKeyPem };
}

// --------------------------------------------------------------------------------------------
// Children: each prints one JSON line with its figures and its peak RSS.

interface ImportFigures {
  readonly changes: number;
  readonly bytes: number;
  readonly importS: number;
  readonly importCpuS: number;
  readonly verifyS: number;
  readonly largestFile: number;
  readonly peakRss: number;
}
interface BuildFigures {
  readonly ops: number;
  readonly bytes: number;
  readonly rows: number;
  readonly peakRss: number;
}
interface MergeFigures {
  readonly ops: number;
  readonly totalS: number;
  readonly totalCpuS: number;
  readonly mergeOnlyS: number;
  readonly peakRss: number;
}

/** Imports bundle files into a fresh coordinator database, as the app does. */
async function childImport(manifest: Manifest, files: string[], dbPath: string): Promise<ImportFigures> {
  const db = await openDatabase(dbPath);
  const { coordinator } = manifest;
  const at = new Date().toISOString();
  for (const v of manifest.villages) {
    trustDevice(db.sqlite, coordinator.deviceId, { deviceId: v.deviceId, publicKey: v.publicKey, name: v.deviceId, role: 'secretary', villages: [v.villageId] }, at);
  }
  const clock = createHlcClock(Date.now);
  const options = { selfId: coordinator.deviceId, selfPublicKey: coordinator.publicKey, now: Date.now };
  const keyOf = (id: string) => (id === coordinator.deviceId ? coordinator.publicKey : (manifest.villages.find((v) => v.deviceId === id)?.publicKey ?? null));
  // Where the time goes: the verify pass alone (read, hash, signatures, decode), then the import.
  const v0 = performance.now();
  for (const file of files) {
    const source = fileSource(file);
    try {
      scanBundle(source, { keyOf });
    } finally {
      source.close();
    }
  }
  const verifyS = seconds(v0);
  let changes = 0;
  let bytes = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const file of files) {
    const receipt = importBundle(db.sqlite, clock, file, options);
    if (receipt.status !== 'imported' || Object.keys(receipt.setAside).length) throw new Error(`${file}: ${JSON.stringify(receipt)}`);
    changes += receipt.changesNew;
    bytes += statSync(file).size;
  }
  const importS = seconds(t0);
  const importCpuS = cpuSeconds(c0);
  const stored = db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;
  db.close();
  if (stored !== changes) throw new Error(`${stored} changes stored, ${changes} imported`);
  return { changes, bytes, importS, importCpuS, verifyS, largestFile: Math.max(...files.map((f) => statSync(f).size)), peakRss: peakRss() };
}

/** Builds one Automerge document per village from the same records (the village's ledger rows). */
async function childAutomergeBuild(manifest: Manifest): Promise<BuildFigures> {
  const A = await import('@automerge/automerge');
  let ops = 0;
  let bytes = 0;
  let rows = 0;
  for (const [i, v] of manifest.villages.entries()) {
    const db = await openDatabase(v.db);
    let doc = A.init<Record<string, Record<string, Record<string, unknown>>>>();
    doc = A.change(doc, (d) => {
      for (const table of LEDGER_NAMES) d[table] = {};
    });
    for (const table of LEDGER_NAMES) {
      const columns = ledgerColumns(table);
      for (const row of db.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]) {
        // One change per row, as the store writes one transaction per row; the cells it wrote,
        // strings as ImmutableString: a last-writer-wins value like a Cunji cell, not a
        // character-by-character text (which would be one op per character).
        const record: Record<string, unknown> = {};
        for (const col of columns) {
          const value = row[col];
          if (value !== null && value !== undefined) record[col] = typeof value === 'string' ? new A.ImmutableString(value) : value;
        }
        doc = A.change(doc, (d) => {
          d[table]![row.id as string] = record;
        });
        rows++;
      }
    }
    db.close();
    const saved = A.save(doc);
    writeFileSync(join(manifest.dir, `village-${i}.automerge`), saved);
    ops += A.stats(doc).numOps;
    bytes += saved.length;
  }
  return { ops, bytes, rows, peakRss: peakRss() };
}

/** Loads the village documents and merges them into one. */
async function childAutomergeMerge(manifest: Manifest): Promise<MergeFigures> {
  const A = await import('@automerge/automerge');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let merged = A.init<unknown>();
  let mergeOnlyS = 0;
  for (const i of manifest.villages.keys()) {
    const doc = A.load<unknown>(readFileSync(join(manifest.dir, `village-${i}.automerge`)));
    const m0 = performance.now();
    merged = A.merge(merged, doc);
    mergeOnlyS += seconds(m0);
  }
  const totalS = seconds(t0);
  const totalCpuS = cpuSeconds(c0);
  return { ops: A.stats(merged).numOps, totalS, totalCpuS, mergeOnlyS, peakRss: peakRss() };
}

/**
 * The JavaScript heap given to the capped merges. V8 grows its heap lazily, so an uncapped peak
 * RSS follows how much garbage a run made; a merge that succeeds under this cap cannot hold a
 * file's changes (hundreds of MB decoded) in memory, and its peak RSS is its real footprint.
 */
const HEAP_CAP_MB = 64;

function runChild<T>(manifestPath: string, nodeFlags: string[], ...args: string[]): T {
  const child = spawnSync(process.execPath, [...nodeFlags, '--enable-source-maps', process.argv[1]!, '--child', manifestPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`child ${args.join(' ')} failed:\n${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

// --------------------------------------------------------------------------------------------
// The parent: generate, measure, compare.

async function generate(dir: string, villages: number, households: number, years: number): Promise<Manifest> {
  const coordinatorKeys = newKeys(newDeviceId());
  const out: VillageFile[] = [];
  for (const village of generateVillages({
    villages, householdsPerVillage: households, years, seed: 'cunji-bench-sync', today: chinaDay(Date.now()),
  })) {
    const deviceId = newDeviceId();
    const keys = newKeys(deviceId);
    const dbPath = join(dir, `village-${village.index}.sqlite`);
    const db = await openDatabase(dbPath);
    const clock = createHlcClock(Date.now);
    const store = createStore({ db, clock, newId: createUuidV7Source(Date.now), deviceId });
    const villageId = loadVillage(store, village);
    sealAll(db.sqlite, keys);
    const bundle = join(dir, `village-${village.index}.cunji`);
    const written = writeBundle(db.sqlite, bundle, { keys, app: 'bench', segments: segmentsToExport(db.sqlite) });
    db.close();
    out.push({
      deviceId, publicKey: keys.publicKeyPem, villageId, db: dbPath, bundle, changes: written.changes, visits: village.visits.length, households: village.households.length,
    });
  }
  return { dir, coordinator: { deviceId: coordinatorKeys.deviceId, privateKey: coordinatorKeys.privateKeyPem, publicKey: coordinatorKeys.publicKeyPem }, villages: out };
}

/** Rows into a table shaped like the change log (its own DDL and indexes), one statement, one transaction. */
async function rawInsert(dir: string, manifest: Manifest): Promise<{ rows: number; insertS: number; insertCpuS: number }> {
  const db = await openDatabase(join(dir, 'raw.sqlite'));
  const source = await openDatabase(manifest.villages[0]!.db);
  const ddl = source.sqlite.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'changes' AND sql IS NOT NULL").pluck().all() as string[];
  source.close();
  for (const statement of ddl) db.sqlite.exec(statement.replace(/\bchanges\b/g, 'raw_log').replace(/\b(changes_\w+)\b/g, 'raw_$1'));
  const insert = db.sqlite.prepare('INSERT INTO raw_log (id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let rows = 0;
  let insertS = 0;
  let insertCpuS = 0;
  db.sqlite.exec('BEGIN');
  for (const v of manifest.villages) {
    // Reading a village's rows is not timed: only the inserts (and the commit) are.
    const village = await openDatabase(v.db);
    const changes = village.sqlite.prepare('SELECT id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment FROM changes').raw().all() as unknown[][];
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
    const manifest = await generate(dir, VILLAGES, HOUSEHOLDS, YEARS);
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

    const built = runChild<BuildFigures>(manifestPath, [], 'automerge-build');
    const am = runChild<MergeFigures>(manifestPath, [], 'automerge-merge');

    const bundleBytes = manifest.villages.reduce((n, v) => n + statSync(v.bundle).size, 0);
    const mergeRate = all.changes / all.importS;
    const rawRate = raw.rows / raw.insertS;
    const amRate = am.ops / am.totalS;
    const mergeCpuRate = all.changes / all.importCpuS;
    const rawCpuRate = raw.rows / raw.insertCpuS;
    const amCpuRate = am.ops / am.totalCpuS;
    const ourBpc = bundleBytes / changes;
    const amBpo = built.bytes / built.ops;
    const verdict = (ok: boolean, detail: string) => `${ok ? 'MET' : 'MISSED'} — ${detail}`;
    const rssGrowth = township.peakRss / one.peakRss;

    console.table({
      'changes merged': { value: int(all.changes) },
      'MERGE (importBundle ×files)': { value: `${all.importS.toFixed(2)} s, ${int(mergeRate)} changes/s (CPU ${all.importCpuS.toFixed(2)} s, ${int(mergeCpuRate)} changes/s)` },
      '  of which verify pass': { value: `${all.verifyS.toFixed(2)} s (${((all.verifyS / all.importS) * 100).toFixed(0)}% of the import, measured alone)` },
      'raw SQLite insert, change-log table': { value: `${raw.insertS.toFixed(2)} s, ${int(rawRate)} rows/s (CPU ${raw.insertCpuS.toFixed(2)} s, ${int(rawCpuRate)} rows/s; ${int(raw.rows)} rows)` },
      [`Automerge merge (load + merge ${VILLAGES} docs)`]: { value: `${am.totalS.toFixed(2)} s, ${int(amRate)} ops/s (CPU ${am.totalCpuS.toFixed(2)} s, ${int(amCpuRate)} ops/s; ${int(am.ops)} ops; merge calls alone ${am.mergeOnlyS.toFixed(2)} s)` },
      'bytes per change (bundles)': { value: `${ourBpc.toFixed(2)} (${mb(bundleBytes)})` },
      'Automerge bytes per op (saved docs)': { value: `${amBpo.toFixed(2)} (${mb(built.bytes)})` },
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

async function child(): Promise<void> {
  const at = process.argv.indexOf('--child');
  const [manifestPath, mode, ...rest] = process.argv.slice(at + 1);
  const manifest = JSON.parse(readFileSync(manifestPath!, 'utf8')) as Manifest;
  let result: ImportFigures | BuildFigures | MergeFigures;
  if (mode === 'import') result = await childImport(manifest, rest.slice(1), rest[0]!);
  else if (mode === 'automerge-build') result = await childAutomergeBuild(manifest);
  else if (mode === 'automerge-merge') result = await childAutomergeMerge(manifest);
  else throw new Error(`No child mode ${mode}`);
  console.log(JSON.stringify(result));
}

(process.argv.includes('--child') ? child() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
