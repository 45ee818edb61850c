// A secretary's home is her village dashboard: she sees her figures, records a visit with the
// quick entry and sees them change without a reload, opens an overdue need from the list, and a
// month's bar opens that month's visits. With the demo's six villages kept as hers, every card
// has something to show and the village picker narrows them to one (screenshots for review).
import type { Page } from '@playwright/test';
import { openApp } from '../../electron/services/app';
import { DEMO_OPTIONS, generateTownship, loadVillages } from '../../electron/services/demo/index';
import { chinaDay } from '../../electron/services/demo/random';
import { saveProfile } from '../../electron/services/profile';
import { expect, test } from './fixtures';
import { create, dayFromToday, list, openOptions, setUpSecretary } from './ledgers/helpers';

test.describe.configure({ timeout: 120_000 });

/** The last day of the month `day` falls in. */
function monthEnd(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return `${day.slice(0, 7)}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
}

async function figure(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator('.ant-statistic-content').innerText()).replace(/\s+/g, '');
}

test('the secretary’s dashboard: her figures, a quick visit counted at once, an overdue need and a month’s visits opened', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const today = dayFromToday(0);
  const wang = await create(app, 'households', { villageId, headName: '王大山', villagerGroup: '第一村民小组', category: 'lifted' });
  await create(app, 'households', { villageId, headName: '李秀英', villagerGroup: '第二村民小组', category: 'ordinary' });
  await create(app, 'visits', { villageId, householdId: wang.id, visitDate: today, mode: 'home', situation: '了解春耕用种' });
  await create(app, 'visits', { villageId, householdId: wang.id, visitDate: today, mode: 'phone', situation: '回访用种到位情况', confirm: ['sameDayVisit'] });
  // Forty days back is always another month: its visit must stay out of this month's list.
  await create(app, 'visits', { villageId, householdId: wang.id, visitDate: dayFromToday(-40), mode: 'home', situation: '上月走访' });
  const need = await create(app, 'needs', { villageId, householdId: wang.id, category: 'road', status: 'open', content: '村口道路坑洼，雨天积水', dueDate: dayFromToday(-5) });

  // Home is the dashboard; this month: one household of two visited (twice: counted once).
  await page.goto(app.url());
  await expect(page.getByTestId('village-dashboard')).toBeVisible();
  await expect(page.getByTestId('vd-title')).toHaveText('李家村 · 工作进展');
  await expect.poll(() => figure(page, 'vd-visitedHouseholds')).toBe('1户');
  expect(await figure(page, 'vd-coverage')).toBe('50%');
  expect(await figure(page, 'vd-visits-count')).toBe('2次');
  expect(await figure(page, 'vd-needsOverdue')).toBe('1件');
  await expect(page.getByTestId(`overdue-need-${need.id}`)).toContainText('村口道路坑洼');
  // Overdue is judged on the host's day (China's), which may be a day ahead of this machine's.
  const daysOverdue = (Date.parse(chinaDay(Date.now())) - Date.parse(dayFromToday(-5))) / 86_400_000;
  await expect(page.getByTestId(`overdue-need-${need.id}`)).toContainText(`逾期 ${daysOverdue} 天`);
  // Nothing recorded: the card says what to record, not a zero chart.
  await expect(page.getByTestId('vd-plans-empty')).toContainText('在「帮扶计划」按本乡镇的职责订立年度计划');

  // A quick visit to the household not yet visited: the figures follow, no reload.
  await page.keyboard.press('Alt+N');
  await expect(page.locator('#quickVisit_householdId')).toBeFocused();
  await page.keyboard.type('李秀');
  await expect(page.getByTestId('quick-visit-option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('#quickVisit_visitDate')).toHaveValue(today);
  await page.getByTestId('quick-visit-situation').fill('了解务工情况');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('quick-visit-form')).toBeHidden();
  await expect.poll(() => figure(page, 'vd-visitedHouseholds')).toBe('2户');
  expect(await figure(page, 'vd-coverage')).toBe('100%');
  expect(await figure(page, 'vd-visits-count')).toBe('3次');

  // The overdue need opens as itself.
  await page.getByTestId(`overdue-need-${need.id}`).click();
  await expect(page).toHaveURL(new RegExp(`#/needs\\?.*id=${need.id}`));
  await expect(page.getByTestId('ledger-form-needs')).toBeVisible();
  await expect(page.getByTestId('ledger-form-needs').locator('textarea').first()).toHaveValue('村口道路坑洼，雨天积水');
  await page.keyboard.press('Escape');
  await page.goBack();
  await expect(page.getByTestId('village-dashboard')).toBeVisible();

  // This year's months; the last bar (this month's visits) opens the visits of this month only.
  await page.getByTestId('period-kind').click();
  await openOptions(page).filter({ hasText: '本年度' }).click();
  await expect(page.getByTestId('period-days')).toContainText(`${today.slice(0, 4)}-01-01`);
  // The SVG renderer draws each bar as a path filled with its series' colour (visits: the
  // first; its legend key too). The rightmost one drawn is this month's: months without
  // visits have no height, and the legend sits at the left.
  const paths = page.getByTestId('vd-visits-chart').locator('path[fill="#0072B2"], path[fill="rgb(0,114,178)"]');
  await expect(paths.first()).toBeVisible();
  const boxes = await paths.evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height })));
  const lastBar = boxes.filter((b) => b.h > 2).sort((a, b) => b.x - a.x)[0]!;
  await page.mouse.click(lastBar.x, lastBar.y);
  await expect(page).toHaveURL(new RegExp(`#/visits\\?.*from=${today.slice(0, 7)}-01&to=${monthEnd(today)}`));
  const rows = page.getByTestId('ledger-visits-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('ledger-visits-table')).not.toContainText('上月走访');
  expect((await list(app, 'visits')).length).toBe(4);
});

/**
 * The demo's six villages written into this installation as one secretary's (the demo itself
 * sets up a coordinator): through the store, as demo.load writes them, beside the running host.
 */
async function loadDemoAsSecretary(dataDir: string): Promise<void> {
  const opened = await openApp({ dataDir, appVersion: 'e2e', sync: { autoStart: false } });
  try {
    const ctx = opened.context;
    const villages = generateTownship({ ...DEMO_OPTIONS, today: chinaDay(ctx.now()) });
    ctx.store.transaction(() => {
      const villageIds = loadVillages(ctx.store, villages);
      saveProfile(ctx, {
        deviceId: ctx.identity.deviceId,
        role: 'secretary',
        name: '王建国',
        unit: '临河县农业农村局',
        unitLevel: 'county',
        township: villages[0]!.village.township,
        county: villages[0]!.village.county,
        villageIds,
        keyFingerprint: ctx.identity.keyFingerprint,
        demo: true,
      });
    });
  } finally {
    opened.close();
  }
}

test('with the demo’s six villages, every card has figures and the picker narrows them to one village', async ({ page, app }, testInfo) => {
  await loadDemoAsSecretary(app.dataDir);
  await app.restart();
  // The whole page, and the first screen as it opens (the pointer parked, so no figure is hovered).
  const shoot = async (name: string) => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    await page.screenshot({ path: testInfo.outputPath(`${name}-screen.png`) });
  };

  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.goto(app.url());
    await expect(page.getByTestId('vd-title')).toHaveText('全部帮扶村 · 工作进展');
    // This year: every card of the demo has something to draw.
    await page.getByTestId('period-kind').click();
    await openOptions(page).filter({ hasText: '本年度' }).click();
    for (const chart of ['vd-visits-chart', 'vd-plans-chart', 'vd-project-chart', 'vd-source-chart', 'vd-indicators-chart']) {
      await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
    }
    await expect(page.getByTestId('vd-monitoring-table')).toBeVisible();
    await expect(page.getByTestId('headline-visitedHouseholds')).toBeVisible();
    await shoot(`all-${size.width}`);

    await page.getByTestId('vd-village').click();
    await openOptions(page).filter({ hasText: '柳树沟村' }).click();
    await expect(page.getByTestId('vd-title')).toHaveText('柳树沟村 · 工作进展');
    await expect(page.getByTestId('vd-indicators-chart').locator('svg')).toContainText('5 万元线');
    await shoot(`one-${size.width}`);
    await page.getByTestId('vd-village').click();
    await openOptions(page).filter({ hasText: '全部帮扶村' }).click();
  }

  // In English the same screen, its charts' words with it.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('vd-title')).toHaveText('All my villages · progress');
  await expect(page.getByTestId('vd-plans-chart').locator('svg')).toContainText('Leadership team');
  await shoot('all-1366-en');
});
