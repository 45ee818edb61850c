// Builds everything the app runs from: the renderer (vite → dist/renderer) and the main-process
// entries (esbuild → dist/electron/*.cjs). better-sqlite3, sharp and electron stay external: the
// first two are native addons (sharp's comes from its @img/* packages), the last is provided by
// the Electron runtime. A target whose inputs have
// not changed since its last good build is skipped (scripts/buildPlan.mjs); `--force` rebuilds.
import { readFileSync } from 'node:fs';
import { forgetStamp, planBuild, recordStamp } from './buildPlan.mjs';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const argv = process.argv.slice(2);
const force = argv.includes('--force');
const only = argv.filter((a) => !a.startsWith('--')); // e.g. `node scripts/build.mjs electron`

const builders = {
  // Imported only when needed: a build with nothing to do answers at once.
  renderer: async () => (await import('vite')).build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' }),
  electron: async () =>
    (await import('esbuild')).build({
      absWorkingDir: root,
      entryPoints: {
        main: 'electron/main/main.ts',
        preload: 'electron/preload/preload.ts',
        host: 'electron/host/cli.ts',
      },
      outdir: 'dist/electron',
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3', 'sharp'],
      define: { __CUNJI_VERSION__: JSON.stringify(version) },
      sourcemap: 'linked',
      logLevel: 'warning',
    }),
};

const plan = planBuild(root, { only, force });
const stale = plan.filter((target) => target.stale);
for (const target of stale) {
  forgetStamp(root, target.name);
  await builders[target.name]();
  recordStamp(root, target.name, target.hash);
}
const kept = plan.filter((target) => !target.stale).map((target) => target.name);
console.log(
  stale.length === 0
    ? `村记 ${version} in dist/ is up to date (nothing changed since the last build; --force rebuilds)`
    : `built 村记 ${version} into dist/ (${stale.map((t) => `${t.name}: ${t.reason}`).join(', ')}${kept.length ? `; unchanged: ${kept.join(', ')}` : ''})`,
);
