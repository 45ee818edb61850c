// The guards of scripts/packaging/beforePack.mjs that package.test.ts cannot reach here (it runs
// the hook told to skip the Electron rebuild): a wrong-ABI addon and a cross-platform build are
// refused before anything is staged.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beforePack, expectAbi, SKIP_ENV, stageDir } from '../../scripts/packaging/beforePack.mjs';

const repo = join(import.meta.dirname, '../..');
const nodeAddon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');

describe('beforePack', () => {
  it("refuses an addon built for Node's ABI where Electron's is expected, naming both", () => {
    expect(() => expectAbi(nodeAddon, 150, 'Electron 45.5.0')).toThrow(`not built for Electron 45.5.0: expected ABI 150, found ${process.versions.modules}`);
    expect(() => expectAbi(nodeAddon, Number(process.versions.modules), 'Node')).not.toThrow();
    expect(() => expectAbi(join(repo, 'missing.node'), 150, 'Electron 45.5.0')).toThrow('found no addon');
  });

  it('refuses to package for another platform, and stages nothing', async () => {
    expect(process.env[SKIP_ENV]).toBeUndefined();
    const other = process.platform === 'win32' ? { platform: 'linux', key: 'linux' } : { platform: 'win32', key: 'win' };
    const context = {
      packager: { info: { projectDir: repo, framework: { version: '45.5.0' } }, platform: { buildConfigurationKey: other.key } },
      arch: 1, // x64
      electronPlatformName: other.platform,
    };
    await expect(beforePack(context)).rejects.toThrow(`packaging for ${other.platform} on ${process.platform} is not supported`);
    expect(existsSync(stageDir(repo, other.key, 'x64'))).toBe(false);
  });
});
