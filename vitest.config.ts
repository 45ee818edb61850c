import { defineConfig } from 'vitest/config';

/** Files that replace a module (vi.mock) or a global (vi.stubGlobal): each gets a module graph of its own. */
const OWN_MODULES = ['test/db/streamingImport.test.ts', 'test/renderer/receiptList.test.ts'];

export default defineConfig({
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on CI's two cores, the other
    // core idle while files run one after another. Two workers run two files at once.
    maxWorkers: 2,
    // Migrates one empty database that test helpers copy for each new data folder.
    globalSetup: ['test/helpers/vitestSetup.ts'],
    projects: [
      // A worker keeps its modules from one file to the next (each file imported them again, about
      // 1.3 s of CPU a file): nothing under test keeps state in a module, and every app a test opens
      // it closes. Files that replace a module or a global run apart, below.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: OWN_MODULES, isolate: false } },
      { extends: true, test: { name: 'own-modules', include: OWN_MODULES } },
    ],
  },
});
