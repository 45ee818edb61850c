// Finding one's way at a laptop's 1366×768: every screen has an address that a reload keeps (a
// ledger with its filters, its page and the record open), Back goes back, a new screen starts
// at its top, the header stays while the menu and the content scroll on their own, the pinned
// actions column sits beside the last column, and Esc on a filled form asks first.
import type { Page } from '@playwright/test';
import { expect, test, type HostedApp } from './fixtures';
import { create, dayFromToday, openOptions, setUpSecretary } from './ledgers/helpers';

const LAPTOP = { width: 1366, height: 768 };

// Each test loads the demo township and walks several screens: room on a busy two-core machine.
test.describe.configure({ timeout: 150_000 });
const SHOTS = '/tmp/shots-nav';

/** The demo township (a coordinator's six villages) opened at `hash`, its table filled. */
async function openDemo(page: Page, app: HostedApp, hash = '#/overview'): Promise<void> {
  await page.setViewportSize(LAPTOP);
  expect((await app.call('demo.load')).ok).toBe(true);
  await page.goto(`${app.url()}${hash}`);
}

function tableRows(page: Page, noun: string) {
  return page.getByTestId(`ledger-${noun}-table`).locator('tbody tr[data-row-key]');
}

/** Esc reaches a dialog once it has taken the focus, as it does when it opens. */
async function pressEscInDialog(page: Page): Promise<void> {
  await expect(page.locator('.ant-modal :focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
}

const contentScrollTop = (page: Page) => page.getByTestId('app-content').evaluate((el) => el.scrollTop);

test('a reload keeps the screen, a list with its filters, page and the record open; Back goes back; a new screen starts at its top', async ({ page, app }) => {
  await openDemo(page, app, '#/needs');
  await expect(tableRows(page, 'needs').first()).toBeVisible({ timeout: 30_000 });

  // Narrow the list on the screen itself: status 待办, the second page.
  await page.getByTestId('ledger-needs-filter-status').click();
  await openOptions(page).filter({ hasText: /^已办结$/ }).click();
  await expect(page).toHaveURL(/#\/needs\?.*f\.status=done/);
  const total = page.locator('.ant-pagination-total-text');
  const totalText = await total.innerText();
  await page.locator('.ant-pagination-item-2').click();
  await expect(page).toHaveURL(/page=2/);
  const secondPageFirst = await tableRows(page, 'needs').first().getAttribute('data-row-key');

  await page.reload();
  await expect(tableRows(page, 'needs').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ledger-needs').locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: /^已办结$/ })).toHaveCount(1);
  await expect(total).toHaveText(totalText);
  await expect(page.locator('.ant-pagination-item-active')).toHaveText('2');
  await expect(tableRows(page, 'needs').first()).toHaveAttribute('data-row-key', secondPageFirst!);

  // A record opened is in the address too: a reload opens it again; closing it takes it out.
  await page.getByTestId(`ledger-edit-${secondPageFirst}`).click();
  await expect(page.getByTestId('ledger-form-needs')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`id=${secondPageFirst}`));
  const content = await page.locator('#needs_content').inputValue();
  await page.reload();
  await expect(page.getByTestId('ledger-form-needs')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#needs_content')).toHaveValue(content);
  await pressEscInDialog(page);
  await expect(page.getByTestId('ledger-form-needs')).toBeHidden();
  await expect(page).not.toHaveURL(/id=/);

  // Another screen, scrolled down; Back returns to the list as it was left. One move of the
  // address starts the screen once: its list is read once, not twice.
  const listReads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/visits.list')) listReads.push(request.url());
  });
  await page.getByTestId('nav-visits').click();
  await expect(page).toHaveURL(/#\/visits$/);
  await expect(tableRows(page, 'visits').first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(500);
  expect(listReads).toHaveLength(1);
  await page.getByTestId('app-content').evaluate((el) => el.scrollTo({ top: 600 }));
  expect(await contentScrollTop(page)).toBeGreaterThan(0);
  await page.goBack();
  await expect(page).toHaveURL(/#\/needs\?.*f\.status=done.*page=2/);
  await expect(page.locator('.ant-pagination-item-active')).toHaveText('2');
  expect(await contentScrollTop(page)).toBe(0);
  await page.goForward();
  await expect(page).toHaveURL(/#\/visits$/);

  // Each menu screen keeps its address through a reload and starts at its top.
  for (const view of ['reports', 'villages', 'plans', 'overview']) {
    await page.getByTestId('app-content').evaluate((el) => el.scrollTo({ top: 400 }));
    await page.getByTestId(`nav-${view}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${view}`));
    expect(await contentScrollTop(page)).toBe(0);
    await page.reload();
    await expect(page).toHaveURL(new RegExp(`#/${view}`));
    await expect(page.locator('.ant-menu-item-selected').getByTestId(`nav-${view}`)).toBeVisible({ timeout: 30_000 });
  }
});

test('at 1366×768 the header stays, the menu scrolls on its own and reaches every entry, and only the content scrolls', async ({ page, app }) => {
  await openDemo(page, app, '#/visits');
  await expect(tableRows(page, 'visits').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/menu-1366.png` });

  // The page itself never scrolls: the frame is the window.
  const pageHeight = await page.locator('html').evaluate((html) => html.scrollHeight);
  expect(pageHeight).toBeLessThanOrEqual(LAPTOP.height);

  const header = page.locator('.app-header');
  const headerBox = async () => (await header.boundingBox())!;
  // Scrolling the content leaves the header where it was.
  await page.getByTestId('app-content').hover();
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => contentScrollTop(page)).toBeGreaterThan(0);
  expect((await headerBox()).y).toBe(0);

  // Every entry of the menu can be reached (the menu scrolls, not the page) and opens its screen.
  const entries = await page.getByTestId('app-menu').locator('[data-testid^="nav-"]:not([data-testid$="-overdue"])').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
  expect(entries).toEqual(expect.arrayContaining(['nav-leaves', 'nav-secretaries', 'nav-sync', 'nav-device']));
  for (const id of ['nav-sync', 'nav-secretaries', 'nav-leaves', 'nav-device', 'nav-overview']) {
    const item = page.getByTestId(id);
    await item.scrollIntoViewIfNeeded();
    const box = (await item.boundingBox())!;
    expect(box.y + box.height, id).toBeLessThanOrEqual(LAPTOP.height);
    expect(box.y, id).toBeGreaterThanOrEqual((await headerBox()).height);
    await item.click();
    await expect(page).toHaveURL(new RegExp(`#/${id.slice(4)}`));
    expect((await headerBox()).y, id).toBe(0);
  }
  await page.getByTestId('nav-sync').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/menu-1366-scrolled.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('nav-visits').click();
  await expect(tableRows(page, 'visits').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/visits-1920.png` });
});

test('the pinned actions column sits beside 记录人 on every list at 1366×768, never over it', async ({ page, app }) => {
  await openDemo(page, app, '#/visits');
  for (const noun of ['households', 'monitoring', 'visits', 'needs', 'plans', 'projects', 'commitments', 'indicators', 'diary', 'leaves', 'secretaries', 'candidates']) {
    await page.getByTestId(`nav-${noun}`).click();
    const table = page.getByTestId(`ledger-${noun}-table`);
    await expect(table.locator('thead th').first()).toBeVisible({ timeout: 30_000 });
    await expect(table.locator('tbody tr[data-row-key]').first()).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/table-${noun}-1366.png` });
    // A table wider than the window (projects and their money, the yearly indicators) scrolls: at its end nothing is covered.
    const body = table.locator('.ant-table-content, .ant-table-body').first();
    const widths = await body.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    const wide = widths[0]! > widths[1]! + 4; // a border's pixels are no scroll
    if (!['projects', 'indicators'].includes(noun)) expect(wide, `${noun} fits at 1366×768: ${widths.join(' > ')}`).toBe(false);
    if (wide) await body.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const recordedBy = (await table.locator('thead th').filter({ hasText: /^记录人$/ }).boundingBox())!;
    const actions = (await table.locator('thead th').filter({ hasText: /^操作$/ }).boundingBox())!;
    expect(recordedBy.x + recordedBy.width, noun).toBeLessThanOrEqual(actions.x + 1);
    expect(recordedBy.width, noun).toBeGreaterThan(40);
  }
});

test('Esc closes an empty or unchanged form at once and asks before discarding a filled one', async ({ page, app }) => {
  await openDemo(page, app, '#/visits');
  await expect(tableRows(page, 'visits').first()).toBeVisible({ timeout: 30_000 });
  const before = await app.call<{ total: number }>('visits.list', { offset: 0, limit: 1 });

  // Empty: closes at once.
  await page.getByTestId('ledger-visits-add').click();
  await expect(page.getByTestId('ledger-form-visits')).toBeVisible();
  await pressEscInDialog(page);
  await expect(page.getByTestId('ledger-form-visits')).toBeHidden();
  await expect(page.getByTestId('discard-confirm')).toHaveCount(0);

  // An existing record opened and left unchanged: closes at once.
  await tableRows(page, 'visits').first().locator('[data-testid^="ledger-edit-"]').click();
  await expect(page.getByTestId('ledger-form-visits')).toBeVisible();
  await pressEscInDialog(page);
  await expect(page.getByTestId('ledger-form-visits')).toBeHidden();

  // Filled: Esc asks; keeping goes back to the form with what was typed.
  await page.getByTestId('ledger-visits-add').click();
  await page.locator('#visits_situation').fill('了解春耕备耕情况');
  await pressEscInDialog(page);
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/discard-ask-1366.png` });
  await page.getByTestId('discard-keep').click();
  await expect(page.getByTestId('ledger-form-visits')).toBeVisible();
  await expect(page.locator('#visits_situation')).toHaveValue('了解春耕备耕情况');
  // Asked again, discarding closes it and stores nothing.
  await pressEscInDialog(page);
  await page.getByTestId('discard-confirm').click();
  await expect(page.getByTestId('ledger-form-visits')).toBeHidden();
  expect((await app.call<{ total: number }>('visits.list', { offset: 0, limit: 1 })).value!.total).toBe(before.value!.total);

  // The quick visit (Alt+N) the same: empty closes at once, a typed description asks first.
  await page.keyboard.press('Alt+N');
  await expect(page.getByTestId('quick-visit-form')).toBeVisible();
  await pressEscInDialog(page);
  await expect(page.getByTestId('quick-visit-form')).toBeHidden();
  await expect(page.getByTestId('discard-confirm')).toHaveCount(0);
  await page.keyboard.press('Alt+N');
  await page.locator('#quickVisit_situation').fill('了解春耕备耕情况');
  await pressEscInDialog(page);
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await page.getByTestId('discard-keep').click();
  await expect(page.locator('#quickVisit_situation')).toHaveValue('了解春耕备耕情况');
});

test('the days in the village of any month, diary days in the village and approved leave counted against the threshold, the rule said', async ({ page, app }) => {
  await page.setViewportSize(LAPTOP);
  const villageId = await setUpSecretary(app);
  // Two months ago: three diary days in the village, one on a trip, approved leave of two days
  // and a rejected one of one day (which does not count).
  const month = dayFromToday(-62).slice(0, 7);
  for (const day of ['03', '04', '05']) await create(app, 'diary', { villageId, entryDate: `${month}-${day}`, presence: 'in_village', content: '在村', dutyTags: [] });
  await create(app, 'diary', { villageId, entryDate: `${month}-06`, presence: 'trip', content: '公差', dutyTags: [] });
  await create(app, 'leaves', { villageId, startDate: `${month}-10`, endDate: `${month}-11`, approverLevel: 'township', status: 'approved', reason: '家事' });
  await create(app, 'leaves', { villageId, startDate: `${month}-15`, endDate: `${month}-15`, approverLevel: 'township', status: 'rejected', reason: '家事' });
  await page.goto(`${app.url()}#/diary`);
  const card = page.getByTestId('diary-month');
  await expect(card.getByTestId('diary-month-counted')).toHaveText('在村 0 天 + 批准请假 0 天 = 0 天', { timeout: 30_000 });

  const picker = page.getByLabel('月份', { exact: true });
  await picker.click();
  await picker.press('ControlOrMeta+a');
  await picker.pressSequentially(month);
  await picker.press('Enter');
  await expect(card.getByTestId('diary-month-counted')).toHaveText('在村 3 天 + 批准请假 2 天 = 5 天');
  await expect(card).toContainText(`${month} 李家村 驻村天数`);
  await expect(card).toContainText('5 / 20 天');
  await expect(card.getByTestId('diary-month-verdict')).toHaveText('还差 15 天');
  await expect(card.getByTestId('diary-month-rule')).toContainText('驻村天数 = 民情日记中标为“在村”的天数 + 经批准的请假天数');
  await page.screenshot({ path: `${SHOTS}/diary-month-1366.png` });
});

test('a secretary who registers finds her own term in 驻村书记, from the day she gave', async ({ page, app }) => {
  await page.setViewportSize(LAPTOP);
  await page.goto(app.url());
  await expect(page.getByTestId('setup-form')).toBeVisible({ timeout: 30_000 });
  await page.locator('#setup_name').fill('王建国');
  await page.locator('#setup_unitLevel').click();
  await openOptions(page).filter({ hasText: /^县直单位$/ }).click();
  await page.locator('#setup_unit').fill('临河县农业农村局');
  await page.locator('#setup_township').fill('青石镇');
  await page.locator('#setup_villages_0_name').fill('李家村');
  // The term starts today unless changed: she arrived two months ago.
  const start = dayFromToday(-60);
  const term = page.locator('#setup_termStart');
  await expect(term).toHaveValue(dayFromToday(0));
  await term.click();
  await term.press('ControlOrMeta+a');
  await term.pressSequentially(start);
  await term.press('Tab');
  await expect(term).toHaveValue(start);
  await page.screenshot({ path: `${SHOTS}/setup-term-1366.png`, fullPage: true });
  await page.getByTestId('setup-submit').click();

  await page.getByTestId('nav-secretaries').click();
  const rows = tableRows(page, 'secretaries');
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await expect(rows.first()).toContainText('王建国');
  await expect(rows.first()).toContainText('临河县农业农村局');
  await expect(rows.first()).toContainText(start);
  await page.screenshot({ path: `${SHOTS}/secretaries-own-term-1366.png` });
});
