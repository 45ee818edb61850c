// 农户台账 through the real renderer and store: a household created, edited, found and deleted;
// its members in the drawer (an ID number with a wrong check digit refused under the field);
// a near-identical head in the same group asked about before it is stored.
import { expect, test } from '../fixtures';
import {
  cancelForm, choose, create, deleteRow, list, openLedger, rowIdByText, search, setUpSecretary, submitAndClose, submitRefused,
} from './helpers';

// Long journeys through many forms: room for a busy two-core machine, not a licence to sleep.
test.describe.configure({ timeout: 120_000 });

test('households: create, edit the category, find, delete', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const other = await create(app, 'households', { villageId, headName: '李秀英', villagerGroup: '第二村民小组', category: 'ordinary' });
  await openLedger(page, app, 'households');

  // Required fields first: the head's name and category are asked for, nothing is stored.
  await page.getByTestId('ledger-households-add').click();
  await submitRefused(page, 'households', 'households_headName', '请填写此项');
  await expect(page.locator('#households_category_help')).toHaveText('请填写此项');
  expect(await list(app, 'households')).toHaveLength(1);

  // A phone number that is neither a mobile nor a landline is refused under the field.
  await page.locator('#households_headName').fill('张德明');
  await page.locator('#households_villagerGroup').fill('第一村民小组');
  await choose(page, 'households_category', '脱贫户');
  await page.locator('#households_phone').fill('12345');
  await submitRefused(page, 'households', 'households_phone', '电话应为11位手机号或带区号的固定电话');
  expect(await list(app, 'households')).toHaveLength(1);

  await page.locator('#households_phone').fill('13812345678');
  await page.locator('#households_helperName').fill('赵敏');
  await submitAndClose(page, 'households');
  const id = await rowIdByText(page, 'households', '张德明');
  expect((await app.call('households.get', { id })).value).toMatchObject({
    villageId, headName: '张德明', villagerGroup: '第一村民小组', category: 'lifted', phone: '13812345678', helperName: '赵敏',
  });

  // Edit: only the category changes.
  await page.getByTestId(`ledger-edit-${id}`).click();
  await expect(page.locator('#households_headName')).toHaveValue('张德明');
  await choose(page, 'households_category', '低保户');
  await submitAndClose(page, 'households');
  await expect(page.getByTestId(`ledger-row-${id}`)).toContainText('低保户');
  expect((await app.call('households.get', { id })).value).toMatchObject({ headName: '张德明', category: 'dibao', phone: '13812345678' });

  // Find by part of the head's name, then by group.
  await search(page, 'households', '德明', [id], [other.id]);
  await search(page, 'households', '第二村民', [other.id], [id]);
  await search(page, 'households', '', [id, other.id], []);

  await deleteRow(page, app, 'households', id);
  expect((await list(app, 'households')).map((h) => h.id)).toEqual([other.id]);
});

test('household members: a wrong ID check digit is refused, a valid one stored', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const household = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  await openLedger(page, app, 'households');

  await page.getByTestId(`household-members-${household.id}`).click();
  const drawer = page.getByTestId('household-members-drawer');
  await expect(drawer.getByTestId('ledger-members')).toBeVisible();
  const before = await list(app, 'members');
  expect(before).toEqual([]);

  await drawer.getByTestId('ledger-members-add').click();
  // The household is fixed by the drawer: not asked for.
  await expect(page.locator('#members_householdId')).toHaveCount(0);
  await page.locator('#members_name').fill('王建国');
  await page.locator('#members_idNumber').fill('110105194912310021');
  await submitRefused(page, 'members', 'members_idNumber', '身份证号校验位不对，请核对');
  expect(await list(app, 'members')).toEqual(before);

  // A birth date that does not exist, then too few digits.
  await page.locator('#members_idNumber').fill('110105194902300028');
  await submitRefused(page, 'members', 'members_idNumber', '身份证号中的出生日期不对');
  await page.locator('#members_idNumber').fill('11010519491231');
  await submitRefused(page, 'members', 'members_idNumber', '身份证号应为18位');
  expect(await list(app, 'members')).toEqual(before);

  // A valid number, typed with a lowercase x: stored uppercase, in this household.
  await page.locator('#members_idNumber').fill('11010519491231002x');
  await submitAndClose(page, 'members');
  await expect(drawer.getByTestId('ledger-members-table')).toContainText('王建国');
  const members = await list(app, 'members');
  expect(members).toHaveLength(1);
  expect(members[0]).toMatchObject({ householdId: household.id, name: '王建国', relation: 'head', idNumber: '11010519491231002X' });

  // The same ID number again is refused by the main process, under the field.
  await drawer.getByTestId('ledger-members-add').click();
  await page.locator('#members_name').fill('王小明');
  await choose(page, 'members_relation', '子女');
  await page.locator('#members_idNumber').fill('11010519491231002X');
  await submitRefused(page, 'members', 'members_idNumber', '这个身份证号已登记过');
  expect(await list(app, 'members')).toEqual(members);
  await cancelForm(page, 'members');
});

test('a near-identical head in the same group is asked about: back stores nothing, confirm stores it', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  await openLedger(page, app, 'households');
  const before = await list(app, 'households');

  await page.getByTestId('ledger-households-add').click();
  await page.locator('#households_headName').fill('王建围');
  await page.locator('#households_villagerGroup').fill('第一村民小组');
  await choose(page, 'households_category', '一般户');
  await page.getByTestId('ledger-form-households-submit').click();
  const dialog = page.locator('.ant-modal-confirm');
  await expect(dialog).toContainText('同一村民小组已有相近的户主姓名');
  await dialog.getByRole('button', { name: '返回修改' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ledger-form-households')).toBeVisible();
  expect(await list(app, 'households')).toEqual(before);

  await page.getByTestId('ledger-form-households-submit').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('ledger-form-households')).toBeHidden();
  await expect(page.getByTestId('ledger-households-table')).toContainText('王建围');
  const after = await list(app, 'households');
  expect(after.map((h) => h.headName).sort()).toEqual(['王建围', '王建国'].sort());
  expect(after.find((h) => h.headName === '王建围')).toMatchObject({ villagerGroup: '第一村民小组', category: 'ordinary' });
});
