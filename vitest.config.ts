import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Migrates one empty database that test helpers copy for each new data folder.
    globalSetup: ['test/helpers/vitestSetup.ts'],
  },
});
