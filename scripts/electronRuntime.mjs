// Finding the Electron binary without triggering its download-on-require, and building
// better-sqlite3 for Electron's ABI apart from node_modules (which stays built for Node, as the
// tests and the browser host need). Used by `npm start` and the `_electron` smoke test.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

/** `{ binary, version }` when the Electron binary is on this machine, otherwise null. */
export function findElectronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = relative ? join(distDir, relative) : null;
  return binary && existsSync(binary) ? { binary, version } : null;
}

/** The path of better-sqlite3's addon built for this Electron version (built once, cached). */
export async function electronNativeBinding(electronVersion) {
  const cacheDir = join(root, '.cache/electron-native', `${electronVersion}-${process.platform}-${process.arch}`);
  const binding = join(cacheDir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once; about a minute)…`);
  const work = join(cacheDir, 'work');
  rmSync(work, { recursive: true, force: true });
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(source, join(work, 'node_modules/better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${sep}build${sep}`) });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cunji-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const { rebuild } = require('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion, arch: process.arch, force: true, onlyModules: ['better-sqlite3'] });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}
