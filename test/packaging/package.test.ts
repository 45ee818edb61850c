// electron-builder.yml, checked by packaging it: a copy of the project (sources, tests, docs and
// all — so leaving them out is proven, not assumed) is built with scripts/build.mjs into its own
// dist/ (never the repo's, which the e2e tests use), then packaged `--linux --dir` against a
// stand-in Electron: a file holding the fuse sentinel and a fuse wire in Electron's default
// states. The real Electron cannot be downloaded here, nor its headers, so beforePack is told to
// skip the Electron rebuild (and the test checks that was the only reason); CI builds the real
// installers on every platform.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addonAbi, SKIP_ENV } from '../../scripts/packaging/beforePack.mjs';

const repo = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const SKIP_REASON = 'no Electron headers on this machine (package.test.ts)';
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, one ASCII '0'/'1' per fuse in FuseV1Options order: packaging must flip them.
const ELECTRON_DEFAULT_FUSES = '10110001';
const CONFIGURED_FUSES: Record<string, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};
// Not in the repo's copy: installed, built or generated things, and git.
const NOT_COPIED = new Set(['node_modules', 'dist', 'release', '.cache', '.git', 'test-results', 'playwright-report']);
const ARCH_FLAG = process.arch === 'arm64' ? '--arm64' : '--x64';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`); // vitest forces colour on
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${output}`);
  return output;
}

function writeStandInElectron(dir: string, version: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES, 'ascii')]);
  const binary = Buffer.concat([Buffer.from('stand-in for the Electron binary\0'), Buffer.from(SENTINEL, 'ascii'), wire, Buffer.from('\0end')]);
  writeFileSync(join(dir, 'electron'), binary, { mode: 0o755 });
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'MIT (stand-in)');
}

describe.skipIf(process.platform !== 'linux')('the Linux package electron-builder.yml makes', () => {
  let work: string;
  let log: string;
  let appDir: string; // linux-unpacked
  let asarFile: string;
  let entries: string[];
  let modules: Set<string>; // the top-level node_modules folders in the asar
  let project: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cunji-package-'));
    project = join(work, 'project');
    mkdirSync(project);
    for (const name of readdirSync(repo)) {
      if (!NOT_COPIED.has(name) && !name.endsWith('.tsbuildinfo')) cpSync(join(repo, name), join(project, name), { recursive: true });
    }
    symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'junction');
    run(process.execPath, ['scripts/build.mjs'], project);
    // electron-builder asks `npm list` which modules are production ones; through a symlinked
    // node_modules npm cannot follow better-sqlite3 to `bindings` (it reports it missing, unless
    // a fresh hidden lockfile happens to answer). So the copy gets a real node_modules: the
    // production closure as `npm ls` gives it in the repo, copied (install-time tools such as
    // prebuild-install included, which the config must still keep out), and every other module
    // linked, so electron-builder and its hooks still find what they load.
    const listed = spawnSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], { cwd: repo, encoding: 'utf8' }).stdout;
    const production = new Set(listed.split('\n').filter((line) => line.startsWith(join(repo, 'node_modules'))).map((dir) => relative(repo, dir)));
    expect(production).toContain(join('node_modules', 'bindings'));
    unlinkSync(join(project, 'node_modules'));
    mkdirSync(join(project, 'node_modules'));
    const place = (name: string) => {
      const from = join(repo, name);
      if (production.has(name)) cpSync(from, join(project, name), { recursive: true });
      else if (name.split(sep).pop()!.startsWith('@')) for (const inner of readdirSync(from)) place(join(name, inner));
      else symlinkSync(from, join(project, name), 'junction');
    };
    for (const name of readdirSync(join(repo, 'node_modules'))) {
      if (name === '.package-lock.json') continue;
      if (name.startsWith('@')) mkdirSync(join(project, 'node_modules', name), { recursive: true });
      place(join('node_modules', name));
    }

    const electronDist = join(work, 'electron-dist');
    writeStandInElectron(electronDist, require('electron/package.json').version);
    const out = join(work, 'out');
    log = run(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        '--dir',
        ARCH_FLAG,
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${require('electron/package.json').version}`, // electron itself is a devDependency, not in the copy
        `-c.directories.output=${out}`,
        `-c.afterPack=${join(import.meta.dirname, 'desktopEntryProbe.mjs')}`,
      ],
      project,
      // Without VITEST in its environment electron-builder logs as it does for anyone (it goes quiet under vitest).
      { ...process.env, VITEST: undefined, [SKIP_ENV]: SKIP_REASON, CI: 'true' },
    );
    appDir = join(out, process.arch === 'arm64' ? 'linux-arm64-unpacked' : 'linux-unpacked');
    asarFile = join(appDir, 'resources', 'app.asar');
    entries = listPackage(asarFile, { isPack: false });
    // A scoped package (@img/sharp-linux-x64) is named with its scope.
    modules = new Set(
      entries
        .filter((e) => e.startsWith('/node_modules/') && e.split('/').length > (e.split('/')[2]!.startsWith('@') ? 4 : 3))
        .map((e) => e.split('/').slice(2, e.split('/')[2]!.startsWith('@') ? 4 : 3).join('/')),
    );
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('skipped the Electron rebuild only because it was told to, and electron-builder rebuilt nothing', () => {
    expect(log).toContain(`better-sqlite3 NOT rebuilt for Electron`);
    expect(log).toContain(`(${SKIP_ENV}: ${SKIP_REASON})`);
    expect(log).toContain('reason=npmRebuild is set to false');
  });

  it('holds the main, preload and renderer bundles and the package.json that points at main', () => {
    expect(entries).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html']));
    expect(entries.some((e) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(e))).toBe(true);
    const manifest = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8'));
    expect(manifest.main).toBe('dist/electron/main.cjs');
    expect(manifest.desktopName).toBe('cunji.desktop');
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('holds no sources, tests, source maps, docs, browser host or build leftovers', () => {
    const unwanted = entries.filter(
      (e) =>
        /\.(ts|tsx|map|a|o|cc|gyp)$/.test(e) ||
        /^\/(test|docs|renderer|electron|db|shared|scripts|build|\.cache|\.github)(\/|$)/.test(e) ||
        e === '/dist/electron/host.cjs' ||
        /better-sqlite3\/(deps|src|build\/Release\/(obj|test_extension))/.test(e),
    );
    expect(unwanted).toEqual([]);
  });

  it('ships only better-sqlite3, sharp and what they need at run time: no devDependencies, no install-time tools', () => {
    // sharp's addon and libvips for this platform come from @img (its optionalDependencies, one pair per platform).
    const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
    expect([...modules].sort()).toEqual(
      ['@img/colour', `@img/sharp-libvips-linux-${arch}`, `@img/sharp-linux-${arch}`, 'better-sqlite3', 'bindings', 'detect-libc', 'file-uri-to-path', 'semver', 'sharp'].sort(),
    );
    // Each shipped module's own dependencies are shipped too, except prebuild-install (install time only).
    for (const name of modules) {
      const manifest = JSON.parse(extractFile(asarFile, `node_modules/${name}/package.json`).toString('utf8'));
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        if (dependency !== 'prebuild-install') expect(modules, `${name} needs ${dependency}`).toContain(dependency);
      }
    }
  });

  it('leaves the bundles nothing to require but Node, Electron and the shipped modules', () => {
    for (const bundle of ['dist/electron/main.cjs', 'dist/electron/preload.cjs']) {
      const required = [...extractFile(asarFile, bundle).toString('utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
      expect(required.length, bundle).toBeGreaterThan(0);
      const unmet = required.filter((id) => !isBuiltin(id) && id !== 'electron' && !modules.has(id));
      expect(unmet, bundle).toEqual([]);
    }
  });

  it('unpacks the staged addon next to the asar, and better-sqlite3 loads from the package as it is', () => {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(statFile(asarFile, addon)).toMatchObject({ unpacked: true });
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', addon);
    // Told to skip, beforePack staged Node's own build: Node's ABI proves it came that way.
    expect(addonAbi(unpacked)).toBe(Number(process.versions.modules));
    const extracted = join(work, 'extracted');
    extractAll(asarFile, extracted);
    const script = `const Database = require(${JSON.stringify(join(extracted, 'node_modules/better-sqlite3'))}); console.log(new Database(':memory:').prepare('select sqlite_version() v').get().v)`;
    expect(run(process.execPath, ['-e', script], work).trim()).toMatch(/^3\.\d+\.\d+/);
  });

  it('unpacks sharp\'s addon and libvips next to the asar, and sharp decodes an image from the package as it is', () => {
    const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
    const libvips = entries.filter((e) => e.startsWith(`/node_modules/@img/sharp-libvips-linux-${arch}/lib/libvips-cpp.so`));
    expect(libvips).toHaveLength(1);
    expect(statFile(asarFile, libvips[0]!.slice(1))).toMatchObject({ unpacked: true });
    expect(statFile(asarFile, `node_modules/@img/sharp-linux-${arch}/package.json`)).toMatchObject({ unpacked: true });
    const extracted = join(work, 'extracted-sharp');
    extractAll(asarFile, extracted);
    const script = `require(${JSON.stringify(join(extracted, 'node_modules/sharp'))})({ create: { width: 3, height: 2, channels: 3, background: '#fff' } }).png().toBuffer().then((b) => require(${JSON.stringify(join(extracted, 'node_modules/sharp'))})(b).metadata()).then((m) => console.log(m.format, m.width, m.height))`;
    expect(run(process.execPath, ['-e', script], work).trim()).toBe('png 3 2');
  });

  it('flips the fuses as configured and leaves the others as Electron has them', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'cunji'));
    const byName = Object.fromEntries(
      Object.keys(CONFIGURED_FUSES).map((name) => [name, wire[FuseV1Options[name as keyof typeof FuseV1Options]] === '1'.charCodeAt(0)]),
    );
    expect(byName).toEqual(CONFIGURED_FUSES);
    expect(String.fromCharCode(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]!, wire[FuseV1Options.GrantFileProtocolExtraPrivileges]!)).toBe('01');
  });

  it('registers .cunji files with the desktop, and finds an icon of every size', () => {
    const probe = JSON.parse(readFileSync(join(appDir, '..', 'desktop-probe.json'), 'utf8'));
    expect(probe.desktopEntry).toMatch(/^MimeType=application\/x-cunji;$/m);
    expect(probe.desktopEntry).toMatch(/^Exec="\/opt\/村记\/cunji" %U$/m);
    expect(probe.desktopEntry).toMatch(/^Categories=Office;$/m);
    expect(probe.desktopEntry).toMatch(/^Name=村记$/m);
    expect(probe.desktopEntry).toMatch(/^StartupWMClass=cunji$/m);
    expect(probe.mimeXml).toContain('<mime-type type="application/x-cunji">');
    expect(probe.mimeXml).toContain('<glob pattern="*.cunji"/>');
    expect(probe.icons.map((icon: { size: number }) => icon.size)).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
    for (const icon of ['icon.png', 'icon.ico', 'icon.icns']) expect(existsSync(join(repo, 'build', icon)), icon).toBe(true);
  });
});
