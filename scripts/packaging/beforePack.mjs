// electron-builder's beforePack (electron-builder.yml): better-sqlite3's addon built for the
// target Electron's ABI and arch, staged where the `files` mapping takes it into the package.
// node_modules is never touched: it stays built for Node, so the tests keep working.
//
// CUNJI_SKIP_ELECTRON_REBUILD=<reason> stages Node's own build instead, for checking the
// configuration on a machine that cannot download Electron's headers (test/packaging). Such a
// package cannot open its database in real Electron; the hook says so and why.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const ADDON = 'better_sqlite3.node';
export const SKIP_ENV = 'CUNJI_SKIP_ELECTRON_REBUILD';

/** Where the `files` entry `.cache/electron-native/package-${os}-${arch}` reads the addon from. */
export function stageDir(projectDir, os, arch) {
  return join(projectDir, '.cache', 'electron-native', `package-${os}-${arch}`);
}

/** The ABI (NODE_MODULE_VERSION) an addon was built for, read from its registration symbol. */
export function addonAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  if (!match) throw new Error(`${file} has no node_register_module_v<ABI> symbol: not a Node addon?`);
  return Number(match[1]);
}

/** Refuses an addon built for another runtime: real Electron would not load it. */
export function expectAbi(file, expected, runtime) {
  const found = existsSync(file) ? addonAbi(file) : null;
  if (found !== expected) {
    throw new Error(`better-sqlite3 was not built for ${runtime}: expected ABI ${expected}, found ${found ?? 'no addon'} in ${file}`);
  }
}

/** Linux arm64 on an x64 runner: node-gyp needs the cross compilers (CI installs them). */
function crossCompilerEnv(platform, arch) {
  if (platform !== 'linux' || arch === process.arch || arch !== 'arm64') return {};
  const gcc = spawnSync('aarch64-linux-gnu-gcc', ['--version']);
  return gcc.status === 0 ? { CC: 'aarch64-linux-gnu-gcc', CXX: 'aarch64-linux-gnu-g++', LINK: 'aarch64-linux-gnu-g++' } : {};
}

/** An ES module (@electron/rebuild, node-abi) from the project's node_modules, on every OS. */
function importFrom(projectRequire, id) {
  return import(pathToFileURL(projectRequire.resolve(id)).href);
}

/** Builds better-sqlite3 for `electronVersion`/`arch` in a scratch copy; returns the addon path. */
async function buildForElectron({ projectDir, electronVersion, platform, arch, workDir }) {
  const projectRequire = createRequire(join(projectDir, 'package.json'));
  const source = dirname(projectRequire.resolve('better-sqlite3/package.json'));
  rmSync(workDir, { recursive: true, force: true });
  cpSync(source, join(workDir, 'node_modules/better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${sep}build${sep}`) });
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ name: 'cunji-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const { rebuild } = await importFrom(projectRequire, '@electron/rebuild');
  const compilers = crossCompilerEnv(platform, arch);
  Object.assign(process.env, compilers);
  try {
    // Tries better-sqlite3's prebuilt Electron binary first, compiles against Electron's headers otherwise.
    await rebuild({ buildPath: workDir, electronVersion, arch, platform, force: true, onlyModules: ['better-sqlite3'] });
  } finally {
    for (const name of Object.keys(compilers)) delete process.env[name];
  }
  return join(workDir, 'node_modules/better-sqlite3/build/Release', ADDON);
}

/** electron-builder finds this by the hook's name (electron-builder.yml `beforePack`). */
export async function beforePack(context) {
  const { packager, arch: archEnum, electronPlatformName: platform } = context;
  const skipReason = process.env[SKIP_ENV];
  if (!skipReason && platform !== process.platform) {
    throw new Error(`better-sqlite3 must be built on the platform it runs on: packaging for ${platform} on ${process.platform} is not supported. Build each platform's installer on that platform (see .github/workflows/ci.yml).`);
  }
  const projectDir = packager.info.projectDir;
  const projectRequire = createRequire(join(projectDir, 'package.json'));
  const { Arch } = createRequire(projectRequire.resolve('electron-builder'))('builder-util');
  const arch = Arch[archEnum];
  const electronVersion = packager.info.framework.version;
  const staged = join(stageDir(projectDir, packager.platform.buildConfigurationKey, arch), ADDON);
  rmSync(dirname(staged), { recursive: true, force: true });
  mkdirSync(dirname(staged), { recursive: true });

  if (skipReason) {
    const nodeBuild = join(dirname(projectRequire.resolve('better-sqlite3/package.json')), 'build/Release', ADDON);
    copyFileSync(nodeBuild, staged);
    console.log(`[cunji] beforePack: better-sqlite3 NOT rebuilt for Electron ${electronVersion} (${SKIP_ENV}: ${skipReason}); packaged Node's build (ABI ${addonAbi(staged)}), this package is for checking the configuration only`);
    return;
  }
  const workDir = join(projectDir, '.cache', 'electron-native', `work-${platform}-${arch}`);
  const built = await buildForElectron({ projectDir, electronVersion, platform, arch, workDir });
  const { getAbi } = await importFrom(createRequire(projectRequire.resolve('@electron/rebuild')), 'node-abi');
  const expected = Number(getAbi(electronVersion, 'electron'));
  expectAbi(built, expected, `Electron ${electronVersion}`);
  copyFileSync(built, staged);
  rmSync(workDir, { recursive: true, force: true });
  console.log(`[cunji] beforePack: better-sqlite3 built for Electron ${electronVersion} ${platform}-${arch} (ABI ${expected})`);
}
