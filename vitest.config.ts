import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on CI's two cores, the other
    // core idle while files run one after another. Two workers run two files at once.
    maxWorkers: 2,
    // Migrates one empty database that test helpers copy for each new data folder.
    globalSetup: ['test/helpers/vitestSetup.ts'],
  },
});
