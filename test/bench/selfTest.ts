// The start-up self-test's cost: node:crypto against its vectors, then the database checks
// (integrity_check and quick_check read every page, so they grow with the file). Loads a
// township of demo villages first, closes it, and times runSelfTest as main.ts runs it.
//   npx esbuild test/bench/selfTest.ts --bundle --platform=node --format=cjs --external:better-sqlite3 --outfile=/tmp/cunji-selftest-bench.cjs --log-level=warning \
//     && NODE_PATH=node_modules node /tmp/cunji-selftest-bench.cjs --villages 20 --runs 5
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openApp } from '../../electron/services/app';
import { emptyStats, generateVillages, loadVillage } from '../../electron/services/demo/index';
import { chinaDay } from '../../electron/services/demo/random';
import { checkCrypto, runSelfTest } from '../../electron/services/selfTest';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const VILLAGES = arg('villages', 20);
const RUNS = arg('runs', 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  const failures = (await work()) as unknown[];
  if (failures.length) throw new Error(`the self-test failed: ${JSON.stringify(failures)}`);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunji-bench-selftest-'));
  try {
    const app = await openApp({ dataDir, appVersion: 'bench', sync: { autoStart: false } });
    const stats = emptyStats();
    const options = { villages: VILLAGES, householdsPerVillage: [160, 240] as [number, number], years: 1, seed: 'cunji-selftest', today: chinaDay(Date.now()) };
    for (const village of generateVillages(options)) loadVillage(app.context.store, village, stats);
    app.context.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    app.close();
    const file = join(dataDir, DATABASE_FILE_NAME);
    const mib = statSync(file).size / 1024 / 1024;
    console.log(`村记 bench:selfTest — ${VILLAGES} villages, ${stats.rows} rows, database ${mib.toFixed(1)} MiB, ${RUNS} runs`);

    const crypto: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      crypto.push(await timed(checkCrypto));
      whole.push(await timed(() => runSelfTest({ databaseFile: file })));
    }
    console.log(`  crypto checks (SHA-256, Ed25519, AES-256-GCM, scrypt N=1024 r=8 p=16): median ${median(crypto).toFixed(0)} ms`);
    console.log(`  whole self-test (crypto + open + integrity_check + quick_check + write/rollback): median ${median(whole).toFixed(0)} ms, max ${Math.max(...whole).toFixed(0)} ms`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
