// Before the e2e tests: is there a Chromium for Playwright to drive? Playwright's own browser
// download is not used (it cannot be fetched on our build machines); Debian's chromium is.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `The e2e tests need Chromium at ${chromium}, and it is not there.\n` +
      'On Debian, UOS or Kylin: sudo apt-get install -y chromium fonts-noto-cjk   (or run `bash .ci/run`, which does it)\n' +
      'Elsewhere: set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}
try {
  const fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (!fonts.trim()) console.warn('No Chinese font found (fonts-noto-cjk): screenshots will show boxes instead of characters.');
} catch {
  // No fontconfig tools: nothing to check with.
}
