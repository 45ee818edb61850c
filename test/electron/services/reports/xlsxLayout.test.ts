// What an XLSX export looks like to a person opening it: the title rows merged across the table,
// the header frozen below them and repeated on every printed page, widths, number formats for
// 元, 万元, percentages and dates, A4 landscape fitted to one page wide, the period and page
// numbers in the footer — and totals as plain values, never formulas a viewer must recalculate.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../../../helpers/openedApp';
import { demoTownship, type World } from './fixtures';
import { exportDone, readXlsx } from './readBack';

const PERIOD = { from: '2026-01-01', to: '2026-10-31' };

let world: World;
beforeAll(async () => {
  world = await demoTownship();
}, 60_000);
afterAll(() => world.close());

describe('an XLSX report', () => {
  it('opens every sheet with merged title rows, a frozen header row repeated on each printed page, and A4 landscape one page wide', async () => {
    const request = { report: 'funds' as const, scope: 'township' as const, ...PERIOD };
    const preview = await expectOk(world.app, 'reports.preview', request);
    const job = await exportDone(world.app, { ...request, format: 'xlsx' });
    const { sheets } = await readXlsx(job.file);
    expect(sheets.map((s) => s.name)).toEqual(['项目', '资金来源', '资金明细']);
    for (const [t, sheet] of sheets.entries()) {
      const ws = sheet.worksheet;
      const table = preview.tables[t]!;
      const lines = 1 + preview.titleRows.length + 1;
      const headerRow = lines + 1;
      expect(sheet.lines).toEqual([preview.title, ...preview.titleRows, table.caption]);
      const last = ws.getColumn(table.columns.length).letter;
      const merges = (ws.model as unknown as { merges: string[] }).merges;
      expect([...merges].sort()).toEqual(Array.from({ length: lines }, (_, i) => `A${i + 1}:${last}${i + 1}`).sort());
      expect(ws.getCell('A1').font?.bold).toBe(true);
      expect(ws.getCell('A1').font?.size).toBe(16);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
      for (let c = 1; c <= table.columns.length; c++) {
        expect(ws.getRow(headerRow).getCell(c).font?.bold, `header cell ${c} bold`).toBe(true);
        expect(ws.getColumn(c).width, `column ${c} has its width`).toBe(table.columns[c - 1]!.width + 2);
      }
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` });
      expect(ws.headerFooter.oddFooter).toContain('&P');
      expect(ws.headerFooter.oddFooter).toContain('&N');
      expect(ws.headerFooter.oddFooter).toContain(`${PERIOD.from} 至 ${PERIOD.to}`);
    }
  });

  it('gives 万元, 元, percentages, counts and dates their number formats, and writes totals as values', async () => {
    const job = await exportDone(world.app, { report: 'funds', scope: 'township', ...PERIOD, format: 'xlsx' });
    const { sheets } = await readXlsx(job.file);
    const formatOf = (sheet: number, header: string, row = 0) => {
      const s = sheets[sheet]!;
      const cell = s.worksheet.getRow(s.lines.length + 2 + row).getCell(s.header.indexOf(header) + 1);
      return { numFmt: cell.numFmt, value: cell.value };
    };
    expect(formatOf(0, '预算（万元）').numFmt).toBe('#,##0.00');
    expect(formatOf(0, '支出率').numFmt).toBe('0.0%');
    expect(formatOf(0, '受益户数').numFmt).toBe('#,##0');
    expect(formatOf(0, '开工日期').numFmt).toBe('yyyy-mm-dd');
    expect(formatOf(0, '开工日期').value).toBeInstanceOf(Date);
    expect(formatOf(2, '到位（元）').numFmt).toBe('#,##0.00');
    // Totals: the last row of each sheet, a number in each summed column, no formula anywhere.
    for (const s of sheets) {
      const totals = s.body.at(-1)!;
      expect(String(totals[0])).toMatch(/^合计/);
      s.worksheet.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${s.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
    const projects = sheets[0]!;
    const received = projects.header.indexOf('到位（万元）');
    const sum = projects.body.slice(0, -1).reduce((total, r) => total + Math.round((r[received] as number) * 1_000_000), 0);
    expect(Math.round((projects.body.at(-1)![received] as number) * 1_000_000)).toBe(sum);
    expect(projects.worksheet.getRow(projects.worksheet.rowCount).getCell(received + 1).font?.bold).toBe(true);
  });

  it('speaks English when the person does', async () => {
    const job = await exportDone(world.app, { report: 'summary', scope: 'township', ...PERIOD, language: 'en', format: 'xlsx' });
    const { sheets } = await readXlsx(job.file);
    expect(sheets[0]!.name).toBe('Summary');
    expect(sheets[0]!.lines[0]).toBe('Summary of villages — 青石镇');
    expect(sheets[0]!.header.slice(0, 4)).toEqual(['Village', 'First secretary', 'Households', 'Households visited']);
    expect(sheets[0]!.body.at(-1)![0]).toBe('Total');
    expect(sheets[0]!.worksheet.headerFooter.oddFooter).toContain('Page &P of &N');
  });
});
