// Builds everything the app runs from: the renderer (vite → dist/renderer) and the main-process
// entries (esbuild → dist/electron/*.cjs). better-sqlite3 and electron stay external: the one
// is a native addon, the other is provided by the Electron runtime.
import { readFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv.slice(2); // e.g. `node scripts/build.mjs electron`

if (only.length === 0 || only.includes('renderer')) {
  await viteBuild({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
}
if (only.length === 0 || only.includes('electron')) {
  await esbuild({
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
    external: ['electron', 'better-sqlite3'],
    define: { __CUNJI_VERSION__: JSON.stringify(version) },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
console.log(`built 村记 ${version} into dist/`);
