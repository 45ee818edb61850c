// The household roster from Excel, end to end in Chromium: a secretary opens 农户台账, clicks 导入,
// chooses a WPS-style XLSX (merged titles above the header, a blank row, one household with a
// wrong ID check digit), sees its columns matched from the Chinese headers, checks every row,
// reads the refused row with its row number, column and reason, imports the rest, and finds the
// households in the list and their members stored. The first household is already in the ledger
// with its head: the preview says its rows add members to it, and no second one is made. Screenshots at 1366×768 of each step go to
// /tmp/shots-import/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { create, list, setUpSecretary } from './ledgers/helpers';
import { csvText, headNameOf, rosterIdNumber, rosterRows, rosterXlsx } from '../electron/services/imports/rosterFiles';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 120_000 });

const SHOTS = '/tmp/shots-import';

test('a secretary imports the household roster from an XLSX file, and sees the refused row and why', async ({ app, page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const villageId = await setUpSecretary(app);
  const rows = rosterRows(5);
  // The third household's head has a wrong check digit: that household is refused, whole.
  const id = rows[6]![7]!;
  rows[6]![7] = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
  const file = await rosterXlsx(rows, { blankEvery: 6 });
  // The first household is kept already, with its head: the file's spouse and child join it.
  const kept = await create(app, 'households', { villageId, headName: headNameOf(0), villagerGroup: '1组', category: 'ordinary' });
  await create(app, 'members', { villageId, householdId: kept.id, name: headNameOf(0), relation: 'head', idNumber: rosterIdNumber(0) });

  await page.goto(app.url());
  await page.getByTestId('nav-households').click();
  await page.getByTestId('ledger-households-import').click();
  const modal = page.getByRole('dialog');
  await expect(modal).toBeVisible();
  await expect(modal).toContainText('导入农户花名册');
  await page.screenshot({ path: `${SHOTS}/1-choose.png` });

  await modal.locator('input[type=file]').setInputFiles({ name: '李家村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  const mapping = modal.getByTestId('imports-mapping');
  await expect(mapping).toBeVisible();
  await expect(modal).toContainText('第 3 行是表头');
  // Matched from the headers: 身份证号 (column 8) is imported as the ID number, 序号 (column 1) not at all.
  await expect(modal.getByTestId('imports-map-7')).toContainText('身份证号');
  await expect(modal.getByTestId('imports-map-0')).toContainText('不导入');
  await page.screenshot({ path: `${SHOTS}/2-map.png` });

  await modal.getByTestId('imports-check').click();
  const check = modal.getByTestId('imports-check-step');
  await expect(check).toContainText('共 15 行：12 行可以导入，3 行不能导入');
  const refusals = modal.getByTestId('imports-refusals');
  // Sheet row 11: header on 3, rows 4–9, a blank row 10, then the seventh data row.
  await expect(refusals.locator('tr', { hasText: '身份证号' })).toContainText('11');
  await expect(refusals).toContainText('身份证号校验位不对，请核对');
  await expect(refusals).toContainText('同一户的第 11 行有问题，整户没有导入');
  const joins = modal.getByTestId('imports-joins');
  await expect(modal).toContainText('1 户已在台账里');
  await expect(joins.locator('tr', { hasText: headNameOf(0) })).toContainText('4、5、6');
  await expect(joins.locator('tr', { hasText: headNameOf(0) })).toContainText('5、6');
  await expect(check).toContainText('将新增 3 户、11 名家庭成员');
  await joins.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/3-check.png` });

  await modal.getByTestId('imports-commit').click();
  const done = modal.getByTestId('imports-done');
  await expect(done).toContainText('新增 3 户、11 名家庭成员');
  await expect(done.getByTestId('imports-joins')).toContainText(headNameOf(0));
  await expect(done.getByTestId('imports-download-refused')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/4-done.png` });

  await modal.getByTestId('imports-close').click();
  await expect(modal).toBeHidden();
  // The list read again: the four households are there; the refused one is not.
  for (const k of [0, 1, 3, 4]) await expect(page.getByRole('cell', { name: headNameOf(k), exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: headNameOf(2), exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/5-list.png` });

  const members = await list(app, 'members', { villageId });
  expect(members).toHaveLength(12);
  expect(members.filter((m) => m.householdId === kept.id)).toHaveLength(3);
  expect(await list(app, 'households', { villageId })).toHaveLength(4);
});

test('in the browser host a secretary imports visits from a CSV by typing its path', async ({ app, page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const villageId = await setUpSecretary(app);
  // Visits kept before must fall in a secretary's term: hers, when setup gave her one, began this year.
  for (const term of await list(app, 'secretaries', { villageId })) expect((await app.call('secretaries.update', { id: term.id, patch: { termStart: '2026-01-01' } })).ok).toBe(true);
  await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '一组', category: 'ordinary' });
  const folder = mkdtempSync(join(tmpdir(), 'cunji-import-e2e-'));
  const path = join(folder, '走访记录.csv');
  writeFileSync(path, Buffer.from(new TextEncoder().encode(csvText(['走访日期', '户主姓名', '了解情况'], [['2026/3/5', '王建国', '老人腿脚不便'], ['2026/3/6', '李四', '新来的']]))));
  await page.goto(app.url());
  await page.getByTestId('nav-visits').click();
  await page.getByTestId('ledger-visits-import').click();
  const modal = page.getByRole('dialog');
  await expect(modal).toContainText('导入入户走访记录');
  // A relative path is refused by name before anything is read.
  await modal.getByTestId('imports-path').fill('走访记录.csv');
  await modal.getByTestId('imports-read-path').click();
  await expect(modal.getByTestId('imports-file-problem')).toBeVisible();
  await modal.getByTestId('imports-path').fill(path);
  await modal.getByTestId('imports-read-path').click();
  await expect(modal.getByTestId('imports-mapping')).toBeVisible();
  await modal.getByTestId('imports-check').click();
  await expect(modal.getByTestId('imports-check-step')).toContainText('共 2 行：1 行可以导入，1 行不能导入');
  await expect(modal.getByTestId('imports-refusals')).toContainText('台账里没有这位户主');
  await page.screenshot({ path: `${SHOTS}/6-visits-check.png` });
  await modal.getByTestId('imports-commit').click();
  await expect(modal.getByTestId('imports-done')).toContainText('新增 1 条走访记录');
  await modal.getByTestId('imports-close').click();
  await expect(page.getByRole('cell', { name: '老人腿脚不便' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/7-visits-list.png` });
  const visits = await list(app, 'visits', { villageId });
  expect(visits.map((v) => [v.visitDate, v.situation])).toEqual([['2026-03-05', '老人腿脚不便']]);
  rmSync(folder, { recursive: true, force: true });
});
