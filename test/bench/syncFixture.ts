// What the sync benches share: generating signed village files from the demo generator, importing
// files into a coordinator database as the app does (in a child process, so its peak RSS is its
// own), and the small formatting and timing helpers. Used by bench:sync and by `npm run bench`.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createUuidV7Source, newDeviceId } from '../../db/ids';
import { openDatabase } from '../../db/open';
import { createStore } from '../../db/store';
import { createHlcClock } from '../../db/sync/hlc';
import { importBundle } from '../../db/sync/importBundle';
import { fileSource, scanBundle, segmentsToExport, writeBundle } from '../../db/sync/segments/bundle';
import { deviceKeys, sealAll, type DeviceKeys } from '../../db/sync/segments/seal';
import { trustDevice } from '../../db/sync/trust';
import { generateVillages, loadVillage } from '../../electron/services/demo/index';
import { chinaDay } from '../../electron/services/demo/random';
import { countLoggedByOrigin } from '../helpers/loggedChanges';

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** Peak resident set of this process so far (Linux: VmHWM), in bytes. */
export const peakRss = () => process.resourceUsage().maxRSS * 1024;
export const seconds = (since: number) => (performance.now() - since) / 1000;
/** CPU seconds (user + system) of this process since `since`: steadier than wall time on a shared machine. */
export const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** What the children need to know of a generated village. */
export interface VillageFile {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly villageId: string;
  readonly db: string;
  readonly bundle: string;
  readonly changes: number;
  readonly visits: number;
  readonly households: number;
}

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly privateKey: string;
  readonly publicKey: string;
}

export interface Manifest {
  readonly dir: string;
  /** The device importing (a coordinator, or a district). */
  readonly coordinator: DeviceIdentity;
  readonly villages: VillageFile[];
  /** Township coordinators who relay their villages' files, trusted by whoever imports. */
  readonly relays?: readonly (DeviceIdentity & { villages: string[] })[];
}

export function newKeys(deviceId: string): DeviceKeys & { privateKeyPem: string } {
  const privateKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { ...deviceKeys(deviceId, privateKeyPem), privateKeyPem };
}

export function newIdentity(): DeviceIdentity {
  const keys = newKeys(newDeviceId());
  return { deviceId: keys.deviceId, privateKey: keys.privateKeyPem, publicKey: keys.publicKeyPem };
}

export interface GenerateOptions {
  readonly villages: number;
  readonly households: number;
  readonly years: number;
  readonly seed?: string;
  readonly villagesPerTownship?: number;
  /** Called after each village is written, for a progress line. */
  readonly onVillage?: (index: number) => void;
}

/** Generates the villages through the store, seals each one's log and writes its `.cunji` file. */
export async function generate(dir: string, options: GenerateOptions): Promise<Manifest> {
  const out: VillageFile[] = [];
  for (const village of generateVillages({
    villages: options.villages, householdsPerVillage: options.households, years: options.years, seed: options.seed ?? 'cunji-bench-sync',
    today: chinaDay(Date.now()), villagesPerTownship: options.villagesPerTownship,
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
    options.onVillage?.(village.index);
  }
  return { dir, coordinator: newIdentity(), villages: out };
}

/** Writes every segment a database holds into one file signed by `by`: a coordinator relaying her township. */
export async function relayFile(dbPath: string, file: string, by: DeviceIdentity): Promise<number> {
  const db = await openDatabase(dbPath);
  try {
    return writeBundle(db.sqlite, file, { keys: deviceKeys(by.deviceId, by.privateKey), app: 'bench', segments: segmentsToExport(db.sqlite) }).changes;
  } finally {
    db.close();
  }
}

export interface ImportFigures {
  readonly changes: number;
  readonly bytes: number;
  readonly importS: number;
  readonly importCpuS: number;
  readonly verifyS: number;
  readonly largestFile: number;
  readonly peakRss: number;
  /** The same files imported a second time into the same database (nothing new): when asked. */
  readonly reimportS?: number;
  readonly reimportCpuS?: number;
}

/** Imports bundle files into a fresh coordinator database, as the app does. */
export async function childImport(manifest: Manifest, files: string[], dbPath: string, options: { verify?: boolean; reimport?: boolean } = {}): Promise<ImportFigures> {
  const db = await openDatabase(dbPath);
  const { coordinator } = manifest;
  const at = new Date().toISOString();
  for (const v of manifest.villages) {
    trustDevice(db.sqlite, coordinator.deviceId, { deviceId: v.deviceId, publicKey: v.publicKey, name: v.deviceId, role: 'secretary', villages: [v.villageId] }, at);
  }
  for (const r of manifest.relays ?? []) {
    trustDevice(db.sqlite, coordinator.deviceId, { deviceId: r.deviceId, publicKey: r.publicKey, name: r.deviceId, role: 'coordinator', villages: r.villages }, at);
  }
  const clock = createHlcClock(Date.now);
  const importOptions = { selfId: coordinator.deviceId, selfPublicKey: coordinator.publicKey, now: Date.now };
  const keys = new Map<string, string>([[coordinator.deviceId, coordinator.publicKey], ...manifest.villages.map((v) => [v.deviceId, v.publicKey] as const), ...(manifest.relays ?? []).map((r) => [r.deviceId, r.publicKey] as const)]);
  const keyOf = (id: string) => keys.get(id) ?? null;
  // Where the time goes: the verify pass alone (read, hash, signatures, decode), then the import.
  let verifyS = 0;
  if (options.verify !== false) {
    const v0 = performance.now();
    for (const file of files) {
      const source = fileSource(file);
      try {
        scanBundle(source, { keyOf });
      } finally {
        source.close();
      }
    }
    verifyS = seconds(v0);
  }
  let changes = 0;
  let bytes = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const file of files) {
    const receipt = importBundle(db.sqlite, clock, file, importOptions);
    if (receipt.status !== 'imported' || Object.keys(receipt.setAside).length) throw new Error(`${file}: ${JSON.stringify(receipt)}`);
    changes += receipt.changesNew;
    bytes += statSync(file).size;
  }
  const importS = seconds(t0);
  const importCpuS = cpuSeconds(c0);
  const figures = { changes, bytes, importS, importCpuS, verifyS, largestFile: Math.max(...files.map((f) => statSync(f).size)), peakRss: peakRss() };
  // The log wherever kept, an origin at a time: the whole of it would not fit the capped heap.
  const stored = countLoggedByOrigin(db.sqlite);
  if (stored !== changes) throw new Error(`${stored} changes stored, ${changes} imported`);
  if (!options.reimport) {
    db.close();
    return figures;
  }
  const r0 = performance.now();
  const rc0 = process.cpuUsage();
  for (const file of files) {
    const receipt = importBundle(db.sqlite, clock, file, importOptions);
    if (receipt.changesNew !== 0) throw new Error(`${file} imported again brought ${receipt.changesNew} new changes`);
  }
  const reimportS = seconds(r0);
  const reimportCpuS = cpuSeconds(rc0);
  db.close();
  return { ...figures, reimportS, reimportCpuS };
}

/**
 * Runs this bench's own script again as `--child <manifest> <args…>` and returns the JSON of its last
 * line. The child runs as the app's main process does, without source maps: loading the bench
 * bundle's 10 MB map would add about 40 MB to every peak RSS it measures (Cunji's and Automerge's).
 */
export function runChild<T>(manifestPath: string, nodeFlags: string[], ...args: string[]): T {
  const child = spawnSync(process.execPath, [...nodeFlags, process.argv[1]!, '--child', manifestPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`child ${args.join(' ')} failed:\n${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** Runs `child` (its result printed as one JSON line) when this process is a bench's child, else `main`; a failure exits 1. */
export function mainOrChild(main: () => Promise<void>, child: (manifest: Manifest, mode: string, rest: string[]) => Promise<unknown>): void {
  const at = process.argv.indexOf('--child');
  const run = async () => {
    if (at < 0) return main();
    const [manifestPath, mode, ...rest] = process.argv.slice(at + 1);
    const manifest = JSON.parse(readFileSync(manifestPath!, 'utf8')) as Manifest;
    console.log(JSON.stringify(await child(manifest, mode!, rest)));
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
