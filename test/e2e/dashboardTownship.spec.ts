// The township and district overviews as their people use them: a coordinator (the demo's
// 青石镇) sorts her villages by overdue needs, moves her lines and sees the cells recolour, and
// follows a red cell to the very needs behind it; a district with two townships drills down
// township → village and climbs back up by the breadcrumbs. State is set up over the contract.
import type { Page } from '@playwright/test';
import { expect, test, type HostedApp } from './fixtures';
import { create, dayFromToday } from './ledgers/helpers';

test.describe.configure({ timeout: 120_000 });

interface Row {
  villageId: string;
  name: string;
  needsOverdue: number;
}

/** The period the screen shows ("2026-12-01 至 2026-12-31"), to ask the contract for the same figures. */
async function shownPeriod(page: Page): Promise<{ from: string; to: string }> {
  const text = await page.getByTestId('period-days').innerText();
  const [from, to] = text.match(/\d{4}-\d{2}-\d{2}/g)!;
  return { from: from!, to: to! };
}

async function townshipRows(app: HostedApp, period: { from: string; to: string }, township?: string): Promise<Row[]> {
  const result = await app.call<{ rows: Row[] }>('dashboard.township', { ...period, ...(township ? { township } : {}) });
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value!.rows;
}

/** The village ids down the table, top to bottom. */
async function tableOrder(page: Page): Promise<string[]> {
  const ids = await page.getByTestId('township-table').locator('tbody [data-testid^="open-village-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
  return ids.map((id) => id.replace('open-village-', ''));
}

test('a coordinator sorts her villages, moves her lines, and follows a red cell to its overdue needs', async ({ page, app }) => {
  expect((await app.call('demo.load')).ok).toBe(true);
  await page.goto(app.url());
  // The first read of six villages' figures, on a busy two-core machine: room, not a sleep.
  await expect(page.getByTestId('township-table').locator('tbody [data-testid^="open-village-"]')).toHaveCount(6, { timeout: 30_000 });
  await expect(page.getByTestId('township-title')).toHaveText('青石镇工作进展');
  const period = await shownPeriod(page);
  const rows = await townshipRows(app, period);
  expect(rows).toHaveLength(6);

  // Sorted by overdue needs, most first; the village with none comes last.
  const header = page.getByTestId('township-table').locator('thead th').filter({ hasText: /^超期诉求$/ });
  await header.click();
  const mostFirst = [...rows].sort((a, b) => b.needsOverdue - a.needsOverdue).map((r) => r.needsOverdue);
  const shown = async () => {
    const order = await tableOrder(page);
    return order.map((id) => rows.find((r) => r.villageId === id)!.needsOverdue);
  };
  await expect.poll(shown).toEqual(mostFirst);
  await header.click();
  await expect.poll(shown).toEqual([...mostFirst].reverse());

  // The default lines: more than 3 overdue needs is red, none is green; colour, icon and words agree.
  const worst = rows.reduce((a, b) => (b.needsOverdue > a.needsOverdue ? b : a));
  expect(worst.needsOverdue).toBeGreaterThan(3);
  const cell = page.getByTestId(`cell-${worst.villageId}-needsOverdue`);
  await expect(cell).toHaveAttribute('data-rag', 'red');
  await expect(cell).toHaveAccessibleName(`超期诉求 ${worst.needsOverdue} 落后`);

  // A lagging line better than the target line is refused under its field; nothing is stored.
  await page.getByTestId('thresholds-open').click();
  const drawer = page.getByTestId('thresholds-drawer');
  await drawer.locator('#thresholds_needsOverdue_green').fill('6');
  await drawer.getByTestId('thresholds-save').click();
  await expect(drawer.getByText('“达标”线必须比“落后”线更好（覆盖率等越高越好，逾期诉求越少越好）')).toBeVisible();
  expect((await app.call<{ dashboardThresholds: { needsOverdue: unknown } }>('settings.get')).value!.dashboardThresholds.needsOverdue).toEqual({ green: 0, red: 3 });
  // Moved the right way, the worst village turns amber without a reload.
  await drawer.locator('#thresholds_needsOverdue_green').fill('0');
  await drawer.locator('#thresholds_needsOverdue_red').fill(String(worst.needsOverdue));
  await drawer.getByTestId('thresholds-save').click();
  await expect(drawer).toBeHidden();
  await expect(cell).toHaveAttribute('data-rag', 'amber');
  expect((await app.call<{ dashboardThresholds: { needsOverdue: unknown } }>('settings.get')).value!.dashboardThresholds.needsOverdue).toEqual({ green: 0, red: worst.needsOverdue });

  // The cell opens the need list narrowed to that village's overdue needs: exactly as many.
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`#/needs\\?village=${worst.villageId}&overdue=1$`));
  await expect(page.getByTestId('ledger-needs')).toBeVisible();
  await expect(page.getByTestId('ledger-needs-overdue')).toBeChecked();
  await expect(page.getByTestId('ledger-needs-village')).toContainText(worst.name);
  await expect(page.getByTestId('ledger-needs-table').locator('[data-testid^="ledger-row-"]')).toHaveCount(worst.needsOverdue);

  // Back returns to the overview, and a village's name opens its own dashboard.
  await page.goBack();
  await page.getByTestId(`open-village-${worst.villageId}`).click();
  await expect(page.getByTestId('village-dashboard')).toBeVisible();
  await expect(page.getByTestId('level-crumbs')).toContainText('青石镇');
  await expect(page.getByTestId('level-crumbs')).toContainText(worst.name);
});

test('a district drills down township → village and climbs back up', async ({ page, app }) => {
  const setup = await app.call('device.setup', { role: 'district', name: '周强', unit: '临河县委组织部', unitLevel: 'county', townships: ['青石镇', '白河镇', '东山镇'] });
  expect(setup.ok, JSON.stringify(setup.error)).toBe(true);
  const villages: Record<string, string> = {};
  for (const [name, township] of [['李家村', '青石镇'], ['王庄村', '青石镇'], ['河湾村', '白河镇'], ['白杨村', '白河镇']] as const) {
    const village = await app.call<{ id: string }>('villages.create', { name, township });
    expect(village.ok, JSON.stringify(village.error)).toBe(true);
    villages[name] = village.value!.id;
  }
  // 河湾村: two households, one visited; one need past its due date.
  const wang = await create(app, 'households', { villageId: villages['河湾村'], headName: '王大山', villagerGroup: '第一村民小组', category: 'ordinary' });
  await create(app, 'households', { villageId: villages['河湾村'], headName: '李秀英', villagerGroup: '第一村民小组', category: 'ordinary' });
  await create(app, 'visits', { villageId: villages['河湾村'], householdId: wang.id, visitDate: dayFromToday(0), mode: 'home', situation: '了解冬季取暖' });
  await create(app, 'needs', { villageId: villages['河湾村'], householdId: wang.id, category: 'road', status: 'open', content: '修缮村口道路', dueDate: dayFromToday(-3) });

  await page.goto(app.url());
  const district = page.getByTestId('district-overview');
  await expect(page.getByTestId('district-title')).toHaveText('全区工作进展');
  await expect(district.getByTestId('open-township-青石镇')).toContainText('2 个村');
  await expect(district.getByTestId('open-township-白河镇')).toContainText('2 个村');
  // A township with no village data yet is named, not shown as a row of zeros.
  await expect(page.getByTestId('district-waiting')).toContainText('东山镇');
  await expect(district.getByTestId('open-township-东山镇')).toHaveCount(0);
  await expect(page.getByTestId('cell-白河镇-coverage')).toHaveAccessibleName(/^走访覆盖率 50% /);
  await expect(page.getByTestId('cell-青石镇-coverage')).toHaveAccessibleName('走访覆盖率 — 无数据');

  await district.getByTestId('open-township-白河镇').click();
  await expect(page).toHaveURL(/#\/overview\?township=%E7%99%BD%E6%B2%B3%E9%95%87$/);
  await expect(page.getByTestId('township-title')).toHaveText('白河镇工作进展');
  await expect(page.getByTestId('township-table').locator('tbody [data-testid^="open-village-"]')).toHaveCount(2);
  await expect(page.getByTestId(`cell-${villages['河湾村']}-needsOverdue`)).toHaveText('1');
  await expect(page.getByTestId('level-crumbs')).toHaveText(/全区.*白河镇/);

  await page.getByTestId(`open-village-${villages['河湾村']}`).click();
  await expect(page.getByTestId('village-dashboard')).toBeVisible();
  await expect(page.getByTestId('level-crumbs')).toHaveText(/全区.*白河镇.*河湾村/);

  await page.getByTestId('level-crumbs').getByRole('link', { name: '白河镇' }).click();
  await expect(page.getByTestId('township-title')).toHaveText('白河镇工作进展');
  await page.getByTestId('level-crumbs').getByRole('link', { name: '全区' }).click();
  await expect(page.getByTestId('district-title')).toBeVisible();
});

test('a coordinator with no village yet is told what to add, and led there', async ({ page, app }) => {
  const setup = await app.call('device.setup', { role: 'coordinator', name: '赵敏', unit: '青石镇党委', unitLevel: 'township', township: '青石镇' });
  expect(setup.ok, JSON.stringify(setup.error)).toBe(true);
  await page.goto(app.url());
  const empty = page.getByTestId('township-empty');
  await expect(empty).toContainText('本镇还没有村');
  await expect(empty).toContainText('导入各村第一书记的同步文件');
  await expect(page.getByTestId('township-table')).toHaveCount(0);
  await empty.getByRole('button', { name: '添加村庄' }).click();
  await expect(page).toHaveURL(/#\/villages$/);
});
