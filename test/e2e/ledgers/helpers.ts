// Shared steps of the ledger journeys: a secretary with one village set up over the contract
// (no village picker on any form), rows created and read back through `app.call`, and the
// few antd widgets (select, date, row actions) driven the way a person drives them.
import type { Locator, Page } from '@playwright/test';
import { expect, type HostedApp } from '../fixtures';

export type Row = { id: string; villageId: string; refNames: Record<string, string> } & Record<string, unknown>;

/** Set the device up as a secretary posted to one village; returns that village's id. */
export async function setUpSecretary(app: HostedApp): Promise<string> {
  const setup = await app.call('device.setup', {
    role: 'secretary',
    name: '王建国',
    unit: '临河县农业农村局',
    unitLevel: 'county',
    township: '青石镇',
    county: '临河县',
    villages: [{ name: '李家村' }],
  });
  expect(setup.ok, JSON.stringify(setup.error)).toBe(true);
  const villages = await app.call<{ items: { id: string }[] }>('villages.list');
  const id = villages.value?.items[0]?.id;
  expect(id).toBeTruthy();
  return id!;
}

/** Every stored row of a ledger (one village only, so no paging concerns at these sizes). */
export async function list(app: HostedApp, noun: string, query: Record<string, unknown> = {}): Promise<Row[]> {
  const result = await app.call<{ items: Row[] }>(`${noun}.list`, { offset: 0, limit: 500, ...query });
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value!.items;
}

/** Create a row over the contract, for state a journey starts from. */
export async function create(app: HostedApp, noun: string, record: Record<string, unknown>): Promise<Row> {
  const result = await app.call<Row>(`${noun}.create`, record);
  expect(result.ok, `${noun}.create: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value!;
}

/** Open the app on one ledger screen from the menu. */
export async function openLedger(page: Page, app: HostedApp, noun: string): Promise<void> {
  if (!page.url().startsWith(app.url())) await page.goto(app.url());
  await page.getByTestId(`nav-${noun}`).click();
  await expect(page.getByTestId(`ledger-${noun}`)).toBeVisible();
}

/** The options of the select dropdown now open. */
export function openOptions(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
}

/** Choose `label` in the select whose input is `#fieldId`. */
export async function choose(page: Page, fieldId: string, label: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await openOptions(page).filter({ hasText: new RegExp(`^${label}$`) }).click();
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
}

/** Search a reference picker (`#fieldId`) by `typed` and choose the option reading `label`. */
export async function chooseReference(page: Page, fieldId: string, typed: string, label: string | RegExp): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await page.locator(`#${fieldId}`).fill(typed);
  await openOptions(page).filter({ hasText: label }).click();
}

/** Type an ISO date into the date picker `#fieldId` and accept it with Enter. */
export async function typeDate(page: Page, fieldId: string, iso: string): Promise<void> {
  const input = page.locator(`#${fieldId}`);
  await input.click();
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toBeVisible();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(iso);
  await input.press('Enter');
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toHaveCount(0);
  await expect(input).toHaveValue(iso);
}

/** Today plus `days`, in China's calendar (UTC+8), as the host and the renderer both count days. */
export function dayFromToday(days: number): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Submit the form of `noun` and wait until it closes (the write was accepted). */
export async function submitAndClose(page: Page, noun: string): Promise<void> {
  await page.getByTestId(`ledger-form-${noun}-submit`).click();
  await expect(page.getByTestId(`ledger-form-${noun}`)).toBeHidden();
}

/** Submit the form of `noun` expecting a refusal: the form stays open. */
export async function submitRefused(page: Page, noun: string, fieldId: string, message: string): Promise<void> {
  await page.getByTestId(`ledger-form-${noun}-submit`).click();
  await expect(page.locator(`#${fieldId}_help`)).toHaveText(message);
  await expect(page.getByTestId(`ledger-form-${noun}`)).toBeVisible();
}

/** Close the open form, filled in, without saving: Esc, and discard when it asks. */
export async function cancelForm(page: Page, noun: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-confirm').click();
  await expect(page.getByTestId(`ledger-form-${noun}`)).toBeHidden();
}

/** Delete a row from its table, confirming, and check it is gone from the store. */
export async function deleteRow(page: Page, app: HostedApp, noun: string, id: string): Promise<void> {
  await page.getByTestId(`ledger-delete-${id}`).click();
  await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('ledger-delete-confirm').click();
  await expect(page.getByTestId(`ledger-row-${id}`)).toHaveCount(0);
  expect((await app.call(`${noun}.get`, { id })).error?.code).toBe('NOT_FOUND');
}

/** Type into the ledger's search box and check which rows the table then shows. */
export async function search(page: Page, noun: string, text: string, shown: string[], hidden: string[]): Promise<void> {
  await page.getByTestId(`ledger-${noun}-search`).fill(text);
  const table = page.getByTestId(`ledger-${noun}-table`);
  for (const id of shown) await expect(table.getByTestId(`ledger-row-${id}`)).toBeVisible();
  for (const id of hidden) await expect(table.getByTestId(`ledger-row-${id}`)).toHaveCount(0);
}

/** The row of a table reading `text` (one only), and its id. */
export async function rowIdByText(page: Page, noun: string, text: string): Promise<string> {
  const row = page.getByTestId(`ledger-${noun}-table`).locator('[data-testid^="ledger-row-"]').filter({ hasText: text });
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-testid'))!.replace('ledger-row-', '');
}
