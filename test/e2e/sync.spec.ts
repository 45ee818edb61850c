// 同步 end to end, each person on their own installation: two secretaries record in their
// villages and sync to one shared folder; the coordinator syncs, trusts both after checking
// fingerprints, sees both villages, resolves a conflict planted on purpose and exports the
// township file; the district organisation department (two townships) imports it and sees the
// same figures. A truncated file is refused in plain words and changes nothing. What is on
// screen is what the journey is about; setup, recording and the second secretary's syncing go
// over the contract (each browser's first page costs seconds on a busy machine). The header's offline / last-synced indicator
// follows the browser's real connectivity events.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type HostedApp, type HostedProfile } from './fixtures';
import { create, dayFromToday, list } from './ledgers/helpers';
import {
  fingerprintOnOwnScreen, importPaths, ledgerTotalOnScreen, LI, openSync, QINGSHI, receiptStatuses, setUpDevice, syncWith, trustAfterChecking, ZHAO,
  type DeviceCard, type PersonSetup,
} from './syncSteps';

// Four installations and a dozen syncs on a busy two-core machine.
test.describe.configure({ timeout: 240_000 });

const SHI: PersonSetup = { role: 'secretary', name: '刘芳', ...QINGSHI, villages: [{ name: '石桥村' }] };
// The district organisation department keeps two townships: 青石镇's file fills one of them.
const DISTRICT: PersonSetup = { role: 'district', name: '周强', unit: '临河县委组织部', unitLevel: 'county', townships: ['青石镇', '白河镇'] };

interface Receipt {
  status: string;
  forks?: { deviceId: string; self: boolean }[];
  enrolled?: { deviceId: string; issuer: string }[];
}

/** 立即同步 over the contract with the shared folder: nothing refused. */
async function syncOverContract(app: HostedApp, folder: string): Promise<{ receipts: Receipt[] }> {
  const result = await app.call<{ receipts: Receipt[] }>('sync.now', { folder });
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  expect(result.value!.receipts.map((r) => r.status).filter((s) => s === 'refused'), JSON.stringify(result.value!.receipts)).toEqual([]);
  return result.value!;
}

/** Syncs, trusts the coordinator its file offers (as the trust card would), and syncs again. */
async function trustCoordinator(app: HostedApp, folder: string, coordinatorId: string): Promise<void> {
  const first = await app.call<{ receipts: { refusal: { devices: { deviceId: string; publicKey: string }[] } | null }[] }>('sync.now', { folder });
  const card = first.value!.receipts.flatMap((r) => r.refusal?.devices ?? []).find((d) => d.deviceId === coordinatorId)!;
  const trusted = await app.call('devices.trust', { deviceId: coordinatorId, publicKey: card.publicKey, name: '赵敏', role: 'coordinator', villages: [], township: '青石镇' });
  expect(trusted.ok, JSON.stringify(trusted.error)).toBe(true);
  expect((await app.call('sync.now', { folder })).ok).toBe(true);
}

function tempFolder(name: string): string {
  return mkdtempSync(join(tmpdir(), `cunji-${name}-`));
}

/** Households, visits and needs of one village, recorded over the contract (the ledgers have their own journeys). */
async function recordVillage(app: HostedApp, villageId: string, heads: string[], visitsEach: number, needs: number): Promise<string[]> {
  const ids: string[] = [];
  for (const headName of heads) {
    const household = await create(app, 'households', { villageId, headName, villagerGroup: '第一村民小组', category: 'ordinary' });
    ids.push(household.id);
    for (let i = 0; i < visitsEach; i++) {
      await create(app, 'visits', { villageId, householdId: household.id, visitDate: dayFromToday(-1 - i), mode: 'home', situation: `第${i + 1}次走访` });
    }
  }
  for (let i = 0; i < needs; i++) {
    await create(app, 'needs', { villageId, householdId: ids[0], category: 'road', status: 'open', content: `诉求${i + 1}` });
  }
  return ids;
}

/** Per village: households, visits and needs, as the store lists them. */
async function figures(app: HostedApp): Promise<Record<string, { households: number; visits: number; needs: number }>> {
  const villages = (await app.call<{ items: { id: string; name: string }[] }>('villages.list')).value!.items;
  const out: Record<string, { households: number; visits: number; needs: number }> = {};
  for (const v of villages) {
    out[v.name] = {
      households: (await list(app, 'households', { villageId: v.id })).length,
      visits: (await list(app, 'visits', { villageId: v.id })).length,
      needs: (await list(app, 'needs', { villageId: v.id })).length,
    };
  }
  return out;
}

/** What a person reads on screen: villages on the device screen, and the totals of three ledgers. */
async function figuresOnScreen(person: HostedProfile): Promise<string[]> {
  const { page } = person;
  await page.getByTestId('nav-device').click();
  const villages = (await page.getByTestId('overview-village-count').innerText()).replace(/\s+/g, '');
  return [villages, await ledgerTotalOnScreen(page, 'households'), await ledgerTotalOnScreen(page, 'visits'), await ledgerTotalOnScreen(page, 'needs')];
}

test('two secretaries, a coordinator and the district: sync, trust, a conflict resolved, the township file imported', async ({ hosts }) => {
  const shared = tempFolder('shared');
  const report = tempFolder('report');
  try {
    const [li, shi, zhao, district] = await Promise.all([hosts.start('li'), hosts.start('shi'), hosts.start('zhao'), hosts.start('district')]);
    const [liDevice, shiDevice, zhaoDevice] = await Promise.all([setUpDevice(li, LI), setUpDevice(shi, SHI), setUpDevice(zhao, ZHAO), setUpDevice(district, DISTRICT)]);
    const [[liHouse]] = await Promise.all([
      recordVillage(li, liDevice.villageIds[0]!, ['王大山', '李秀英'], 2, 1),
      recordVillage(shi, shiDevice.villageIds[0]!, ['刘长顺'], 1, 2),
    ]);

    // The owners read their fingerprints off their own device screen (as they would over the phone);
    // the district's window opens meanwhile. 刘芳 works over the contract: hers is as stored.
    const [liPrint, zhaoPrint] = await Promise.all([fingerprintOnOwnScreen(li), fingerprintOnOwnScreen(zhao), openSync(district.page, district)]);
    const shiPrint = shiDevice.keyFingerprint;

    // 王建国 syncs first: his file is written, nobody else's is there yet.
    await openSync(li.page, li);
    await expect(li.page.getByTestId('sync-last')).toHaveText('从未同步');
    await syncWith(li.page, shared);
    await expect(li.page.getByTestId('sync-exported')).toContainText('条改动');
    await expect(li.page.getByTestId('sync-no-files')).toBeVisible();
    await expect(li.page.getByTestId('sync-last')).toContainText('上次同步');
    expect(readdirSync(join(shared, liDevice.deviceId))).toHaveLength(1);

    // 刘芳 syncs: 王建国's file is not hers to trust, and nothing of his comes in.
    const shiSync = await shi.call<{ receipts: { status: string; producer: string }[] }>('sync.now', { folder: shared });
    expect(shiSync.value!.receipts).toEqual([expect.objectContaining({ status: 'refused', producer: liDevice.deviceId })]);
    expect((await shi.call<{ items: unknown[] }>('villages.list')).value!.items).toHaveLength(1);

    // The coordinator syncs: two files from devices it does not know; each is checked and trusted.
    await openSync(zhao.page, zhao);
    await syncWith(zhao.page, shared);
    await expect(receiptStatuses(zhao.page)).toHaveText(['未导入', '未导入']);
    await expect(zhao.page.getByTestId('sync-summary')).toHaveText('读了 2 个文件：导入 0 个，未导入 2 个');
    await expect(zhao.page.getByTestId('sync-receipt').filter({ hasText: '王建国 的文件' })).toHaveCount(1);
    // Trusting imports the held files again at once, no second click: 王建国's now, 刘芳's once she is trusted too.
    const receiptOf = (name: string) => zhao.page.getByTestId('sync-receipt').filter({ hasText: `${name} 的文件` });
    await trustAfterChecking(zhao.page, liDevice, { name: '王建国', fingerprint: liPrint, scope: '李家村' });
    await expect(receiptOf('王建国').locator('.ant-tag')).toHaveText('已导入');
    await expect(receiptOf('刘芳').locator('.ant-tag')).toHaveText('未导入');
    await trustAfterChecking(zhao.page, shiDevice, { name: '刘芳', fingerprint: shiPrint, scope: '石桥村' });
    await expect(receiptOf('刘芳').locator('.ant-tag')).toHaveText('已导入');
    await expect(receiptOf('刘芳')).toContainText('刘芳：');
    await expect(zhao.page.getByTestId('sync-devices')).toContainText('王建国');
    await expect(zhao.page.getByTestId('sync-devices')).toContainText('刘芳');
    // Both villages side by side.
    await zhao.page.getByTestId('nav-villages').click();
    await expect(zhao.page.getByTestId('villages-table')).toContainText('李家村');
    await expect(zhao.page.getByTestId('villages-table')).toContainText('石桥村');
    const before = await figures(zhao);
    expect(before).toEqual({ 李家村: { households: 2, visits: 4, needs: 1 }, 石桥村: { households: 1, visits: 1, needs: 2 } });

    // The planted conflict: the coordinator and 王建国 each name another helper for 王大山,
    // neither having seen the other's edit.
    expect((await zhao.call('households.update', { id: liHouse, patch: { helperName: '张华' } })).ok).toBe(true);
    expect((await li.call('households.update', { id: liHouse, patch: { helperName: '李明' } })).ok).toBe(true);
    await syncWith(li.page, shared);
    // The coordinator's file is not yet trusted here: it says so in plain words, and 王建国 leaves it for now.
    await expect(li.page.getByTestId('sync-receipt').filter({ hasText: '未导入' }).first()).toContainText('文件来自本机还没有信任的设备');
    // One device's card may show under several of its files (each trust re-synced the coordinator,
    // who wrote a file each time): leaving one leaves them all, so the first card is taken each time.
    const cards = li.page.locator('[data-testid^="trust-card-"]');
    for (let left = await cards.count(); left > 0; left = await cards.count()) {
      await cards.first().getByTestId('trust-dismiss').click();
      await expect(cards).not.toHaveCount(left);
    }
    await expect(cards).toHaveCount(0);
    await openSync(zhao.page, zhao);
    await syncWith(zhao.page, shared);
    await expect(zhao.page.getByTestId('sync-receipt').filter({ hasText: '已导入' })).toContainText('冲突 1 处');
    await expect(zhao.page.getByTestId('nav-sync-overdue')).toHaveText('1');

    // The coordinator opens the conflict, sees both values with who wrote them, keeps 王建国's.
    await zhao.page.getByTestId('sync-tab-conflicts').click();
    const heads = zhao.page.getByTestId('conflicts').getByTestId('conflict-head');
    await expect(heads).toHaveCount(2);
    await expect(zhao.page.getByTestId('conflicts')).toContainText('帮扶责任人');
    await expect(zhao.page.getByTestId('conflict-record')).toContainText('王大山');
    const liHead = heads.filter({ hasText: '李明' });
    await expect(liHead).toContainText('王建国');
    await expect(heads.filter({ hasText: '张华' })).toContainText('赵敏');
    await liHead.getByTestId('conflict-choose').click();
    await expect(zhao.page.getByTestId('conflicts')).toContainText('没有需要处理的冲突');
    await expect(zhao.page.getByTestId('nav-sync-overdue')).toHaveCount(0);
    expect((await zhao.call<{ items: unknown[] }>('conflicts.list')).value!.items).toEqual([]);
    expect((await zhao.call<{ helperName: string }>('households.get', { id: liHouse })).value!.helperName).toBe('李明');

    // The township file for the district, written to another folder (a USB stick), in full.
    await zhao.page.getByRole('tab', { name: '同步' }).click();
    await zhao.page.getByTestId('sync-folder').fill(report);
    await zhao.page.getByTestId('sync-full').check();
    await zhao.page.getByTestId('sync-export').click();
    // The path on screen is the file written, to copy and send on (the sync's result shows until then).
    await expect(zhao.page.getByTestId('sync-exported-file')).toContainText(report);
    await expect(zhao.page.getByTestId('sync-exported')).toContainText('已导出');
    const townshipFile = (await zhao.page.getByTestId('sync-exported-file').innerText()).trim();
    expect(readdirSync(join(report, zhaoDevice.deviceId)).map((f) => join(report, zhaoDevice.deviceId, f))).toEqual([townshipFile]);

    // The district first gets a copy cut short (a pulled USB stick): refused in plain words, nothing stored.
    const truncated = join(report, '青石镇-不完整.cunji');
    const bytes = readFileSync(townshipFile);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await importPaths(district.page, [truncated]);
    await expect(receiptStatuses(district.page)).toHaveText(['未导入']);
    await expect(district.page.getByTestId('sync-receipt')).toContainText('未导入：文件不完整，可能没有复制完');
    await expect(district.page.locator('[data-testid^="trust-card-"]')).toHaveCount(0);
    expect((await district.call<{ items: unknown[] }>('villages.list')).value!.items).toEqual([]);
    expect((await district.call<{ trusted: unknown[] }>('devices.list')).value!.trusted).toEqual([]);

    // Then the whole file: three devices to trust (the coordinator and the two secretaries it relays).
    await importPaths(district.page, [townshipFile]);
    await expect(receiptStatuses(district.page)).toHaveText(['未导入']);
    // The secretaries' devices come with the coordinator's enrolment: the district checks and
    // trusts 赵敏 alone, and the two she vouched for are accepted on her word, and said to be.
    await expect(district.page.getByTestId(`trust-vouched-by-${liDevice.deviceId}`)).toContainText('赵敏');
    await expect(district.page.getByTestId(`trust-vouched-by-${shiDevice.deviceId}`)).toContainText('赵敏');
    await trustAfterChecking(district.page, zhaoDevice, { name: '赵敏', fingerprint: zhaoPrint, scope: '青石镇' });
    // Trusting imports the held file again at once: no second click.
    await expect(receiptStatuses(district.page)).toHaveText(['已导入']);
    await expect(district.page.getByTestId('receipt-enrolled')).toContainText('赵敏');
    await expect(district.page.getByTestId('receipt-enrolled')).toContainText('王建国');
    await expect(district.page.getByTestId('receipt-enrolled')).toContainText('刘芳');

    // The same figures, on screen and in the store, and the conflict's outcome with them: the
    // district sees 青石镇's villages side by side, its own two townships named in the header.
    expect(await figures(district)).toEqual(before);
    // The count is read again as a screen opens, so each is asked until it answers (a stale
    // figure showing for a moment is not what is checked; the figures after an import are). One
    // asking opens four screens, which on a loaded machine can alone take the default 10 s.
    const onDistrictScreen = ['帮扶村2个', '共 3 条', '共 5 条', '共 3 条'];
    await expect.poll(() => figuresOnScreen(district), { timeout: 30_000 }).toEqual(onDistrictScreen);
    await expect.poll(() => figuresOnScreen(zhao), { timeout: 30_000 }).toEqual(onDistrictScreen);
    await expect(district.page.getByTestId('header-who')).toHaveText('周强 · 区县组织部 · 青石镇、白河镇');
    await district.page.getByTestId('nav-villages').click();
    await expect(district.page.getByTestId('villages-table')).toContainText('李家村');
    await expect(district.page.getByTestId('villages-table')).toContainText('石桥村');
    expect((await district.call<{ helperName: string }>('households.get', { id: liHouse })).value!.helperName).toBe('李明');
    expect((await district.call<{ items: unknown[] }>('conflicts.list')).value!.items).toEqual([]);

    // 刘芳 and 王建国 trust the coordinator now, so the township's files reach them.
    for (const app of [shi, li]) await trustCoordinator(app, shared, zhaoDevice.deviceId);
    // 王建国's laptop is restored from a backup: the copy of his data folder taken now is opened
    // again later, after he recorded more, and writes on under the same device.
    const backup = join(tempFolder('backup'), 'cunji.sqlite');
    const liDb = new Database(join(li.dataDir, 'cunji.sqlite'), { readonly: true });
    liDb.prepare('VACUUM INTO ?').run(backup);
    liDb.close();
    await create(li, 'households', { villageId: liDevice.villageIds[0], headName: '备份后户', villagerGroup: '第二村民小组', category: 'ordinary' });
    await syncOverContract(li, shared);
    await syncOverContract(zhao, shared);
    const restored = await hosts.start('li-restored', (dataDir) => copyFileSync(backup, join(dataDir, 'cunji.sqlite')));
    expect((await restored.call<{ profile: DeviceCard }>('device.status')).value!.profile.deviceId).toBe(liDevice.deviceId);
    await create(restored, 'households', { villageId: liDevice.villageIds[0], headName: '恢复后户', villagerGroup: '第三村民小组', category: 'ordinary' });
    await syncOverContract(restored, shared);

    // The coordinator keeps both of his histories and reads in plain words what happened.
    await openSync(zhao.page, zhao);
    await syncWith(zhao.page, shared);
    await expect(receiptStatuses(zhao.page)).toHaveText(['已导入']);
    await expect(zhao.page.getByTestId('sync-receipt')).toContainText('王建国 的电脑写出了两份不同的记录');
    // 刘芳 and the coordinator keep receiving each other's files; the restored laptop learns it was copied.
    await create(shi, 'households', { villageId: shiDevice.villageIds[0], headName: '石桥新户', villagerGroup: '第二村民小组', category: 'ordinary' });
    await syncOverContract(shi, shared);
    await syncOverContract(zhao, shared);
    const learnt = await syncOverContract(restored, shared);
    expect(learnt.receipts.flatMap((r) => r.forks ?? [])).toContainEqual(expect.objectContaining({ deviceId: liDevice.deviceId, self: true }));
    // At its next start it is a new device its old key vouches for: accepted without a person's decision.
    await restored.restart();
    const successor = (await restored.call<{ profile: DeviceCard }>('device.status')).value!.profile;
    expect(successor.deviceId).not.toBe(liDevice.deviceId);
    await create(restored, 'households', { villageId: liDevice.villageIds[0], headName: '新身份户', villagerGroup: '第四村民小组', category: 'ordinary' });
    await syncOverContract(restored, shared);
    const atZhao = await syncOverContract(zhao, shared);
    expect(atZhao.receipts.flatMap((r) => r.enrolled ?? [])).toContainEqual(expect.objectContaining({ deviceId: successor.deviceId, issuer: liDevice.deviceId }));
    await syncOverContract(shi, shared);
    await syncOverContract(li, shared);
    const liHeads = async (app: HostedApp) => (await list(app, 'households', { villageId: liDevice.villageIds[0] })).map((h) => String(h['headName'])).sort();
    expect(await liHeads(zhao)).toEqual(expect.arrayContaining(['备份后户', '恢复后户', '新身份户']));
    expect(await liHeads(li)).toEqual(await liHeads(zhao));
    const shiReads = await shi.call<{ receipts: Receipt[] }>('sync.importFiles', { paths: [shared] });
    expect(shiReads.value!.receipts.every((r) => r.status !== 'refused')).toBe(true);
    expect((await list(zhao, 'households', { villageId: shiDevice.villageIds[0] })).length).toBe(2);
  } finally {
    rmSync(shared, { recursive: true, force: true });
    rmSync(report, { recursive: true, force: true });
  }
});

test('the header says offline and online as the connection goes and comes, and when the last sync was', async ({ page, app }) => {
  await setUpDevice(app, LI);
  const shared = tempFolder('indicator');
  try {
    await page.goto(app.url());
    const indicator = page.getByTestId('sync-indicator');
    const connection = page.getByTestId('sync-indicator-connection');
    const last = page.getByTestId('sync-indicator-last');
    await expect(connection).toHaveText('在线');
    await expect(indicator).toHaveAttribute('data-online', 'true');
    await expect(last).toHaveText('从未同步');

    // The browser's own offline / online events, as when the cable is pulled and put back.
    await page.context().setOffline(true);
    await expect(connection).toHaveText('离线');
    await expect(indicator).toHaveAttribute('data-online', 'false');
    await page.context().setOffline(false);
    await expect(connection).toHaveText('在线');
    await expect(indicator).toHaveAttribute('data-online', 'true');

    // Clicking it opens the sync screen; a sync shows at once in the header, and stays after a reload.
    await indicator.click();
    await expect(page.getByTestId('sync-screen')).toBeVisible();
    await syncWith(page, shared);
    await expect(last).toHaveText('上次同步：刚刚');
    // The page's own storage emptied (the browser host on another port is another origin): the
    // database remembers the sync and its folder, so neither the header nor the box forgets them.
    await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear());
    await page.reload();
    await expect(last).toHaveText('上次同步：刚刚');
    await expect(page.getByTestId('sync-folder')).toHaveValue(shared);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: '/tmp/shots-sync/header-last-sync-after-reload.png' });
    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await expect(last).toHaveText('Last synced just now');
    await expect(connection).toHaveText('Online');
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});

test('a saved folder syncs with one click; a WebDAV password is kept but never shown; a failing place is named in the header', async ({ page, app }) => {
  await setUpDevice(app, LI);
  const shared = tempFolder('target');
  try {
    await openSync(page, app);
    const targets = page.getByTestId('sync-targets');
    await expect(targets).toContainText('还没有保存同步位置');

    // A shared folder, saved once, then synced with its own button.
    await page.getByTestId('sync-target-add').click();
    const form = page.getByTestId('sync-target-form');
    await form.getByLabel('名称').fill('镇里共享盘');
    await form.getByLabel('同步文件夹').fill(shared);
    await form.getByRole('checkbox', { name: '自动同步' }).uncheck();
    await page.getByTestId('sync-target-save').click();
    await expect(form).toBeHidden();
    const folderRow = targets.locator('[data-testid^="sync-target-"]').filter({ hasText: '镇里共享盘' });
    await expect(folderRow.getByTestId('sync-target-status')).toHaveText('还没有成功同步过');
    await folderRow.getByTestId('sync-target-run').click();
    await expect(page.getByTestId('sync-exported')).toContainText('已导出');
    await expect(folderRow.getByTestId('sync-target-status')).toContainText('上次成功：');
    await expect(page.getByTestId('sync-indicator-last')).toHaveText('上次同步：刚刚');
    expect(readdirSync(shared)).toHaveLength(1);

    // WebDAV with a password: saved, said to be kept, and never sent back to the screen.
    const password = 'Jianguoyun-app-pass-7';
    await page.getByTestId('sync-target-add').click();
    await form.getByTestId('sync-target-kind').getByText('WebDAV 网盘').click();
    await form.getByLabel('名称').fill('坚果云');
    // Nothing listens on port 9: the place cannot be reached.
    await form.getByLabel('WebDAV 地址').fill('http://127.0.0.1:9/dav/cunji');
    await form.getByLabel('用户名').fill('zhaomin@example.com');
    await form.getByLabel('密码').fill(password);
    await form.getByRole('checkbox', { name: '自动同步' }).uncheck();
    await page.getByTestId('sync-target-save').click();
    await expect(form).toBeHidden();
    const davRow = targets.locator('[data-testid^="sync-target-"]').filter({ hasText: '坚果云' });
    await expect(davRow.getByTestId('sync-target-password')).toHaveText('已保存密码');
    expect(await page.content()).not.toContain(password);
    const stored = await app.call('sync.targets');
    expect(JSON.stringify(stored)).not.toContain(password);

    // Syncing with it fails in plain words, and the header names the failing place.
    await davRow.getByTestId('sync-target-run').click();
    await expect(page.getByTestId('sync-failure')).toContainText('同步失败：连不上同步位置');
    await expect(davRow.getByTestId('sync-target-status')).toContainText('同步失败');
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-failing', 'true');
    await expect(page.getByTestId('sync-indicator-last')).toHaveText('同步失败');

    // Deleted, it is gone, and the header no longer warns.
    await davRow.getByTestId('sync-target-delete').click();
    await page.getByTestId('sync-target-delete-confirm').click();
    await expect(davRow).toHaveCount(0);
    expect(JSON.stringify((await app.call('sync.targets')).value)).not.toContain('坚果云');
    await page.reload();
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-failing', 'false');
    await expect(page.getByTestId('sync-indicator-last')).toHaveText('上次同步：刚刚');
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});
