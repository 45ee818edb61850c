// 备份与恢复 on 本机与设置: a secretary backs up, writes on, restores the backup from the screen
// (asked first), and the app reopens on it — the later household gone, the copy of the data as
// it was listed among the backups, this computer continuing as a new device. At 1366×768.
import { expect, test } from './fixtures';
import { create, list, openLedger, setUpSecretary } from './ledgers/helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test('a backup restored from the screen: the app reopens on it, and the data it replaced is kept as a backup', async ({ page, app }) => {
  const villageId = await setUpSecretary(app);
  const before = await create(app, 'households', { villageId, headName: '备份前户', villagerGroup: '第一村民小组', category: 'ordinary' });
  const oldDevice = ((await app.call<{ profile: { deviceId: string } }>('device.status')).value!).profile.deviceId;

  await page.goto(app.url());
  await page.getByTestId('nav-device').click();
  const card = page.getByTestId('backups-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('备份与恢复');
  await card.getByTestId('backup-create').click();
  await expect(page.getByText(/^已备份：cunji-manual-/)).toBeVisible();
  const rows = card.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('手动');
  await expect(rows.first()).toContainText('农户 1');

  // Written after the backup, and not synced anywhere.
  await create(app, 'households', { villageId, headName: '备份后户', villagerGroup: '第二村民小组', category: 'ordinary' });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots-backup/backups-card.png' });

  await rows.first().locator('[data-testid^="backup-restore-cunji-manual-"]').click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('当前数据会先另存为一份备份');
  await page.screenshot({ path: '/tmp/shots-backup/backups-restore-confirm.png' });
  await page.getByTestId('backup-restore-confirm').click();

  // The page reloads on the restored data: the later household is gone, the earlier one is there.
  await expect(page.getByTestId('backups-card').locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(2);
  await expect(page.getByTestId('backups-card')).toContainText('恢复前');
  await expect(page.getByText(/^已恢复 .* 的备份，当前数据另存为 cunji-restore-/)).toBeVisible();
  await page.getByTestId('backups-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots-backup/backups-after-restore.png' });
  expect((await list(app, 'households')).map((h) => h.headName)).toEqual(['备份前户']);
  await openLedger(page, app, 'households');
  await expect(page.getByTestId(`ledger-row-${before.id}`)).toBeVisible();
  await expect(page.getByTestId('ledger-households')).not.toContainText('备份后户');
  // This computer continues as a new device its old key vouches for.
  const newDevice = ((await app.call<{ profile: { deviceId: string } }>('device.status')).value!).profile.deviceId;
  expect(newDevice).not.toBe(oldDevice);
});
