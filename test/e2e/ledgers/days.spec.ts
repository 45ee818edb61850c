// 民情日记, 请假 and 防返贫监测: one diary entry a day, leave longer than 3 days not approved by
// the township, a posting shorter than 5 days refused — each next to its field, nothing stored —
// and each ledger's create, edit, find and delete.
import { expect, test } from '../fixtures';
import {
  cancelForm, choose, chooseReference, create, dayFromToday, deleteRow, list, openLedger, rowIdByText, search, setUpSecretary,
  submitAndClose, submitRefused, typeDate,
} from './helpers';

// Long journeys through many forms: room for a busy two-core machine, not a licence to sleep.
test.describe.configure({ timeout: 120_000 });

test('diary: one entry a day; create, edit, find, delete', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const older = await create(app, 'diary', { villageId, entryDate: dayFromToday(-3), presence: 'in_village', content: '召开村两委会议' });
  await openLedger(page, app, 'diary');

  await page.getByTestId('ledger-diary-add').click();
  await expect(page.locator('#diary_entryDate')).toHaveValue(dayFromToday(0));
  await page.locator('#diary_content').fill('走访三户，了解冬季取暖情况。');
  await page.locator('#diary_dutyTags').getByText('发展集体经济', { exact: true }).click();
  await submitAndClose(page, 'diary');
  const id = await rowIdByText(page, 'diary', '冬季取暖');
  expect((await app.call('diary.get', { id })).value).toMatchObject({
    entryDate: dayFromToday(0), presence: 'in_village', content: '走访三户，了解冬季取暖情况。', dutyTags: ['发展集体经济'],
  });

  // A second entry the same day: refused next to the date, nothing stored.
  const before = await list(app, 'diary');
  await page.getByTestId('ledger-diary-add').click();
  await page.locator('#diary_content').fill('又写一篇');
  await submitRefused(page, 'diary', 'diary_entryDate', '这一天已经写过日记');
  expect(await list(app, 'diary')).toEqual(before);
  await cancelForm(page, 'diary');

  await page.getByTestId(`ledger-edit-${id}`).click();
  await choose(page, 'diary_presence', '培训');
  await submitAndClose(page, 'diary');
  expect((await app.call('diary.get', { id })).value).toMatchObject({ presence: 'training', content: '走访三户，了解冬季取暖情况。' });

  await search(page, 'diary', '取暖', [id], [older.id]);
  await search(page, 'diary', '', [id, older.id], []);
  await deleteRow(page, app, 'diary', id);
  expect((await list(app, 'diary')).map((d) => d.id)).toEqual([older.id]);
});

test('leaves: 5 days need the county; create, edit, find, delete', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const other = await create(app, 'leaves', {
    villageId, startDate: dayFromToday(-30), endDate: dayFromToday(-29), approverLevel: 'township', status: 'approved', reason: '参加县里培训',
  });
  await openLedger(page, app, 'leaves');
  const before = await list(app, 'leaves');

  await page.getByTestId('ledger-leaves-add').click();
  await typeDate(page, 'leaves_startDate', dayFromToday(3));
  await typeDate(page, 'leaves_endDate', dayFromToday(7));
  // The days and the approver follow from the dates…
  await expect(page.locator('#leaves_days')).toHaveValue('5');
  await expect(page.getByTestId('ledger-form-leaves').getByText('县级审批', { exact: true })).toBeVisible();
  // …and 乡镇 approving 5 days is refused next to the approver level.
  await choose(page, 'leaves_approverLevel', '乡镇审批');
  await choose(page, 'leaves_status', '已批准');
  await page.locator('#leaves_reason').fill('家中老人住院');
  await submitRefused(page, 'leaves', 'leaves_approverLevel', '3天以内由乡镇审批，超过3天由县级审批');
  expect(await list(app, 'leaves')).toEqual(before);

  await choose(page, 'leaves_approverLevel', '县级审批');
  await submitAndClose(page, 'leaves');
  const id = await rowIdByText(page, 'leaves', '老人住院');
  expect((await app.call('leaves.get', { id })).value).toMatchObject({
    startDate: dayFromToday(3), endDate: dayFromToday(7), days: 5, approverLevel: 'county', status: 'approved', reason: '家中老人住院',
  });

  await page.getByTestId(`ledger-edit-${id}`).click();
  await page.locator('#leaves_approver').fill('刘书记');
  await submitAndClose(page, 'leaves');
  expect((await app.call('leaves.get', { id })).value).toMatchObject({ approver: '刘书记', days: 5 });

  await search(page, 'leaves', '刘书记', [id], [other.id]);
  await search(page, 'leaves', '', [id, other.id], []);
  await deleteRow(page, app, 'leaves', id);
  expect((await list(app, 'leaves')).map((l) => l.id)).toEqual([other.id]);
});

test('monitoring: a posting under 5 days is refused; create, edit, find, delete', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const wang = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  const li = await create(app, 'households', { villageId, headName: '李秀英', villagerGroup: '第二村民小组', category: 'ordinary' });
  const other = await create(app, 'monitoring', { villageId, householdId: li.id, monitorType: 'sudden', riskTypes: ['disaster'], measures: '申请临时救助' });
  await openLedger(page, app, 'monitoring');
  const before = await list(app, 'monitoring');

  await page.getByTestId('ledger-monitoring-add').click();
  await chooseReference(page, 'monitoring_householdId', '王建', '王建国 · 第一村民小组');
  await choose(page, 'monitoring_monitorType', '边缘易致贫户');
  await page.locator('#monitoring_riskTypes').getByText('因病', { exact: true }).click();
  await typeDate(page, 'monitoring_homeCheckDate', dayFromToday(-20));
  await typeDate(page, 'monitoring_postingStart', dayFromToday(-15));
  await typeDate(page, 'monitoring_postingEnd', dayFromToday(-13));
  await page.locator('#monitoring_measures').fill('落实医疗救助，安排公益岗位');
  await submitRefused(page, 'monitoring', 'monitoring_postingEnd', '公示不少于5天');
  expect(await list(app, 'monitoring')).toEqual(before);

  await typeDate(page, 'monitoring_postingEnd', dayFromToday(-11));
  await submitAndClose(page, 'monitoring');
  const id = await rowIdByText(page, 'monitoring', '边缘易致贫户');
  expect((await app.call('monitoring.get', { id })).value).toMatchObject({
    householdId: wang.id, monitorType: 'marginal', riskTypes: ['illness'], homeCheckDate: dayFromToday(-20),
    postingStart: dayFromToday(-15), postingEnd: dayFromToday(-11), riskCleared: false,
  });

  // Risk cleared needs the day it was cleared.
  await page.getByTestId(`ledger-edit-${id}`).click();
  await page.locator('#monitoring_riskCleared').click();
  await submitRefused(page, 'monitoring', 'monitoring_clearedDate', '请填写此项');
  expect((await app.call('monitoring.get', { id })).value).toMatchObject({ riskCleared: false });
  await typeDate(page, 'monitoring_clearedDate', dayFromToday(0));
  await submitAndClose(page, 'monitoring');
  expect((await app.call('monitoring.get', { id })).value).toMatchObject({ riskCleared: true, clearedDate: dayFromToday(0) });

  await search(page, 'monitoring', '公益岗位', [id], [other.id]);
  await search(page, 'monitoring', '', [id, other.id], []);
  await deleteRow(page, app, 'monitoring', id);
  expect((await list(app, 'monitoring')).map((m) => m.id)).toEqual([other.id]);
});
