// Bench: a township written through the real store, sealed into segments, written as a .cunji
// bundle, verified and decoded. Prints sizes (bytes per change) and throughputs; asserts nothing.
//   node scripts/bench.mjs bundle [--villages N] [--households N] [--years N] [--segment N] [--keep]
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUuidV7Source, newDeviceId } from '../../db/ids';
import { openDatabase } from '../../db/open';
import { createStore } from '../../db/store';
import { createHlcClock } from '../../db/sync/hlc';
import { changesOf, fileSource, readBundle, segmentsToExport, verifyBundle, writeBundle } from '../../db/sync/segments/bundle';
import { DEFAULT_SEGMENT_CHANGES, deviceKeys, sealAll } from '../../db/sync/segments/seal';
import { emptyStats, generateVillages, loadVillage } from '../../electron/services/demo/index';
import { chinaDay } from '../../electron/services/demo/random';
import { countLogged } from '../helpers/loggedChanges';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const VILLAGES = arg('villages', 30);
const HOUSEHOLDS = arg('households', 400);
const YEARS = arg('years', 1);
const SEGMENT = arg('segment', DEFAULT_SEGMENT_CHANGES);
const KEEP = process.argv.includes('--keep');
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-bundle-'));
  const db = await openDatabase(join(dir, 'device.sqlite'));
  try {
    const deviceId = newDeviceId();
    const clock = createHlcClock(Date.now);
    const store = createStore({ db, clock, newId: createUuidV7Source(Date.now), deviceId });
    const { privateKey } = generateKeyPairSync('ed25519');
    const keys = deviceKeys(deviceId, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    console.log(`村记 bench:bundle — ${VILLAGES} villages × ~${HOUSEHOLDS} households, ${YEARS} year(s), segments of ${int(SEGMENT)} changes, in ${dir}`);

    const stats = emptyStats();
    const t0 = performance.now();
    for (const village of generateVillages({
      villages: VILLAGES, householdsPerVillage: [Math.round(HOUSEHOLDS * 0.8), Math.round(HOUSEHOLDS * 1.2)], years: YEARS, seed: 'cunji-bench-bundle', today: chinaDay(Date.now()),
    })) loadVillage(store, village, stats);
    const loadS = (performance.now() - t0) / 1000;
    const changes = db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;
    const valueBytes = db.sqlite.prepare('SELECT sum(length(CAST(value AS BLOB))) FROM changes').pluck().get() as number;
    console.log(`loaded ${int(stats.rows)} rows, ${int(changes)} changes in ${loadS.toFixed(1)} s (value JSON alone: ${mb(valueBytes)}, ${(valueBytes / changes).toFixed(2)} bytes per change)`);

    const t1 = performance.now();
    const sealed = sealAll(db.sqlite, keys, { maxChanges: SEGMENT });
    const sealS = (performance.now() - t1) / 1000;

    const path = join(dir, 'township.cunji');
    const t2 = performance.now();
    const written = writeBundle(db.sqlite, path, { keys, app: 'bench', segments: segmentsToExport(db.sqlite) });
    const writeS = (performance.now() - t2) / 1000;
    const bytes = statSync(path).size;

    const keyOf = (id: string) => (id === deviceId ? keys.publicKeyPem : null);
    const t3 = performance.now();
    const source = fileSource(path);
    const verified = verifyBundle(source, { keyOf });
    const verifyS = (performance.now() - t3) / 1000;
    const t4 = performance.now();
    let decoded = 0;
    for (const segment of verified.segments) decoded += changesOf(segment).length;
    const decodeS = (performance.now() - t4) / 1000;
    source.close();
    if (decoded !== changes) throw new Error(`decoded ${decoded} of ${changes} changes`);
    if (!KEEP && changes <= 200_000) {
      const again = readBundle(fileSource(path), { keyOf });
      // Sealed, the changes are the log's wherever it keeps them (in their segments, once step 4 deletes sealed rows).
      const local = countLogged(db.sqlite);
      if (again.changeList.length !== local) throw new Error('round trip lost changes');
    }

    console.table({
      changes: { value: int(changes) },
      segments: { value: sealed.length },
      'bundle bytes': { value: `${int(bytes)} (${mb(bytes)})` },
      'BYTES PER CHANGE': { value: (bytes / changes).toFixed(2) },
      'seal (encode+compress+sign+SQL)': { value: `${sealS.toFixed(2)} s, ${int(changes / sealS)} changes/s` },
      'write bundle': { value: `${writeS.toFixed(2)} s, ${int(changes / writeS)} changes/s` },
      'verify (hash, signatures, decode all)': { value: `${verifyS.toFixed(2)} s, ${int(changes / verifyS)} changes/s` },
      'decode again': { value: `${decodeS.toFixed(2)} s, ${int(changes / decodeS)} changes/s` },
    });
    console.log(`file hash ${written.fileHash.slice(0, 16)}…; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    db.close();
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
