// The sync screen's newer parts, short and set up over the contract: a record deleted on one
// device and edited on another, told in plain words and restored; and a folder of encrypted
// files imported by a coordinator without the passphrase, opened with one typed for it, its
// device trusted, imported, with a missing path refused on its own line. The township
// passphrase is set on screen, checked for length, never shown back, and removed after a question.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { create, list } from './ledgers/helpers';
import { exportOverContract, importPaths, LI, openSync, receiptStatuses, setUpDevice, trustAndImport, ZHAO } from './syncSteps';

// Two installations each, on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1366, height: 768 } });

const folder = (name: string) => mkdtempSync(join(tmpdir(), `cunji-${name}-`));

test('a record deleted on one device and edited on another: shown in plain words, restored with the edit', async ({ hosts }) => {
  const li = await hosts.start('li');
  const zhao = await hosts.start('zhao');
  const liDevice = await setUpDevice(li, LI);
  await setUpDevice(zhao, ZHAO);
  const house = await create(li, 'households', { villageId: liDevice.villageIds[0], headName: '王大山', villagerGroup: '第一村民小组', category: 'ordinary' });
  // Each trusts the other, and both hold the household.
  await trustAndImport(zhao, (await exportOverContract(li, folder('li'))).file);
  await trustAndImport(li, (await exportOverContract(zhao, folder('zhao'))).file);

  // 王建国 deletes it while 赵敏, not knowing, corrects the head's name.
  expect((await li.call('households.delete', { id: house.id })).ok).toBe(true);
  expect((await zhao.call('households.update', { id: house.id, patch: { headName: '王大海' } })).ok).toBe(true);
  const edited = await exportOverContract(zhao, folder('zhao2'));
  await openSync(li.page, li);
  await importPaths(li.page, [edited.file]);

  await li.page.getByTestId('sync-tab-conflicts').click();
  const conflict = li.page.getByTestId('conflict-row');
  await expect(conflict).toContainText('一台设备删除了这条记录，另一台在不知情时修改了它');
  await expect(conflict.getByTestId('conflict-deletion')).toContainText('王建国');
  await expect(conflict.getByTestId('conflict-edit')).toContainText('修改“户主姓名”为 王大海：赵敏');
  await conflict.getByTestId('conflict-restore').click();
  await expect(li.page.getByTestId('conflicts')).toContainText('没有需要处理的冲突');
  expect((await list(li, 'households', { villageId: liDevice.villageIds[0] })).map((h) => h.headName)).toEqual(['王大海']);
});

test('the township passphrase set on screen; an encrypted folder opened with a passphrase typed for it, its device trusted, imported', async ({ hosts }) => {
  const li = await hosts.start('li');
  const zhao = await hosts.start('zhao');
  const liDevice = await setUpDevice(li, LI);
  await setUpDevice(zhao, ZHAO);
  await create(li, 'households', { villageId: liDevice.villageIds[0], headName: '王大山', villagerGroup: '第一村民小组', category: 'ordinary' });

  await openSync(li.page, li);
  const card = li.page.getByTestId('sync-passphrase');
  await expect(card.getByTestId('sync-passphrase-state')).toContainText('没有设置口令');
  await card.getByTestId('sync-passphrase-input').fill('短口令');
  await card.getByTestId('sync-passphrase-save').click();
  await expect(card).toContainText('口令至少要 8 个字符');
  await card.getByTestId('sync-passphrase-input').fill('青石镇同步口令2026');
  await card.getByTestId('sync-passphrase-save').click();
  await expect(card.getByTestId('sync-passphrase-state')).toContainText('已设置口令');
  // Stored, never shown back.
  await expect(card.getByTestId('sync-passphrase-input')).toHaveValue('');

  const shared = folder('shared');
  const exported = await exportOverContract(li, shared);
  expect(exported.encrypted).toBe(true);
  writeFileSync(join(shared, '说明.txt'), 'not a bundle');
  // Stopping encryption asks first; files already written stay encrypted.
  await card.getByTestId('sync-passphrase-remove').click();
  await li.page.getByTestId('sync-passphrase-remove-confirm').click();
  await expect(card.getByTestId('sync-passphrase-state')).toContainText('没有设置口令');
  expect((await li.call<{ passphraseSet: boolean }>('sync.encryption')).value!.passphraseSet).toBe(false);
  const missing = join(shared, '不存在.cunji');

  await openSync(zhao.page, zhao);
  await importPaths(zhao.page, [shared, missing]);
  const receipts = zhao.page.getByTestId('sync-receipt');
  await expect(receiptStatuses(zhao.page)).toHaveText(['未导入', '未导入']);
  await expect(receipts.first()).toContainText('文件用乡镇同步口令加密了');
  await expect(receipts.first().getByTestId('sync-encrypted')).toBeVisible();
  await expect(receipts.nth(1)).toContainText('找不到这个文件或文件夹');

  await receipts.first().getByTestId('sync-passphrase-retry-input').fill('青石镇同步口令2026');
  await receipts.first().getByTestId('sync-passphrase-retry-button').click();
  await expect(receipts.first()).toContainText('文件来自本机还没有信任的设备');
  await receipts.first().getByTestId('trust-device').click();
  // Trusting imports it again at once, with the passphrase typed for that folder: no second click.
  await expect(zhao.page.getByTestId('sync-retry')).toHaveCount(0);
  await expect(receiptStatuses(zhao.page)).toHaveText(['已导入', '未导入']);
  await expect(receipts.first().getByTestId('sync-encrypted')).toBeVisible();
  // What came in, in records and from whom, not in field changes.
  await expect(receipts.first()).toContainText('王建国：农户台账新增 1 条；帮扶村新增 1 条');
  await expect(receipts.first()).not.toContainText('条改动');
  await zhao.page.screenshot({ path: '/tmp/shots-sync/receipt-records.png' });
  expect((await list(zhao, 'households', { villageId: liDevice.villageIds[0] })).map((h) => h.headName)).toEqual(['王大山']);
});

test("the demo township's file offered to a real coordinator: refused in plain words, naming it as demo, with no device to trust", async ({ hosts }) => {
  const demo = await hosts.start('demo');
  const zhao = await hosts.start('zhao');
  expect((await demo.call('demo.load')).ok).toBe(true);
  await setUpDevice(zhao, ZHAO);
  const exported = await exportOverContract(demo, folder('demo'));

  await openSync(zhao.page, zhao);
  await importPaths(zhao.page, [exported.file]);
  await expect(receiptStatuses(zhao.page)).toHaveText(['未导入']);
  await expect(zhao.page.getByTestId('sync-receipt')).toContainText('这是演示乡镇（虚构数据）导出的文件，本机保存的是真实台账，不导入');
  await expect(zhao.page.locator('[data-testid^="trust-card-"]')).toHaveCount(0);
  await zhao.page.getByTestId('sync-receipt').scrollIntoViewIfNeeded();
  await zhao.page.screenshot({ path: '/tmp/shots-sync/demo-file-refused.png' });
  expect((await zhao.call<{ items: unknown[] }>('villages.list')).value!.items).toEqual([]);
});

test("a coordinator editing a secretary's record is told it is kept under her device and shown to the secretary", async ({ hosts }) => {
  const li = await hosts.start('li');
  const zhao = await hosts.start('zhao');
  const liDevice = await setUpDevice(li, LI);
  await setUpDevice(zhao, ZHAO);
  const house = await create(li, 'households', { villageId: liDevice.villageIds[0], headName: '王大山', villagerGroup: '第一村民小组', category: 'ordinary' });
  await trustAndImport(zhao, (await exportOverContract(li, folder('li'))).file);

  await zhao.page.goto(zhao.url());
  // The header says what the last sync brought, in records and from whom.
  await zhao.page.getByTestId('sync-indicator').hover();
  await expect(zhao.page.getByTestId('sync-indicator-arrivals')).toContainText('王建国：农户台账新增 1 条；帮扶村新增 1 条');
  await zhao.page.screenshot({ path: '/tmp/shots-sync/header-arrivals.png' });
  await zhao.page.getByTestId('nav-households').click();
  await zhao.page.getByTestId(`ledger-edit-${house.id}`).click();
  const note = zhao.page.getByTestId('coordinator-edit-note');
  await expect(note).toContainText('乡镇管理员修改的记录：修改记在 赵敏 的设备名下，书记同步后点这条记录的“历史”就能看到是谁、什么时候改的');
  await zhao.page.screenshot({ path: '/tmp/shots-sync/coordinator-edit-note.png' });

  // The secretary's own form says nothing of the kind.
  await li.page.goto(li.url());
  await li.page.getByTestId('nav-households').click();
  await li.page.getByTestId(`ledger-edit-${house.id}`).click();
  await expect(li.page.getByTestId('ledger-form-households')).toBeVisible();
  await expect(li.page.getByTestId('coordinator-edit-note')).toHaveCount(0);
});
