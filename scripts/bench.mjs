// npm run bench:lists — bundles test/bench/lists.ts with esbuild into dist/bench/lists.cjs
// (better-sqlite3, sharp and Automerge stay external: native addons, a WebAssembly module) and runs it
// with node. Extra arguments go to the bench: `npm run bench:lists -- --villages 50 --runs 5`,
// `npm run bench:sync -- --villages 10`. `npm run bench` is the suite (test/bench/suite.ts).
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const benches = { lists: 'test/bench/lists.ts', bundle: 'test/bench/bundle.ts', envelope: 'test/bench/envelope.ts', sync: 'test/bench/sync.ts', history: 'test/bench/history.ts', quarantine: 'test/bench/quarantine.ts', dashboards: 'test/bench/dashboards.ts', reports: 'test/bench/reports.ts', imports: 'test/bench/imports.ts', suite: 'test/bench/suite.ts', attachments: 'test/bench/attachments.ts' };
const [name = 'lists', ...args] = process.argv.slice(2);
if (!(name in benches)) {
  console.error(`No bench named ${name}; there are: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
await build({
  absWorkingDir: root,
  entryPoints: { [name]: benches[name] },
  outdir: 'dist/bench',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Native addons and Automerge's WebAssembly load from node_modules at run time.
  external: ['electron', 'better-sqlite3', 'sharp', '@automerge/automerge'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', `${root}dist/bench/${name}.cjs`, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
