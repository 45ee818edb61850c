// What cannot be packaged here (Windows and macOS installers, the CI workflow that builds them)
// is checked as configuration: both YAML files parse, and they agree with each other and with
// package.json. package.test.ts proves the Linux package itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageDir } from '../../scripts/packaging/beforePack.mjs';

const repo = join(import.meta.dirname, '../..');
// electron-builder reads its YAML with js-yaml; the same parser reads both files here.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const readYaml = (file: string) => load(readFileSync(join(repo, file), 'utf8')) as any;

const builder = readYaml('electron-builder.yml');
const workflow = readYaml('.github/workflows/ci.yml');
const scripts = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts as Record<string, string>;
const job = workflow.jobs['test-and-package'];
const steps: { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> }[] = job.steps;
const runs = steps.map((s) => s.run ?? '').join('\n');

type Target = { target: string; arch: string[] };
const targets = (platform: 'win' | 'mac' | 'linux') =>
  Object.fromEntries((builder[platform].target as Target[]).map((t) => [t.target, [...t.arch].sort()]));

describe('electron-builder.yml', () => {
  it('makes a per-user Chinese NSIS installer for Windows x64, dmgs for both Macs, AppImage and deb for both Linux arches', () => {
    expect(targets('win')).toEqual({ nsis: ['x64'] });
    expect(builder.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'] });
    expect(targets('mac')).toEqual({ dmg: ['arm64', 'x64'] });
    expect(targets('linux')).toEqual({ AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] });
    expect(builder).toMatchObject({ appId: 'cn.cunji.desktop', productName: '村记', npmRebuild: false, nodeGypRebuild: false, publish: null });
  });

  it('gives Windows the same app id in the shell as in the installer, so the taskbar groups the window under its shortcut', () => {
    const main = readFileSync(join(repo, 'electron/main/main.ts'), 'utf8');
    expect(main).toContain(`app.setAppUserModelId('${builder.appId}')`);
  });

  it('takes the native addon from where beforePack stages it, on every platform', () => {
    const addon = (builder.files as (string | { from: string; to: string })[]).find((f) => typeof f === 'object' && f.to.includes('better-sqlite3'));
    for (const os of ['win', 'mac', 'linux']) {
      for (const arch of ['x64', 'arm64']) {
        const expanded = (addon as { from: string }).from.replaceAll('${os}', os).replaceAll('${arch}', arch);
        expect(join(repo, expanded)).toBe(stageDir(repo, os, arch));
      }
    }
  });

  it('sets the six fuses the security notes ask for', () => {
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('names an icon that exists for every platform, and a .cunji association', () => {
    expect([builder.win.icon, builder.mac.icon, builder.linux.icon]).toEqual(['build/icon.ico', 'build/icon.icns', 'build/icons']);
    expect(builder.fileAssociations).toEqual([expect.objectContaining({ ext: 'cunji', mimeType: 'application/x-cunji' })]);
  });
});

describe('.github/workflows/ci.yml', () => {
  it('runs on Windows, macOS and Linux with Node 22 and a cached npm', () => {
    expect(job.strategy.matrix.include.map((m: { os: string }) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with).toEqual({ 'node-version': 22, cache: 'npm' });
  });

  it('installs, fetches Electron, then runs every test — the e2e and Electron smoke test under Xvfb on Linux', () => {
    const order = ['npm ci', 'npx install-electron', 'npm run typecheck', 'npm run lint', 'npm run test:unit', 'npm run test:e2e', 'npm run dist'];
    const positions = order.map((command) => runs.indexOf(command));
    expect(positions.every((p) => p >= 0), `missing one of ${order.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(steps.find((s) => s.if === "runner.os == 'Linux'" && s.run?.includes('npm run test:e2e'))?.run).toMatch(/^xvfb-run /);
  });

  it('calls only npm scripts that exist', () => {
    const called = [...runs.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(called.filter((name) => !(name in scripts))).toEqual([]);
    expect(scripts.dist).toContain('electron-builder --publish never');
  });

  it('builds each platform with its own flag and uploads exactly the installers electron-builder.yml makes', () => {
    const extensionOf: Record<string, string> = { nsis: 'exe', dmg: 'dmg', AppImage: 'AppImage', deb: 'deb' };
    for (const [flag, platform] of [['--win', 'win'], ['--mac', 'mac'], ['--linux', 'linux']] as const) {
      const entry = job.strategy.matrix.include.find((m: { package: string }) => m.package === flag);
      const uploaded = (entry.installers as string).trim().split('\n').sort();
      expect(uploaded).toEqual(Object.keys(targets(platform)).map((t) => `release/*.${extensionOf[t]}`).sort());
    }
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact') && !s.if)?.with).toMatchObject({ 'if-no-files-found': 'error' });
  });
});
