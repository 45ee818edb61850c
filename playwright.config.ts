// End-to-end tests: the real renderer in Debian's Chromium, against the real store through the
// browser host. No browser download: Playwright drives /usr/bin/chromium (see README).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/globalSetup.ts',
  fullyParallel: true,
  // Two workers on two cores. Three were measured (two runs each, same busy machine): no faster
  // (9.0 and 9.5 min against 8.7 and 12.2), and in one run a reloaded page took over 10 s to boot.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    // The app honours the system's reduce-motion setting: no animation to wait out.
    contextOptions: { reducedMotion: 'reduce' },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
