// Shared steps of the sync journeys: a person's device set up over the contract, the sync
// screen opened from the menu, a folder synced by typing it and clicking 同步, files imported by
// path, and an unknown device trusted only after its fingerprint matches the one its owner reads
// off their own screen.
import type { Page } from '@playwright/test';
import { expect, type HostedApp, type HostedProfile } from './fixtures';

export interface PersonSetup {
  role: 'secretary' | 'coordinator' | 'district';
  name: string;
  unit: string;
  unitLevel: 'province' | 'city' | 'county' | 'soe' | 'township';
  /** A secretary's or coordinator's township; a district lists `townships` instead. */
  township?: string;
  townships?: string[];
  county?: string;
  villages?: { name: string }[];
}

export const QINGSHI = { unit: '临河县农业农村局', unitLevel: 'county', township: '青石镇' } as const;
export const LI: PersonSetup = { role: 'secretary', name: '王建国', ...QINGSHI, villages: [{ name: '李家村' }] };
export const ZHAO: PersonSetup = { role: 'coordinator', name: '赵敏', unit: '青石镇人民政府', unitLevel: 'township', township: '青石镇' };

export interface DeviceCard {
  deviceId: string;
  keyFingerprint: string;
  villageIds: string[];
}

/** Set a device up (the first-run form has its own journey) and return who it now is. */
export async function setUpDevice(app: HostedApp, person: PersonSetup): Promise<DeviceCard> {
  const setup = await app.call('device.setup', { county: '临河县', villages: [], ...person });
  expect(setup.ok, JSON.stringify(setup.error)).toBe(true);
  const status = await app.call<{ setUp: true; profile: DeviceCard }>('device.status');
  return status.value!.profile;
}

/** The key fingerprint as the device's owner reads it off their own device screen (本机与设置). */
export async function fingerprintOnOwnScreen(person: HostedProfile): Promise<string> {
  await person.page.goto(person.url());
  await person.page.getByTestId('nav-device').click();
  const shown = (await person.page.getByTestId('key-fingerprint').first().innerText()).trim();
  expect(shown).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
  return shown;
}

export async function openSync(page: Page, app: HostedApp): Promise<void> {
  if (!page.url().startsWith(app.url())) await page.goto(app.url());
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-screen')).toBeVisible();
}

/** Type the shared folder and click 立即同步; waits for the result. */
export async function syncWith(page: Page, folder: string): Promise<void> {
  await page.getByTestId('sync-folder').fill(folder);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).toBeEnabled();
  await expect(page.getByTestId('sync-result')).toBeVisible();
}

/** Type file paths into the import box (one a line) and click 导入文件; waits for the receipts. */
export async function importPaths(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('sync-paths').fill(paths.join('\n'));
  await page.getByTestId('sync-import').click();
  await expect(page.getByTestId('sync-import')).toBeEnabled();
  await expect(page.getByTestId('sync-result')).toBeVisible();
}

/**
 * The trust card of a device: check the name and scope it claims and that its fingerprint is the
 * one its owner reads out, then trust it.
 */
export async function trustAfterChecking(page: Page, device: DeviceCard, expected: { name: string; fingerprint: string; scope: string }): Promise<void> {
  const card = page.getByTestId(`trust-card-${device.deviceId}`).first();
  await expect(card).toContainText(expected.name);
  await expect(card).toContainText(expected.scope);
  await expect(card.getByTestId('trust-fingerprint')).toHaveText(expected.fingerprint);
  await card.getByTestId('trust-device').click();
  await expect(page.getByTestId(`trust-card-${device.deviceId}`)).toHaveCount(0);
}

/** The receipts on screen, as their status tags read. */
export function receiptStatuses(page: Page) {
  return page.getByTestId('sync-receipt').locator('.ant-tag');
}

/** The total a ledger screen's pager reads ("共 3 条"), opened from the menu. */
export async function ledgerTotalOnScreen(page: Page, noun: string): Promise<string> {
  await page.getByTestId(`nav-${noun}`).click();
  const total = page.getByTestId(`ledger-${noun}`).locator('.ant-pagination-total-text');
  await expect(total).toBeVisible();
  return (await total.innerText()).trim();
}

interface Receipts {
  receipts: { status: string; refusal: { reason: string; devices: { deviceId: string; publicKey: string; name: string; role: string; township: string | null; villages: { id: string }[] }[] } | null }[];
}

/**
 * Import a file over the contract, trusting its (unknown) device as offered and importing again:
 * for journeys whose subject is not the trust card, which has its own.
 */
export async function trustAndImport(app: HostedApp, file: string): Promise<void> {
  const first = await app.call<Receipts>('sync.importFiles', { paths: [file] });
  const offered = first.value!.receipts[0]!.refusal!.devices[0]!;
  const trusted = await app.call('devices.trust', {
    deviceId: offered.deviceId,
    publicKey: offered.publicKey,
    name: offered.name,
    role: offered.role,
    villages: offered.villages.map((v) => v.id),
    ...(offered.role !== 'secretary' ? { township: offered.township } : {}),
  });
  expect(trusted.ok, JSON.stringify(trusted.error)).toBe(true);
  const again = await app.call<Receipts>('sync.importFiles', { paths: [file] });
  expect(again.value!.receipts.map((r) => r.status)).toEqual(['imported']);
}

/** Export this device's changes into a fresh folder over the contract; the new file's path. */
export async function exportOverContract(app: HostedApp, folder: string): Promise<{ file: string; encrypted?: boolean }> {
  const exported = await app.call<{ file: string; encrypted?: boolean }>('sync.exportFile', { path: folder });
  expect(exported.ok, JSON.stringify(exported.error)).toBe(true);
  return exported.value!;
}
