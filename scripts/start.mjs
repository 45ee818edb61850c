// `npm start [-- --data DIR]`: build, then open the desktop app. Where the Electron binary is
// missing (its download failed or was blocked), say so plainly and serve the very same app
// through the browser host on 127.0.0.1 instead.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = findElectronBinary();
if (electron) {
  const nativeBinding = await electronNativeBinding(electron.version);
  const child = spawn(electron.binary, [join(root, 'dist/electron/main.cjs'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, CUNJI_NATIVE_BINDING: nativeBinding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '\nThe Electron runtime is not on this machine (its download failed or was blocked), so Cunji opens in your browser instead.\n' +
      'For the desktop window: connect to the internet and run `npx install-electron` ' +
      '(in mainland China first set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/), then `npm start` again.\n',
  );
  const child = spawn(process.execPath, [join(root, 'dist/electron/host.cjs'), '--open', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

/** Where the electron package put its binary, without triggering its download-on-require. */
function findElectronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = relative ? join(distDir, relative) : null;
  return binary && existsSync(binary) ? { binary, version } : null;
}

/**
 * better-sqlite3 built for Electron's ABI, kept in .cache so node_modules stays built for Node
 * (the tests and the browser host need that build). Rebuilt once per Electron version.
 */
async function electronNativeBinding(electronVersion) {
  const cacheDir = join(root, '.cache/electron-native', `${electronVersion}-${process.platform}-${process.arch}`);
  const binding = join(cacheDir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once; about a minute)…`);
  const work = join(cacheDir, 'work');
  rmSync(work, { recursive: true, force: true });
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(source, join(work, 'node_modules/better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${'/'}build${'/'}`) });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cunji-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const { rebuild } = require('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion, arch: process.arch, force: true, onlyModules: ['better-sqlite3'] });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}
