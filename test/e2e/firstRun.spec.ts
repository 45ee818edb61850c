// A newcomer's first minutes: the setup screen refuses what is missing (in Chinese, next to the
// field, storing nothing), accepts a secretary's details, and what was saved is still there
// after a reload and after the app itself is restarted. A district types its several townships
// and then sees every village of them side by side.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Typing a whole form and two restarts: as slow as a ledger journey under load.
test.describe.configure({ timeout: 120_000 });

async function chooseOption(page: Page, fieldId: string, label: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await page.locator('.ant-select-item-option').filter({ hasText: label }).click();
}

test('first-run setup as a secretary; the village survives a reload and a restart', async ({ page, app }) => {
  await page.goto(app.url());
  await expect(page.getByTestId('setup-form')).toBeVisible();

  // Nothing filled in: each required field says so, in Chinese, and nothing is stored.
  await page.getByTestId('setup-submit').click();
  await expect(page.locator('#setup_name_help')).toHaveText('请填写此项');
  await expect(page.locator('#setup_township_help')).toHaveText('请填写此项');
  await expect(page.locator('#setup_villages_0_name_help')).toHaveText('请填写此项');
  expect((await app.call('device.status')).value).toEqual({ setUp: false });

  await page.locator('#setup_name').fill('王建国');
  await chooseOption(page, 'setup_unitLevel', '县直单位');
  await page.locator('#setup_unit').fill('临河县农业农村局');
  await page.locator('#setup_township').fill('青石镇');
  await page.locator('#setup_county').fill('临河县');
  await page.locator('#setup_villages_0_name').fill('李家村');
  // A division code that is not 12 digits is refused next to its field.
  await page.locator('#setup_villages_0_code').fill('12345');
  await page.getByTestId('setup-submit').click();
  await expect(page.locator('#setup_villages_0_code_help')).toHaveText('区划代码应为12位数字');
  expect((await app.call('device.status')).value).toEqual({ setUp: false });

  await page.locator('#setup_villages_0_code').fill('371325101201');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('header-who')).toContainText('王建国');

  await page.getByTestId('nav-villages').click();
  const table = page.getByTestId('villages-table');
  await expect(table).toContainText('李家村');
  await expect(table).toContainText('371325101201');

  await page.reload();
  await page.getByTestId('nav-villages').click();
  await expect(page.getByTestId('villages-table')).toContainText('李家村');

  await app.restart();
  await page.goto(app.url());
  await expect(page.getByTestId('header-who')).toContainText('王建国');
  await page.getByTestId('nav-villages').click();
  await expect(page.getByTestId('villages-table')).toContainText('李家村');
});

test('first-run setup as a district: its townships typed, none refused; every village of them side by side', async ({ page, app }) => {
  await page.goto(app.url());
  await page.getByTestId('setup-form').getByText('区县组织部', { exact: true }).click();
  await page.locator('#setup_name').fill('周强');
  await chooseOption(page, 'setup_unitLevel', '县直单位');
  await page.locator('#setup_unit').fill('临河县委组织部');
  await expect(page.getByTestId('setup-form')).toContainText('区县组织部看所辖各乡镇的全部村');

  // No township: refused under the townships field, nothing stored.
  await page.getByTestId('setup-submit').click();
  await expect(page.locator('#setup_townships_help')).toHaveText('区县组织部至少要填一个所辖乡镇');
  expect((await app.call('device.status')).value).toEqual({ setUp: false });

  // Typed one by one (Enter), or several at once with 、 between them.
  const townships = page.locator('#setup_townships');
  await townships.fill('青石镇');
  await townships.press('Enter');
  await townships.fill('白河镇、东山镇');
  await expect(page.getByTestId('setup-townships').locator('.ant-select-selection-item')).toHaveText(['青石镇', '白河镇', '东山镇']);
  // 东山镇 was a slip: removed again.
  await page.getByTestId('setup-townships').locator('.ant-select-selection-item').filter({ hasText: '东山镇' }).locator('.ant-select-selection-item-remove').click();
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('header-who')).toHaveText('周强 · 区县组织部 · 青石镇、白河镇');
  // The device's own facts (its townships among them) are on 本机与设置.
  await page.getByTestId('nav-device').click();
  await expect(page.getByTestId('overview-townships')).toContainText('所辖乡镇');
  await expect(page.getByTestId('overview-townships')).toContainText('青石镇、白河镇');
  expect((await app.call<{ profile: unknown }>('device.status')).value!.profile).toMatchObject({ role: 'district', township: '青石镇', townships: ['青石镇', '白河镇'] });

  // A village of each township (as their files would bring them), each with a household: side by side.
  for (const [name, township, head] of [['李家村', '青石镇', '王大山'], ['河湾村', '白河镇', '刘长顺']]) {
    const village = await app.call<{ id: string }>('villages.create', { name, township });
    expect((await app.call('households.create', { villageId: village.value!.id, headName: head, villagerGroup: '一组', category: 'ordinary' })).ok).toBe(true);
  }
  // The window reads the villages it keeps when it opens (a sync import refreshes them itself).
  await page.reload();
  await page.getByTestId('nav-households').click();
  const table = page.getByTestId('ledger-households');
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(table).toContainText('李家村');
  await expect(table).toContainText('河湾村');
});

test('a newcomer can load the demo township in one click', async ({ page, app }) => {
  await page.goto(app.url());
  await page.getByTestId('demo-load').click();
  // The demo writes a township's two years of ledgers through the store: allow a slow laptop.
  await expect(page.getByTestId('demo-badge')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('nav-device').click();
  await expect(page.getByTestId('overview-village-count')).toContainText('6');
  await page.getByTestId('nav-villages').click();
  await expect(page.getByTestId('villages-table')).toContainText('柳树沟村');
});
