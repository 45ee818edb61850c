// Every record's history, end to end on two installations exchanging files: 王建国 records a
// household; his coordinator 赵敏 takes his file, corrects the address and the phone on her own
// computer and sends hers back; after the sync 王建国 opens the household, clicks 历史, and reads
// who changed which field, on which device, from what to what — the phone masked. Then 赵敏 revokes
// a lost laptop on the devices card: the confirmation says what it means, and the device shows
// revoked. Screenshots at 1366×768 go to /tmp/shots-history/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { create } from './ledgers/helpers';
import { exportOverContract, LI, openSync, setUpDevice, trustAndImport, ZHAO } from './syncSteps';

test.describe.configure({ timeout: 180_000 });
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = '/tmp/shots-history';
const folder = (name: string) => mkdtempSync(join(tmpdir(), `cunji-history-${name}-`));

test("a household's history shows an edit made on another computer, after a sync", async ({ hosts }) => {
  const [li, zhao] = await Promise.all([hosts.start('li'), hosts.start('zhao')]);
  const liDevice = await setUpDevice(li, LI);
  const zhaoDevice = await setUpDevice(zhao, ZHAO);
  const household = await create(li, 'households', {
    villageId: liDevice.villageIds[0], headName: '张大山', villagerGroup: '第一村民小组', category: 'ordinary', address: '东头', phone: '13812345678',
  });

  // 赵敏 takes his file, corrects the address and phone on her computer, and sends hers back.
  await trustAndImport(zhao, (await exportOverContract(li, folder('li'))).file);
  const edited = await zhao.call('households.update', { id: household.id, patch: { address: '村东头三号', phone: '13900001111' } });
  expect(edited.ok, JSON.stringify(edited.error)).toBe(true);
  await trustAndImport(li, (await exportOverContract(zhao, folder('zhao'))).file);

  const page = li.page;
  await page.goto(li.url());
  await page.getByTestId('nav-households').click();
  await page.getByTestId(`ledger-edit-${household.id}`).click();
  await page.getByTestId('history-open').click();
  const drawer = page.getByTestId('history-drawer');
  await expect(drawer).toBeVisible();
  const changes = drawer.getByTestId('history-change');
  await expect(changes.filter({ hasText: '村东头三号' })).toHaveText('住址：东头 → 村东头三号');
  // Who and on which device: the coordinator's computer, named as trusted here.
  const edit = drawer.locator('tr', { hasText: '村东头三号' });
  await expect(edit.getByTestId('history-who')).toHaveText(`赵敏（镇街协调员）设备 ${zhaoDevice.deviceId.slice(0, 8)}`);
  // The phone masked before and after; the full number never reaches the screen.
  await expect(changes.filter({ hasText: '139' })).toHaveText('联系电话：138****5678 → 139****1111');
  await expect(drawer).not.toContainText('13812345678');
  await expect(drawer).not.toContainText('13900001111');
  // The record's making, on this computer.
  await expect(drawer.locator('tr', { hasText: '户主姓名：张大山' }).getByTestId('history-who')).toHaveText('王建国（驻村第一书记）本机');
  // A field left empty when the record was made is not listed.
  await expect(changes.filter({ hasText: '备注' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/history-drawer.png` });
});

test('a coordinator revokes a lost laptop on the devices card; it shows revoked', async ({ hosts }) => {
  const [li, zhao] = await Promise.all([hosts.start('li'), hosts.start('zhao')]);
  const liDevice = await setUpDevice(li, LI);
  await setUpDevice(zhao, ZHAO);
  await create(li, 'households', { villageId: liDevice.villageIds[0], headName: '张大山', villagerGroup: '第一村民小组', category: 'ordinary' });
  await trustAndImport(zhao, (await exportOverContract(li, folder('li'))).file);

  const page = zhao.page;
  await openSync(page, zhao);
  const devices = page.getByTestId('sync-devices');
  await devices.getByTestId(`revoke-${liDevice.deviceId}`).click();
  const dialog = page.getByRole('dialog', { name: /吊销 .* 的设备/ });
  await expect(dialog).toContainText('此后签名的同步文件在本机、乡镇和区县都会被拒收');
  await expect(dialog).toContainText('吊销之前发出的记录照旧保留');
  // No reason, no revocation.
  await dialog.getByRole('button', { name: '吊销这台设备' }).click();
  await expect(dialog).toContainText('请写明吊销原因');
  await dialog.getByTestId('revoke-reason').fill('笔记本电脑被盗');
  await page.screenshot({ path: `${SHOTS}/revoke-confirm.png` });
  await dialog.getByRole('button', { name: '吊销这台设备' }).click();
  await expect(devices.getByTestId(`revoked-${liDevice.deviceId}`)).toHaveText('已吊销');
  await expect(devices).toContainText('本机 于');
  await expect(devices).toContainText('笔记本电脑被盗');
  await expect(devices.getByTestId(`revoke-${liDevice.deviceId}`)).toHaveCount(0);
  await devices.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/devices-revoked.png` });
});
