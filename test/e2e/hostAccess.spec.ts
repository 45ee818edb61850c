// The browser host opens only for whoever has the address it printed at start: a browser without
// it gets a page saying where to look and no data; opening the printed address shows the app,
// keeps the screen asked for, and the page's own calls then work.
import { expect, test } from './fixtures';

test('a browser without the printed address is refused; the printed address opens the app', async ({ browser, app }) => {
  // A browser of its own: nobody opened the printed address in it.
  const stranger = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await stranger.newPage();
    const refused = await page.goto(app.url());
    expect(refused!.status()).toBe(401);
    await expect(page.locator('body')).toContainText('请打开启动村记时终端里显示的地址');
    await expect(page.getByTestId('setup-form')).toHaveCount(0);
    const api = await page.evaluate(async () => (await fetch('/api/device.status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    expect(api).toBe(401);

    // The printed address signs this browser in and goes on to the app (a screen's route survives).
    await page.goto(`${app.signInUrl()}#/`);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(page.url()).not.toContain('token=');
    await expect(page.getByTestId('setup-form')).toBeVisible();
    const signedIn = await page.evaluate(async () => (await fetch('/api/device.status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json());
    expect(signedIn).toEqual({ ok: true, value: { setUp: false } });
  } finally {
    await stranger.close();
  }
});
