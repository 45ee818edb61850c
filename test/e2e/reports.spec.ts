// Reports as a township coordinator makes them (the demo's 青石镇): the township summary for last
// month and the public notice of the monitored households exported as Excel from the report
// screen and downloaded, then read back — the summary's rows and totals are the township
// dashboard's, and the notice holds no full ID number and no phone. The print page of a year's
// visits and needs becomes a PDF of many pages whose table header and period footer are on each.
// A visit given a photo shows its thumbnail beside it, ticked on the screen (附照片缩略图): an image
// anchored in its row of the Excel file, and an image in the PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, test, type HostedApp } from './fixtures';
import { openOptions } from './ledgers/helpers';

test.describe.configure({ timeout: 180_000 });

interface Sheet {
  header: string[];
  body: ExcelJS.CellValue[][];
  formats: string[];
}

/** A workbook's sheets: the header is the frozen row, the body every row under it. */
async function readSheets(file: string): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((ws) => {
    const headerRow = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 1;
    const width = ws.columnCount;
    const cells = (r: number) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1));
    const body: ExcelJS.CellValue[][] = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) body.push(cells(r).map((c) => c.value));
    return { header: cells(headerRow).map((c) => String(c.value ?? '')), body, formats: cells(headerRow + 1).map((c) => c.numFmt ?? '') };
  });
}

async function shownPeriod(page: Page): Promise<{ from: string; to: string }> {
  const [from, to] = (await page.getByTestId('period-days').innerText()).match(/\d{4}-\d{2}-\d{2}/g)!;
  return { from: from!, to: to! };
}

async function pickReport(page: Page, label: string): Promise<void> {
  await page.getByTestId('report-kind').click();
  await openOptions(page).filter({ hasText: label }).first().click();
  await expect(page.getByTestId('report-title')).toContainText(label.includes('公示') ? '公示' : label.slice(-3));
}

/** Clicks 导出 Excel and keeps the file the browser downloads. */
async function downloadXlsx(page: Page, dir: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = join(dir, (await download).suggestedFilename());
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-done')).toBeVisible();
  return file;
}

async function value<T>(app: HostedApp, method: string, input?: unknown): Promise<T> {
  const result = await app.call<T>(method, input);
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value!;
}

interface Measures {
  households: number;
  visitedHouseholds: number;
  visits: number;
  coverage: number | null;
  needsSolved: number;
  needsOverdue: number;
  plans: number;
  plansDone: number;
}
const COMPARED = ['households', 'visitedHouseholds', 'visits', 'coverage', 'needsSolved', 'needsOverdue', 'plans', 'plansDone'] as const;

test('a coordinator exports last month’s township summary and the public notice of monitored households, and prints a long ledger', async ({ page, app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-reports-'));
  try {
    expect((await app.call('demo.load')).ok).toBe(true);
    await page.goto(app.url());
    await page.getByTestId('nav-reports').click();
    await expect(page.getByTestId('reports-screen')).toBeVisible();

    // 镇街汇总表 for last month (the coordinator's default report is the summary of her township).
    await pickReport(page, '镇街汇总表');
    await page.getByTestId('period-kind').click();
    await openOptions(page).filter({ hasText: '上月' }).click();
    const period = await shownPeriod(page);
    await expect(page.getByTestId('report-title-row').first()).toContainText(`${period.from} 至 ${period.to}`);
    const summaryFile = await downloadXlsx(page, dir);
    expect(summaryFile.endsWith('.xlsx')).toBe(true);

    const dashboard = await value<{ rows: (Measures & { name: string })[]; totals: Measures }>(app, 'dashboard.township', period);
    const columns = (await value<{ tables: { columns: { key: string; header: string }[] }[] }>(app, 'reports.preview', { report: 'summary', scope: 'township', ...period })).tables[0]!.columns;
    const [sheet] = await readSheets(summaryFile);
    expect(sheet!.header).toEqual(columns.map((c) => c.header));
    const at = (key: string) => columns.findIndex((c) => c.key === key);
    expect(sheet!.formats[at('coverage')]).toContain('%');
    const dataRows = sheet!.body.filter((row) => row[0] !== '合计' && row[0] !== null && row[0] !== '');
    expect(dataRows.map((row) => row[at('village')]).sort()).toEqual(dashboard.rows.map((r) => r.name).sort());
    const expectSame = (row: ExcelJS.CellValue[], measures: Measures, what: string) => {
      for (const key of COMPARED) {
        const expected = measures[key];
        if (key === 'coverage') expect(row[at(key)] as number | null, `${what} ${key}`).toBeCloseTo(expected ?? Number.NaN, 9);
        else expect(row[at(key)], `${what} ${key}`).toBe(expected);
      }
    };
    for (const village of dashboard.rows) expectSame(dataRows.find((row) => row[at('village')] === village.name)!, village, village.name);
    const totals = sheet!.body.find((row) => row[0] === '合计');
    expect(totals, 'the totals row').toBeTruthy();
    expectSame(totals!, dashboard.totals, 'totals');

    // The public notice of the monitored households: no full ID number, no phone, whatever is ticked.
    await pickReport(page, '防返贫监测对象名单（公示版）');
    await expect(page.getByTestId('report-show-full')).toBeDisabled();
    await expect(page.getByTestId('report-notice-reason')).toBeVisible();
    const noticeFile = await downloadXlsx(page, dir);
    await expect(page.getByTestId('report-thumbnails')).toHaveCount(0); // a notice has no photos

    // A photo on a visit of the period; 走访与诉求台账 with 附照片缩略图 ticked: its image in the visit's row.
    const visitList = await value<{ items: { id: string; villageId: string; visitDate: string }[] }>(app, 'visits.list', { limit: 500 });
    const visit = visitList.items.find((v) => v.visitDate >= period.from && v.visitDate <= period.to)!;
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();
    await value(app, 'attachments.add', { ledger: 'visits', recordId: visit.id, files: [{ name: '入户合影.jpg', data: photo.toString('base64') }] });
    await pickReport(page, '走访与诉求台账');
    await page.getByTestId('report-thumbnails').check();
    const visitsBook = new ExcelJS.Workbook();
    await visitsBook.xlsx.readFile(await downloadXlsx(page, dir));
    const anchored = visitsBook.getWorksheet('走访记录')!.getImages();
    expect(anchored).toHaveLength(1);
    const visitRow = visitsBook.getWorksheet('走访记录')!.getRow(anchored[0]!.range.tl.nativeRow + 1);
    expect((visitRow.values as ExcelJS.CellValue[]).some((c) => c instanceof Date && c.toISOString().startsWith(visit.visitDate))).toBe(true);
    const noticeSheets = await readSheets(noticeFile);
    const cells = noticeSheets.flatMap((s) => s.body.flat()).map((c) => String(c ?? ''));
    expect(noticeSheets.reduce((n, s) => n + s.body.length, 0)).toBeGreaterThan(1);
    const ids = cells.filter((text) => /\d{17}[\dXx]/.test(text));
    const phones = cells.filter((text) => /(?<!\d)1[3-9]\d{9}(?!\d)/.test(text));
    expect({ ids, phones }).toEqual({ ids: [], phones: [] });
    // The households' and members' own numbers, as the ledger holds them, appear nowhere.
    const households = await value<{ items: { phone: string | null }[] }>(app, 'households.list', { limit: 500 });
    const members = await value<{ items: { idNumber: string | null; phone?: string | null }[] }>(app, 'members.list', { limit: 500 });
    const secrets = [...households.items.map((h) => h.phone), ...members.items.flatMap((m) => [m.idNumber, m.phone ?? null])].filter((s): s is string => Boolean(s && s.length >= 11));
    expect(secrets.length).toBeGreaterThan(0);
    expect(cells.filter((text) => secrets.some((secret) => text.includes(secret)))).toEqual([]);
    await expect(page.getByTestId('recent-export')).toHaveCount(3);
    // The screen as people see it on a laptop and a desktop (kept with the test's results).
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: test.info().outputPath(`reports-${size.width}.png`) });
    }

    // The print page of a whole year's visits and needs: a PDF of several pages, the table's
    // header on the second page too, and the period in every page's footer.
    const year = `${period.to.slice(0, 4)}`;
    const print = await page.context().newPage();
    await print.goto(`${app.url()}#/print?report=visitsNeeds&scope=township&from=${year}-01-01&to=${year}-12-31`);
    await expect(print.locator('html')).toHaveAttribute('data-print-ready', '1', { timeout: 60_000 });
    await expect(print.getByTestId('print-page')).toBeVisible();
    const pdf = join(dir, 'visits.pdf');
    await print.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' });
    const second = pageText(2);
    expect(second).toContain('走访日期');
    expect(second).toContain(`统计时段 ${year}-01-01 至 ${year}-12-31`);
    expect(second).toContain(`2 / ${pages}`);
    expect(pageText(pages)).toContain(`${pages} / ${pages}`);

    // The village's visits of the period with thumbnails: the visit's photo is the PDF's one image
    // (the page it is on kept as a PNG to look at).
    await print.goto(`${app.url()}#/print?report=visitsNeeds&scope=village&villageId=${visit.villageId}&from=${period.from}&to=${period.to}&thumbnails=true`);
    await expect(print.locator('html')).toHaveAttribute('data-print-ready', '1', { timeout: 60_000 });
    await expect(print.getByTestId('print-photos').locator('img')).toHaveCount(1);
    const withPhotos = join(dir, 'thumbnails.pdf');
    await print.pdf({ path: withPhotos, preferCSSPageSize: true, printBackground: true });
    const images = execFileSync('pdfimages', ['-list', withPhotos], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    const onPage = images[0]!.trim().split(/\s+/)[0]!;
    execFileSync('pdftoppm', ['-f', onPage, '-l', onPage, '-r', '60', '-png', withPhotos, test.info().outputPath('visits-thumbnail')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
