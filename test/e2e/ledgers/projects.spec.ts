// 项目 and their money: a project created, edited, found and deleted; fund entries in its
// drawer, a negative amount refused, spending past what came in asked about (going back stores
// nothing), and the drawer's budget / received / spent / balance agreeing with the entries.
import { expect, test } from '../fixtures';
import {
  choose, create, deleteRow, list, openLedger, rowIdByText, search, setUpSecretary, submitAndClose, submitRefused, typeDate,
} from './helpers';

// Long journeys through many forms: room for a busy two-core machine, not a licence to sleep.
test.describe.configure({ timeout: 120_000 });

test('projects: create, edit, find, delete; an end before the start is refused', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const other = await create(app, 'projects', { villageId, name: '文化广场修缮', kind: 'culture', status: 'reserve', budgetFen: 2_000_000 });
  await openLedger(page, app, 'projects');
  const before = await list(app, 'projects');

  await page.getByTestId('ledger-projects-add').click();
  await page.locator('#projects_name').fill('村道硬化工程');
  await choose(page, 'projects_kind', '基础设施');
  await page.locator('#projects_budgetFen').fill('100000.50');
  await page.locator('#projects_responsible').fill('张村长');
  await typeDate(page, 'projects_startDate', '2026-03-01');
  await typeDate(page, 'projects_endDate', '2026-02-01');
  await submitRefused(page, 'projects', 'projects_endDate', '结束日期不能早于开始日期');
  expect(await list(app, 'projects')).toEqual(before);

  await typeDate(page, 'projects_endDate', '2026-10-31');
  await submitAndClose(page, 'projects');
  const id = await rowIdByText(page, 'projects', '村道硬化工程');
  expect((await app.call('projects.get', { id })).value).toMatchObject({
    name: '村道硬化工程', kind: 'infrastructure', status: 'reserve', budgetFen: 10_000_050, responsible: '张村长', startDate: '2026-03-01', endDate: '2026-10-31',
  });

  await page.getByTestId(`ledger-edit-${id}`).click();
  await choose(page, 'projects_status', '在建');
  await page.locator('#projects_beneficiaryHouseholds').fill('42');
  await submitAndClose(page, 'projects');
  expect((await app.call('projects.get', { id })).value).toMatchObject({ status: 'building', beneficiaryHouseholds: 42, budgetFen: 10_000_050 });

  await search(page, 'projects', '硬化', [id], [other.id]);
  await search(page, 'projects', '', [id, other.id], []);
  await deleteRow(page, app, 'projects', id);
  expect((await list(app, 'projects')).map((p) => p.id)).toEqual([other.id]);
});

test('fund entries: negative refused, overspend asked about, totals agree', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const project = await create(app, 'projects', { villageId, name: '村道硬化工程', kind: 'infrastructure', status: 'building', budgetFen: 100_000_00 });
  await openLedger(page, app, 'projects');
  await page.getByTestId(`project-funds-${project.id}`).click();
  const drawer = page.getByTestId('project-funds-drawer');
  const money = drawer.getByTestId('project-money');
  await expect(money).toContainText('预算100,000.00元');
  await expect(money).toContainText('已到位0.00元');

  // A negative amount is refused next to the amount, nothing stored.
  await drawer.getByTestId('ledger-funds-add').click();
  await expect(page.locator('#funds_projectId')).toHaveCount(0);
  await page.locator('#funds_amountFen').fill('-500');
  await page.locator('#funds_source').fill('县衔接资金');
  await submitRefused(page, 'funds', 'funds_amountFen', '不能为负数');
  expect(await list(app, 'funds')).toEqual([]);

  // Money in: 到位 is the first choice.
  await page.locator('#funds_amountFen').fill('50000');
  await submitAndClose(page, 'funds');
  await expect(money).toContainText('已到位50,000.00元');
  const received = await list(app, 'funds');
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ projectId: project.id, direction: 'in', amountFen: 50_000_00, source: '县衔接资金' });

  // Spending more than came in: asked; going back stores nothing.
  await drawer.getByTestId('ledger-funds-add').click();
  await choose(page, 'funds_direction', '支出');
  await page.locator('#funds_amountFen').fill('60000.5');
  await page.locator('#funds_purpose').fill('水泥、砂石');
  await page.getByTestId('ledger-form-funds-submit').click();
  const dialog = page.locator('.ant-modal-confirm');
  await expect(dialog).toContainText('支出将超过已到位资金');
  await dialog.getByRole('button', { name: '返回修改' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ledger-form-funds')).toBeVisible();
  expect(await list(app, 'funds')).toEqual(received);

  // Confirmed: stored, and the drawer's figures follow the entries.
  await page.getByTestId('ledger-form-funds-submit').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('ledger-form-funds')).toBeHidden();
  const entries = await list(app, 'funds');
  expect(entries).toHaveLength(2);
  expect(entries.find((e) => e.direction === 'out')).toMatchObject({ projectId: project.id, amountFen: 60_000_50, purpose: '水泥、砂石' });
  const sum = (direction: string) => entries.filter((e) => e.direction === direction).reduce((s, e) => s + Number(e.amountFen), 0);
  expect([sum('in'), sum('out')]).toEqual([50_000_00, 60_000_50]);
  await expect(money).toContainText('预算100,000.00元');
  await expect(money).toContainText('已到位50,000.00元');
  await expect(money).toContainText('已支出60,000.50元');
  await expect(money).toContainText('结余-10,000.50元');
  await expect(money).toContainText('支出已超过到位资金');
  await expect(drawer.getByTestId('ledger-funds-table')).toContainText('60,000.50');

  // Another 到位 brings the balance back: the warning goes.
  await drawer.getByTestId('ledger-funds-add').click();
  await page.locator('#funds_amountFen').fill('20000');
  await submitAndClose(page, 'funds');
  await expect(money).toContainText('已到位70,000.00元');
  await expect(money).toContainText('结余9,999.50元');
  await expect(money).not.toContainText('支出已超过到位资金');
  expect(await list(app, 'funds')).toHaveLength(3);

  // A project deleted takes its fund entries with it.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await deleteRow(page, app, 'projects', project.id);
  expect(await list(app, 'funds')).toEqual([]);
});
