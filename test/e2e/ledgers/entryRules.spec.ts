// Dates and amounts on the screens, at 1366×768: the projects list shows each project's budget,
// received, spent and balance with its flags; money dated after today is refused next to its date
// and spending past the budget is asked about (going back stores nothing); a need closed after
// today is refused; the needs list leads with the overdue ones; and the days a visit's need has
// before it is due are set under 本机与设置. Screenshots of each screen go to /tmp/shots-entry/.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { choose, create, dayFromToday, list, openLedger, setUpSecretary, submitRefused, typeDate } from './helpers';

test.describe.configure({ timeout: 120_000 });

const SHOTS = '/tmp/shots-entry';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test('projects list: budget, received, spent, balance and flags; money dated next year refused; spending past the budget asked', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const villageId = await setUpSecretary(app);
  const fund = (projectId: string, direction: 'in' | 'out', amountFen: number) =>
    create(app, 'funds', { villageId, projectId, direction, amountFen, entryDate: dayFromToday(-10), confirm: ['overspend', 'overBudget'] });
  const road = await create(app, 'projects', { villageId, name: '村道硬化工程', kind: 'infrastructure', status: 'building', budgetFen: 100_000_00 });
  await fund(road.id, 'in', 80_000_00);
  await fund(road.id, 'out', 30_000_00);
  const barn = await create(app, 'projects', { villageId, name: '肉牛养殖场', kind: 'industry', status: 'building', budgetFen: 50_000_00 });
  await fund(barn.id, 'in', 20_000_00);
  await fund(barn.id, 'out', 60_000_00);
  const solar = await create(app, 'projects', { villageId, name: '屋顶光伏', kind: 'industry', status: 'approved', budgetFen: 30_000_00 });
  await fund(solar.id, 'in', 30_000_00);
  await fund(solar.id, 'out', 25_000_00);

  await openLedger(page, app, 'projects');
  const row = (id: string) => page.getByTestId(`ledger-row-${id}`);
  await expect(page.getByTestId(`project-balanceFen-${road.id}`)).toHaveText('50,000.00');
  await expect(page.getByTestId(`project-receivedFen-${road.id}`)).toHaveText('80,000.00');
  await expect(page.getByTestId(`project-spentFen-${road.id}`)).toHaveText('30,000.00');
  await expect(row(road.id)).toContainText('100,000.00');
  await expect(row(road.id)).toContainText('正常');
  // Past both its budget and what arrived: both flags, the balance below zero.
  await expect(page.getByTestId(`project-flags-${barn.id}`)).toHaveText('超预算超到位');
  await expect(page.getByTestId(`project-balanceFen-${barn.id}`)).toHaveText('-40,000.00');
  await expect(page.getByTestId(`project-balanceFen-${solar.id}`)).toHaveText('5,000.00');
  await expect(row(solar.id)).toContainText('正常');
  await shoot(page, 'projects-list');

  // In the road's drawer: money dated next year is refused next to its date; nothing stored.
  await page.getByTestId(`project-funds-${road.id}`).click();
  const drawer = page.getByTestId('project-funds-drawer');
  await expect(drawer.getByTestId('project-money')).toContainText('结余50,000.00元');
  const before = await list(app, 'funds');
  await drawer.getByTestId('ledger-funds-add').click();
  await choose(page, 'funds_direction', '支出');
  await page.locator('#funds_amountFen').fill('60000');
  await page.locator('#funds_purpose').fill('沥青摊铺');
  await typeDate(page, 'funds_entryDate', `${Number(dayFromToday(0).slice(0, 4)) + 1}${dayFromToday(0).slice(4)}`);
  await submitRefused(page, 'funds', 'funds_entryDate', '资金到位或支出的日期不能晚于今天');
  expect(await list(app, 'funds')).toEqual(before);
  await shoot(page, 'fund-next-year-refused');

  // Today, 60,000 more: 90,000 spent of 80,000 received and a 100,000 budget — past what arrived.
  // 80,000 more instead: past the budget as well; both are named, going back stores nothing.
  await typeDate(page, 'funds_entryDate', dayFromToday(0));
  await page.locator('#funds_amountFen').fill('80000');
  await page.getByTestId('ledger-form-funds-submit').click();
  const ask = page.locator('.ant-modal-confirm');
  await expect(ask).toContainText('支出将超过已到位资金');
  await expect(ask).toContainText('支出将超过项目预算');
  await shoot(page, 'fund-over-budget-asked');
  await ask.getByRole('button', { name: '返回修改' }).click();
  await expect(ask).toBeHidden();
  expect(await list(app, 'funds')).toEqual(before);
  await page.getByTestId('ledger-form-funds-submit').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('ledger-form-funds')).toBeHidden();
  expect(await list(app, 'funds')).toHaveLength(before.length + 1);
  await expect(drawer.getByTestId('project-over-budget')).toHaveText('支出已超过项目预算');
  await expect(drawer.getByTestId('project-money')).toContainText('结余-30,000.00元');
  await shoot(page, 'project-drawer-over-budget');

  // Back in the list the road is flagged too.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId(`project-flags-${road.id}`)).toHaveText('超预算超到位');
  await expect(page.getByTestId(`project-spentFen-${road.id}`)).toHaveText('110,000.00');
});

test('needs: overdue first, a closing day after today refused, and the due days of a visit’s need set', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const villageId = await setUpSecretary(app);
  const wang = await create(app, 'households', { villageId, headName: '王建国', villagerGroup: '第一村民小组', category: 'lifted' });
  const later = await create(app, 'needs', { villageId, householdId: wang.id, category: 'water', status: 'open', content: '希望更换饮水管', dueDate: dayFromToday(20) });
  await create(app, 'needs', { villageId, category: 'power', status: 'done', content: '路灯不亮', dueDate: dayFromToday(-30), closedOn: dayFromToday(-2) });
  const late = await create(app, 'needs', { villageId, householdId: wang.id, category: 'road', status: 'open', content: '村口道路坑洼', dueDate: dayFromToday(-3) });
  const latest = await create(app, 'needs', { villageId, category: 'jobs', status: 'in_progress', content: '介绍务工岗位', dueDate: dayFromToday(-40) });

  await openLedger(page, app, 'needs');
  const rows = page.getByTestId('ledger-needs-table').locator('[data-testid^="ledger-row-"]');
  await expect(rows).toHaveCount(4);
  // The longest overdue first, then the other overdue one, then the rest by due date.
  await expect(rows.nth(0)).toHaveAttribute('data-testid', `ledger-row-${latest.id}`);
  await expect(rows.nth(1)).toHaveAttribute('data-testid', `ledger-row-${late.id}`);
  await expect(rows.nth(2)).toHaveAttribute('data-testid', `ledger-row-${later.id}`);
  await shoot(page, 'needs-overdue-first');

  // Closed tomorrow: refused next to the closing day; nothing changes.
  const stored = (await app.call('needs.get', { id: later.id })).value;
  await page.getByTestId(`ledger-edit-${later.id}`).click();
  await choose(page, 'needs_status', '已办结');
  await page.locator('#needs_outcome').fill('已更换');
  await typeDate(page, 'needs_closedOn', dayFromToday(1));
  await submitRefused(page, 'needs', 'needs_closedOn', '办结日期不能晚于今天');
  expect((await app.call('needs.get', { id: later.id })).value).toEqual(stored);
  await shoot(page, 'need-closed-tomorrow-refused');
  // Leave the refused form behind by opening the app afresh (nothing of it was stored).
  await page.goto(app.url());
  await page.reload();
  await expect(page.getByTestId('nav-device')).toBeVisible();

  // The days a need raised on a visit has: 14 instead of 30, and the next one falls due then.
  await page.getByTestId('nav-device').click();
  const days = page.getByTestId('settings-need-due-days');
  await expect(days).toHaveValue('30');
  await days.fill('14');
  await page.getByTestId('settings-save').click();
  await expect.poll(async () => (await app.call<{ needDueDays: number }>('settings.get')).value?.needDueDays).toBe(14);
  await page.getByTestId('settings-card').scrollIntoViewIfNeeded();
  await shoot(page, 'settings-need-due-days');
  const visit = await create(app, 'visits', { villageId, householdId: wang.id, visitDate: dayFromToday(0), mode: 'home', situation: '了解春耕' });
  const need = await create(app, 'needs', { villageId, householdId: wang.id, visitId: visit.id, category: 'other', status: 'open', content: '希望介绍技能培训' });
  expect(need).toMatchObject({ owner: '王建国', dueDate: dayFromToday(14) });
});
