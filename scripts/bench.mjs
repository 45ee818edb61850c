// npm run bench:lists — bundles test/bench/lists.ts with esbuild into dist/bench/lists.cjs
// (better-sqlite3 stays external: a native addon) and runs it with node. Extra arguments go to
// the bench: `npm run bench:lists -- --villages 50 --households 200 --years 2 --runs 5`.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const benches = { lists: 'test/bench/lists.ts', bundle: 'test/bench/bundle.ts', envelope: 'test/bench/envelope.ts' };
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
  external: ['electron', 'better-sqlite3'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', `${root}dist/bench/${name}.cjs`, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
