// The villages ledger through the real renderer and store: create, find, edit, delete, and
// bad input refused next to the field with nothing stored.
import { expect, test, type HostedApp } from './fixtures';
import type { Page } from '@playwright/test';

interface VillageItem {
  id: string;
  name: string;
  code: string | null;
}

async function setUpCoordinator(app: HostedApp): Promise<void> {
  const result = await app.call('device.setup', {
    role: 'coordinator',
    name: '赵敏',
    unit: '青石镇人民政府',
    unitLevel: 'township',
    township: '青石镇',
    county: '临河县',
  });
  expect(result.ok).toBe(true);
}

async function villages(app: HostedApp): Promise<VillageItem[]> {
  return ((await app.call<{ items: VillageItem[] }>('villages.list')).value as { items: VillageItem[] }).items;
}

async function openVillages(page: Page, app: HostedApp): Promise<void> {
  await page.goto(app.url());
  await page.getByTestId('nav-villages').click();
  await expect(page.getByTestId('villages-screen')).toBeVisible();
}

test('create, find, edit and delete a village', async ({ page, app }) => {
  await setUpCoordinator(app);
  await openVillages(page, app);

  await page.getByTestId('village-add').click();
  const form = page.getByTestId('village-form');
  await expect(page.locator('#village_township')).toHaveValue('青石镇');
  await page.locator('#village_name').fill('王庄村');
  await page.locator('#village_code').fill('371325101202');
  await page.getByTestId('village-submit').click();
  await expect(form).toBeHidden();
  await page.getByTestId('village-add').click();
  await page.locator('#village_name').fill('石桥村');
  await page.getByTestId('village-submit').click();
  await expect(page.getByTestId('villages-table')).toContainText('石桥村');
  expect((await villages(app)).map((v) => v.name).sort()).toEqual(['王庄村', '石桥村'].sort());

  // Find by part of the name.
  await page.getByTestId('village-search').fill('石桥');
  await page.getByTestId('village-search').press('Enter');
  await expect(page.getByTestId('villages-table')).toContainText('石桥村');
  await expect(page.getByTestId('villages-table')).not.toContainText('王庄村');
  await page.getByTestId('village-search').fill('');
  await page.getByTestId('village-search').press('Enter');
  await expect(page.getByTestId('villages-table')).toContainText('王庄村');

  // Edit: rename, and only the name changes.
  const wang = (await villages(app)).find((v) => v.name === '王庄村')!;
  await page.getByTestId(`village-edit-${wang.id}`).click();
  await expect(page.locator('#village_name')).toHaveValue('王庄村');
  await page.locator('#village_name').fill('王家庄村');
  await page.getByTestId('village-submit').click();
  await expect(page.getByTestId('villages-table')).toContainText('王家庄村');
  expect((await villages(app)).find((v) => v.id === wang.id)).toMatchObject({ name: '王家庄村', code: '371325101202' });

  // Delete, after confirming.
  await page.getByTestId(`village-delete-${wang.id}`).click();
  await page.getByTestId('village-delete-confirm').click();
  await expect(page.getByTestId('villages-table')).not.toContainText('王家庄村');
  expect((await villages(app)).map((v) => v.name)).toEqual(['石桥村']);
  expect((await app.call('villages.get', { id: wang.id })).error?.code).toBe('NOT_FOUND');
});

test('bad input is refused next to the field and nothing is stored', async ({ page, app }) => {
  await setUpCoordinator(app);
  await openVillages(page, app);
  await page.getByTestId('village-add').click();
  await page.locator('#village_name').fill('新民村');
  await page.getByTestId('village-submit').click();
  await expect(page.getByTestId('villages-table')).toContainText('新民村');
  const before = await villages(app);

  // An empty name and a division code of letters, checked before anything is sent.
  await page.getByTestId('village-add').click();
  await page.locator('#village_code').fill('abcdefghijkl');
  await page.getByTestId('village-submit').click();
  await expect(page.locator('#village_name_help')).toHaveText('请填写此项');
  await expect(page.locator('#village_code_help')).toHaveText('区划代码应为12位数字');

  // A name this township already has: the main process refuses it, shown under the name.
  await page.locator('#village_name').fill('新民村');
  await page.locator('#village_code').fill('');
  await page.getByTestId('village-submit').click();
  await expect(page.locator('#village_name_help')).toHaveText('本乡镇已有同名村');
  await expect(page.getByTestId('village-form')).toBeVisible();
  expect(await villages(app)).toEqual(before);

  // Esc on the filled form asks before discarding it; discarding stores nothing.
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-confirm').click();
  await expect(page.getByTestId('village-form')).toBeHidden();
  expect(await villages(app)).toEqual(before);
  // English is the second language: the same refusal reads in English.
  await page.getByTestId('lang-switch').click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByTestId('nav-villages')).toHaveText('Villages');
  await page.getByTestId('village-add').click();
  await page.getByTestId('village-submit').click();
  await expect(page.locator('#village_name_help')).toHaveText('Required');
  expect(await villages(app)).toEqual(before);
});

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("a secretary changing her village's township is told who stops seeing it and who must confirm, and only a confirmed save writes", async ({ page, app }) => {
    const setup = await app.call<{ villageIds: string[] }>('device.setup', {
      role: 'secretary', name: '李明', unit: '省农业农村厅', unitLevel: 'province', township: '青石镇', county: '临河县', villages: [{ name: '李家村' }],
    });
    const id = setup.value!.villageIds[0]!;
    await openVillages(page, app);
    await page.getByTestId(`village-edit-${id}`).click();
    await page.locator('#village_township').fill('白河镇');
    await page.getByTestId('village-submit').click();
    const dialog = page.locator('.ant-modal-confirm');
    await expect(dialog).toContainText('把“李家村”改到白河镇？');
    await expect(dialog).toContainText('青石镇的乡镇管理员同步后要确认这次迁移，确认后就不再看到这个村和它的台账');
    await expect(dialog).toContainText('白河镇的乡镇管理员也要确认后才能看到它');
    await page.screenshot({ path: '/tmp/shots-sync/village-move-confirm.png' });

    // Going back writes nothing and leaves the form as it was.
    await page.getByTestId('village-move-back').click();
    await expect(page.getByTestId('village-form')).toBeVisible();
    await expect(page.locator('#village_township')).toHaveValue('白河镇');
    expect((await app.call<{ township: string }>('villages.get', { id })).value!.township).toBe('青石镇');

    await page.getByTestId('village-submit').click();
    await page.getByTestId('village-move-ok').click();
    await expect(page.getByTestId('village-form')).toBeHidden();
    await expect(page.getByTestId('villages-table')).toContainText('白河镇');
    expect((await app.call<{ township: string }>('villages.get', { id })).value!.township).toBe('白河镇');
  });
});

test.describe('a coordinator at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('moving a village out of her township is asked first, then it leaves her list and a line says where it went and that its records stay', async ({ page, app }) => {
    await setUpCoordinator(app);
    const created = await app.call<{ id: string }>('villages.create', { name: '王庄村', township: '青石镇' });
    const id = created.value!.id;
    await openVillages(page, app);
    await page.getByTestId(`village-edit-${id}`).click();
    await page.locator('#village_township').fill('白河镇');
    await page.getByTestId('village-submit').click();
    const dialog = page.locator('.ant-modal-confirm');
    await expect(dialog).toContainText('本机管理的是青石镇，保存后本机的村列表里也不再有这个村');
    await page.getByTestId('village-move-ok').click();
    await expect(page.getByTestId('village-form')).toBeHidden();
    await expect(page.getByTestId('villages-table')).not.toContainText('王庄村');
    await expect(page.getByTestId(`village-moved-away-${id}`)).toContainText('“王庄村”已从青石镇移到白河镇');
    await expect(page.getByTestId(`village-moved-away-${id}`)).toContainText('记录仍保存在本机，没有删除');
    await page.screenshot({ path: '/tmp/shots-sync/village-moved-away.png' });
    expect((await villages(app)).map((v) => v.name)).toEqual([]);
  });
});
