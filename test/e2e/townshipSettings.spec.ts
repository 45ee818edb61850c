// The township's days-in-village threshold, plan duties and a member-development clock on the settings card: the coordinator
// sets them on her computer; they reach the secretary's by a sync file, shown read-only there
// with who set them and when. Her plan form then offers the township's duties; a plan made under a
// duty the township has since dropped still shows, marked, and its progress is done / target.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { choose, openOptions, submitAndClose } from './ledgers/helpers';
import { LI, setUpDevice, trustAndImport, ZHAO } from './syncSteps';

test.describe.configure({ timeout: 120_000 });

const SHOTS = '/tmp/shots-township';
const DUTIES = ['建强村党组织', '推进强村富民', '提升治理水平', '为民办事服务'];

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('settings-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function exportFull(app: { call: (m: string, i?: unknown) => Promise<{ ok: boolean; value?: unknown }> }): Promise<string> {
  const result = await app.call('sync.exportFile', { path: mkdtempSync(join(tmpdir(), 'cunji-township-')), full: true });
  expect(result.ok).toBe(true);
  return (result.value as { file: string }).file;
}

test('the coordinator sets 22 days and her duties; the secretary sees them read-only, naming her and the day', async ({ hosts }) => {
  const li = await hosts.start('li');
  const zhao = await hosts.start('zhao');
  for (const p of [li, zhao]) await p.page.setViewportSize({ width: 1366, height: 768 });
  await setUpDevice(li, LI);
  await setUpDevice(zhao, ZHAO);
  // A plan of hers under one of the standard duties, before the township chose its own.
  const villageId = ((await li.call<{ items: { id: string }[] }>('villages.list')).value!.items[0]!).id;
  const year = new Date().getFullYear();
  expect((await li.call('plans.create', { villageId, year, duty: '抓好班子建设', goal: '村两委班子换届', status: 'in_progress' })).ok).toBe(true);
  await trustAndImport(zhao, await exportFull(li));

  // On the coordinator's computer: editable.
  await zhao.page.goto(zhao.url());
  await zhao.page.getByTestId('nav-device').click();
  await expect(zhao.page.getByTestId('settings-township-whose')).toContainText('乡镇管理员尚未设定');
  await zhao.page.getByTestId('settings-presence-threshold').fill('22');
  // A member-development clock beside them: the activist period from its default 12 months to 6.
  await expect(zhao.page.getByTestId('settings-clock-activistAtLeast')).toHaveValue('12');
  await zhao.page.getByTestId('settings-clock-activistAtLeast').fill('6');
  await zhao.page.getByTestId('settings-save').click();
  await expect.poll(async () => ((await zhao.call<{ presenceThreshold: number }>('settings.get')).value)?.presenceThreshold).toBe(22);
  expect((await zhao.call<{ partyClocks: Record<string, number> }>('settings.get')).value?.partyClocks).toMatchObject({ activistAtLeast: 6, probation: 12 });
  expect((await zhao.call('settings.update', { duties: DUTIES })).ok).toBe(true);
  await zhao.page.reload();
  await zhao.page.getByTestId('nav-device').click();
  await expect(zhao.page.getByTestId('settings-township-whose')).toContainText('由乡镇管理员 赵敏 于');
  await expect(zhao.page.getByTestId('settings-presence-threshold')).toHaveValue('22');
  await expect(zhao.page.getByTestId('settings-clock-activistAtLeast')).toHaveValue('6');
  await shoot(zhao.page, 'coordinator-editable');

  // The secretary receives them by file: read-only, with who set them.
  await trustAndImport(li, await exportFull(zhao));
  await li.page.goto(li.url());
  await li.page.getByTestId('nav-device').click();
  await expect(li.page.getByTestId('settings-township-whose')).toContainText('由乡镇管理员 赵敏 于');
  await expect(li.page.getByTestId('settings-presence-threshold-read')).toContainText('22');
  await expect(li.page.getByTestId('settings-clock-read-activistAtLeast')).toHaveText('6 个月');
  for (const duty of DUTIES) await expect(li.page.getByTestId('settings-duties-read')).toContainText(duty);
  await expect(li.page.getByTestId('settings-presence-threshold')).toHaveCount(0);
  await shoot(li.page, 'secretary-read-only');
  // Saving her own settings leaves the township's alone.
  await li.page.getByTestId('settings-save').click();
  await expect.poll(async () => ((await li.call<{ presenceThreshold: number }>('settings.get')).value)?.presenceThreshold).toBe(22);

  // Her plan form offers the township's four duties; her older plan keeps its duty, marked as no longer the township's.
  await li.page.getByTestId('nav-plans').click();
  await expect(li.page.getByTestId('ledger-plans-table')).toContainText('抓好班子建设');
  await li.page.getByTestId('ledger-plans-add').click();
  await li.page.locator('#plans_duty').click();
  await expect(openOptions(li.page)).toHaveText(DUTIES);
  await li.page.screenshot({ path: `${SHOTS}/plan-form-duties.png` });
  await li.page.keyboard.press('Escape');
  await choose(li.page, 'plans_duty', '推进强村富民');
  await li.page.locator('#plans_goal').fill('村集体经营性收入');
  await li.page.locator('#plans_targetValue').fill('20');
  await li.page.locator('#plans_actualValue').fill('8');
  await li.page.locator('#plans_valueUnit').fill('万元');
  await choose(li.page, 'plans_status', '推进中');
  await submitAndClose(li.page, 'plans');
  const row = li.page.getByTestId('ledger-plans-table').locator('[data-testid^="ledger-row-"]', { hasText: '村集体经营性收入' });
  await expect(row).toContainText('推进强村富民');
  await expect(row).toContainText('40%');
  await li.page.screenshot({ path: `${SHOTS}/plans-list-progress.png` });
  await li.page.getByTestId('ledger-plans-table').locator('[data-testid^="ledger-row-"]', { hasText: '村两委班子换届' }).locator('[data-testid^="ledger-edit-"]').click();
  await expect(li.page.locator('#plans_duty').locator('..').locator('..')).toContainText('抓好班子建设（已不在本乡镇职责中）');
});
