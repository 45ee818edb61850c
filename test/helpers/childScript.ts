// Tests that need a second process (kill -9 mid-write, several writers at once) run a small TS
// fixture as plain Node: bundled once per file with esbuild into a temp folder, native addons
// left outside and found through NODE_PATH (see `childEnv`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The environment a bundled child needs to find better-sqlite3 in the repo's node_modules. */
export const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_PATH: join(REPO, 'node_modules') });

/** Bundles `entry` before the file's tests and removes it after; the getter gives the script path. */
export function useChildScript(entry: URL): () => string {
  let dir = '';
  let script = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cunji-child-'));
    script = join(dir, 'child.cjs');
    await build({
      entryPoints: [fileURLToPath(entry)],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'sharp'], // native addons (sharp: the whole service layer, for a child that opens the app)
      logLevel: 'warning',
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => script;
}
