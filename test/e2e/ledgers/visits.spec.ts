// 入户走访 and 群众诉求: visits on the ledger screen (dates after today or outside the
// secretary's term refused next to the date), the quick entry done with the keyboard alone,
// needs closed only with a closing day, and an overdue need marked in its list.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  cancelForm, choose, chooseReference, create, dayFromToday, deleteRow, list, openLedger, rowIdByText, search,
  setUpSecretary, submitAndClose, submitRefused, typeDate,
} from './helpers';

/** A screenshot for review at /tmp/shots-entry/<name>.png. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync('/tmp/shots-entry', { recursive: true });
  await page.screenshot({ path: `/tmp/shots-entry/${name}.png` });
}

// Long journeys through many forms: room for a busy two-core machine, not a licence to sleep.
test.describe.configure({ timeout: 120_000 });

test('visits: create, edit, find, delete; a date after today or outside the term is refused', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const wang = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  await create(app, 'households', { villageId, headName: '李秀英', villagerGroup: '第二村民小组', category: 'ordinary' });
  const earlier = await create(app, 'visits', { villageId, householdId: wang.id, visitDate: dayFromToday(-10), mode: 'phone', situation: '询问春耕用种情况' });
  await openLedger(page, app, 'visits');

  await page.getByTestId('ledger-visits-add').click();
  // Today and 入户 are filled in; the household and what was found are asked for.
  await expect(page.locator('#visits_visitDate')).toHaveValue(dayFromToday(0));
  await submitRefused(page, 'visits', 'visits_householdId', '请填写此项');
  await expect(page.locator('#visits_situation_help')).toHaveText('请填写此项');
  await chooseReference(page, 'visits_householdId', '王建', '王建国 · 第一村民小组');
  await page.locator('#visits_situation').fill('老人腿脚不便，饮水管老化');
  await page.locator('#visits_visitors').fill('王建国、村委张主任');
  await submitAndClose(page, 'visits');
  const id = await rowIdByText(page, 'visits', '饮水管老化');
  expect((await app.call('visits.get', { id })).value).toMatchObject({
    householdId: wang.id, visitDate: dayFromToday(0), mode: 'home', situation: '老人腿脚不便，饮水管老化', confirmed: false,
  });

  // Edit: what was done, and the household confirmed it.
  await page.getByTestId(`ledger-edit-${id}`).click();
  await expect(page.locator('#visits_situation')).toHaveValue('老人腿脚不便，饮水管老化');
  await page.locator('#visits_actions').fill('联系水务站更换水管');
  await page.locator('#visits_confirmed').click();
  await submitAndClose(page, 'visits');
  expect((await app.call('visits.get', { id })).value).toMatchObject({ actions: '联系水务站更换水管', confirmed: true, householdId: wang.id });

  await search(page, 'visits', '饮水', [id], [earlier.id]);
  await search(page, 'visits', '春耕', [earlier.id], [id]);
  await search(page, 'visits', '', [id, earlier.id], []);

  // A visit after today: refused next to the date, nothing stored.
  const before = await list(app, 'visits');
  await page.getByTestId('ledger-visits-add').click();
  await chooseReference(page, 'visits_householdId', '李秀', '李秀英 · 第二村民小组');
  await page.locator('#visits_situation').fill('了解务工情况');
  await typeDate(page, 'visits_visitDate', dayFromToday(30));
  await submitRefused(page, 'visits', 'visits_visitDate', '日期不能晚于今天');
  expect(await list(app, 'visits')).toEqual(before);
  await cancelForm(page, 'visits');

  // Once the village has a secretary on record, a visit before the term began is refused.
  await create(app, 'secretaries', { villageId, name: '王建国', unit: '临河县农业农村局', unitLevel: 'county', termStart: dayFromToday(-20) });
  await page.getByTestId('ledger-visits-add').click();
  await chooseReference(page, 'visits_householdId', '李秀', '李秀英 · 第二村民小组');
  await page.locator('#visits_situation').fill('了解务工情况');
  await typeDate(page, 'visits_visitDate', dayFromToday(-40));
  await submitRefused(page, 'visits', 'visits_visitDate', '这个日期不在驻村书记的任期内');
  expect(await list(app, 'visits')).toEqual(before);
  // Within the term it is stored.
  await typeDate(page, 'visits_visitDate', dayFromToday(-5));
  await submitAndClose(page, 'visits');
  expect(await list(app, 'visits')).toHaveLength(before.length + 1);

  await deleteRow(page, app, 'visits', id);
  expect((await list(app, 'visits')).map((v) => v.situation).sort()).toEqual(['了解务工情况', '询问春耕用种情况'].sort());
});

test('quick visit entry with the keyboard alone stores the visit and the need', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const wang = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  await create(app, 'households', { villageId, headName: '李秀英', villagerGroup: '第二村民小组', category: 'ordinary' });
  await page.goto(app.url());
  await expect(page.getByTestId('header-who')).toBeVisible();
  expect(await list(app, 'visits')).toEqual([]);

  // No click anywhere in this test: the shortcut opens the form with the household picker focused.
  await page.keyboard.press('Alt+N');
  await expect(page.getByTestId('quick-visit-form')).toBeVisible();
  await expect(page.locator('#quickVisit_householdId')).toBeFocused();
  await page.keyboard.type('王建');
  await expect(page.getByTestId('quick-visit-option')).toHaveCount(1);
  await expect(page.getByTestId('quick-visit-option')).toHaveText('王建国 · 第一村民小组');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // Chosen: focus moves on to the date (today), Tab to the mode, 2 picks 电话.
  await expect(page.locator('#quickVisit_visitDate')).toBeFocused();
  await expect(page.locator('#quickVisit_visitDate')).toHaveValue(dayFromToday(0));
  await page.keyboard.press('Tab');
  await page.keyboard.press('2');
  await expect(page.getByTestId('quick-visit-form').locator('.ant-radio-button-wrapper-checked')).toHaveText('2 电话');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('quick-visit-situation')).toBeFocused();
  await page.keyboard.type('家里饮水管老化，冬天易冻裂');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('quick-visit-need')).toBeFocused();
  await page.keyboard.type('希望更换饮水管');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('quick-visit-confirmed')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('quick-visit-confirmed')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('quick-visit-form')).toBeHidden();

  const visits = await list(app, 'visits');
  expect(visits).toHaveLength(1);
  expect(visits[0]).toMatchObject({
    villageId, householdId: wang.id, visitDate: dayFromToday(0), mode: 'phone', situation: '家里饮水管老化，冬天易冻裂', confirmed: true,
  });
  const needs = await list(app, 'needs');
  expect(needs).toHaveLength(1);
  expect(needs[0]).toMatchObject({ householdId: wang.id, visitId: visits[0]!.id, status: 'open', content: '希望更换饮水管' });
});

test('quick visit typed at full speed, Enter and Tab mixed, stores exactly what was typed; a second visit that day asks first', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const villageId = await setUpSecretary(app);
  const wang = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  const li = await create(app, 'households', { villageId, headName: '李秀英', villagerGroup: '第二村民小组', category: 'ordinary' });
  await page.goto(app.url());
  await expect(page.getByTestId('header-who')).toBeVisible();
  const form = page.getByTestId('quick-visit-form');

  // Every key below goes out with no pause (keyboard.type's delay is 0) and nothing is awaited
  // between them: the household's matches may not even be in when Enter leaves its field.
  await page.keyboard.press('Alt+N');
  await expect(page.locator('#quickVisit_householdId')).toBeFocused();
  await page.keyboard.type('李秀', { delay: 0 });
  await page.keyboard.press('Enter'); // the household → the date (today stays)
  await page.keyboard.press('Tab'); // → the mode
  await page.keyboard.press('2'); // 电话
  await page.keyboard.press('Enter'); // → what was found
  await page.keyboard.type('了解务工情况，儿子在县城打工', { delay: 0 });
  await page.keyboard.press('Tab'); // → what they asked for
  await page.keyboard.type('希望介绍技能培训', { delay: 0 });
  await page.keyboard.press('Enter'); // → confirmed
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter'); // the last field: save
  await expect(form).toBeHidden();

  const visits = await list(app, 'visits');
  expect(visits).toHaveLength(1);
  expect(visits[0]).toMatchObject({
    villageId, householdId: li.id, visitDate: dayFromToday(0), mode: 'phone', situation: '了解务工情况，儿子在县城打工', confirmed: true,
  });
  const needs = await list(app, 'needs');
  expect(needs).toHaveLength(1);
  // Raised on the visit: the secretary owns it, due 30 days on (the setting's default).
  expect(needs[0]).toMatchObject({
    householdId: li.id, visitId: visits[0]!.id, status: 'open', content: '希望介绍技能培训', owner: '王建国', dueDate: dayFromToday(30),
  });

  // Another, as fast: a date typed over today's, Shift+Enter a new line, Shift+Tab back a field.
  await page.keyboard.press('Alt+N');
  await expect(page.locator('#quickVisit_householdId')).toBeFocused();
  await page.keyboard.type('王建', { delay: 0 });
  await page.keyboard.press('Tab');
  await page.keyboard.type(dayFromToday(-3), { delay: 0 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('3'); // 座谈
  await page.keyboard.press('Tab');
  await page.keyboard.type('屋顶漏雨', { delay: 0 });
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('已联系危房改造', { delay: 0 });
  await page.keyboard.press('Shift+Tab'); // back to the mode
  await page.keyboard.press('1'); // 入户 after all
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // past what was found (kept) to what they asked for: nothing
  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();
  const wangVisits = await list(app, 'visits', { filters: { householdId: wang.id } });
  expect(wangVisits).toHaveLength(1);
  expect(wangVisits[0]).toMatchObject({ visitDate: dayFromToday(-3), mode: 'home', situation: '屋顶漏雨\n已联系危房改造', confirmed: false });
  expect(await list(app, 'needs')).toHaveLength(1);

  // 李秀英 again today: asked first, naming the rule; going back stores nothing, confirming stores it.
  await page.keyboard.press('Alt+N');
  await expect(page.locator('#quickVisit_householdId')).toBeFocused();
  await page.keyboard.type('李秀', { delay: 0 });
  await expect(page.getByTestId('quick-visit-option')).toHaveText('李秀英 · 第二村民小组');
  await shoot(page, 'quick-visit-household');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('回访培训报名', { delay: 0 });
  await page.keyboard.press('Control+Enter');
  const ask = page.locator('.ant-modal-confirm');
  await expect(ask).toContainText('这一户这一天已有一条走访记录');
  await shoot(page, 'quick-visit-same-day-asked');
  await ask.getByRole('button', { name: '返回修改' }).click();
  await expect(ask).toHaveCount(0);
  await expect(form).toBeVisible();
  expect(await list(app, 'visits')).toHaveLength(2);
  await page.getByTestId('quick-visit-save').click();
  await page.getByTestId('confirm-ok').click();
  await expect(form).toBeHidden();
  const liVisits = await list(app, 'visits', { filters: { householdId: li.id } });
  expect(liVisits.map((v) => v.situation).sort()).toEqual(['了解务工情况，儿子在县城打工', '回访培训报名'].sort());
  expect(liVisits.every((v) => v.visitDate === dayFromToday(0))).toBe(true);
});

test('needs: create, done only with a closing day, overdue marked, find and delete', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const wang = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  const overdue = await create(app, 'needs', { villageId, householdId: wang.id, category: 'road', status: 'open', content: '村口道路坑洼', dueDate: dayFromToday(-3) });
  const closedLate = await create(app, 'needs', {
    villageId, category: 'power', status: 'done', content: '路灯不亮', dueDate: dayFromToday(-30), closedOn: dayFromToday(-2),
  });
  await openLedger(page, app, 'needs');

  // Past its due day and still open: marked 逾期; closed, even late, it is not.
  await expect(page.getByTestId(`ledger-row-${overdue.id}`).locator('.ant-tag')).toHaveText('逾期');
  await expect(page.getByTestId(`ledger-row-${closedLate.id}`)).not.toContainText('逾期');
  await page.getByTestId('ledger-needs-overdue').click();
  await expect(page.getByTestId(`ledger-row-${closedLate.id}`)).toHaveCount(0);
  await expect(page.getByTestId(`ledger-row-${overdue.id}`)).toBeVisible();
  await page.getByTestId('ledger-needs-overdue').click();

  await page.getByTestId('ledger-needs-add').click();
  await chooseReference(page, 'needs_householdId', '王建', '王建国 · 第一村民小组');
  await choose(page, 'needs_category', '水');
  await page.locator('#needs_content').fill('希望更换饮水管');
  await page.locator('#needs_owner').fill('村委会');
  await typeDate(page, 'needs_dueDate', dayFromToday(14));
  await submitAndClose(page, 'needs');
  const id = await rowIdByText(page, 'needs', '希望更换饮水管');
  const stored = (await app.call('needs.get', { id })).value;
  expect(stored).toMatchObject({ householdId: wang.id, category: 'water', status: 'open', owner: '村委会', dueDate: dayFromToday(14), closedOn: null });

  // Marked done without the day it was closed: refused next to that field, nothing changes.
  await page.getByTestId(`ledger-edit-${id}`).click();
  await choose(page, 'needs_status', '已办结');
  await page.locator('#needs_outcome').fill('已更换');
  await submitRefused(page, 'needs', 'needs_closedOn', '请填写此项');
  expect((await app.call('needs.get', { id })).value).toEqual(stored);
  await typeDate(page, 'needs_closedOn', dayFromToday(0));
  await choose(page, 'needs_satisfaction', '满意');
  await submitAndClose(page, 'needs');
  expect((await app.call('needs.get', { id })).value).toMatchObject({
    status: 'done', closedOn: dayFromToday(0), outcome: '已更换', satisfaction: 'satisfied',
  });

  await search(page, 'needs', '饮水管', [id], [overdue.id, closedLate.id]);
  await search(page, 'needs', '', [id, overdue.id, closedLate.id], []);
  await deleteRow(page, app, 'needs', overdue.id);
  expect((await list(app, 'needs')).map((n) => n.id).sort()).toEqual([id, closedLate.id].sort());
});
