// The desktop app itself, through Playwright's Electron driver: launch, first-run setup, create
// a village, quit, relaunch, the village is still there. It needs the Electron binary, which
// cannot be downloaded on our build machines: there it is skipped with one line saying so, and
// it runs wherever `npx install-electron` has put the binary (users' platforms' CI, issue 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { electronNativeBinding, findElectronBinary } from '../../scripts/electronRuntime.mjs';
import { ELECTRON_SKIP_REASON } from './globalSetup';

const electron = findElectronBinary();
const MAIN = join(import.meta.dirname, '../../dist/electron/main.cjs');


test('the desktop app keeps a village across a restart', async () => {
  test.skip(!electron, ELECTRON_SKIP_REASON);
  const dataDir = mkdtempSync(join(tmpdir(), 'cunji-electron-'));
  const env = { ...process.env, CUNJI_NATIVE_BINDING: await electronNativeBinding(electron!.version) } as Record<string, string>;
  const launch = () => _electron.launch({ executablePath: electron!.binary, args: [MAIN, '--data', dataDir], env });
  try {
    let app = await launch();
    let window = await app.firstWindow();
    await window.locator('#setup_name').fill('王建国');
    await window.locator('#setup_unitLevel').click();
    await window.locator('.ant-select-item-option').filter({ hasText: '县直单位' }).click();
    await window.locator('#setup_unit').fill('临河县农业农村局');
    await window.locator('#setup_township').fill('青石镇');
    await window.locator('#setup_villages_0_name').fill('李家村');
    await window.getByTestId('setup-submit').click();
    await window.getByTestId('nav-villages').click();
    await window.getByTestId('village-add').click();
    await window.locator('#village_name').fill('王庄村');
    await window.getByTestId('village-submit').click();
    await expect(window.getByTestId('villages-table')).toContainText('王庄村');
    // The renderer has no Node: the bridge is the only thing the preload exposed.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await app.close();

    app = await launch();
    window = await app.firstWindow();
    await window.getByTestId('nav-villages').click();
    await expect(window.getByTestId('villages-table')).toContainText('王庄村');
    await expect(window.getByTestId('villages-table')).toContainText('李家村');
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
