// Visits and needs kept in Excel before: each row finds its household by the head's name (and the
// group, when two heads share a name), dates typed the ways people type them are read, and a row
// whose household is not in the ledger, or a date after today, is refused by name. The template
// of each ledger reads back with its headers and a sample row that passes.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, IMPORT_LEDGERS, TEMPLATE_NAMES } from '../../../../shared/domain/imports';
import { V } from '../../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { csvText } from './rosterFiles';

const tempDir = useTempDirs();
const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

async function withHouseholds(): Promise<{ app: TestApp; villageId: string }> {
  const app = await openTestApp(tempDir());
  const villageId = (await expectOk(app, 'device.setup', SECRETARY_SETUP)).villageIds[0]!;
  // Visits kept before must fall in a secretary's term: hers, when setup gave her one, began this year.
  for (const term of (await expectOk(app, 'secretaries.list', { villageId })).items) await expectOk(app, 'secretaries.update', { id: term.id, patch: { termStart: '2026-01-01' } });
  await expectOk(app, 'households.create', { villageId, headName: '王建国', villagerGroup: '一组', category: 'ordinary' });
  await expectOk(app, 'households.create', { villageId, headName: '张秀英', villagerGroup: '一组', category: 'lifted' });
  await expectOk(app, 'households.create', { villageId, headName: '张秀英', villagerGroup: '三组', category: 'ordinary' });
  return { app, villageId };
}

describe('visits from a spreadsheet', () => {
  it('finds each household by its head, reads the dates, and names the rows it cannot file', async () => {
    const { app, villageId } = await withHouseholds();
    try {
      const header = ['户主姓名', '村民小组', '走访日期', '走访方式', '了解情况', '帮办措施', '户主确认'];
      const rows = [
        ['王建国', '', '2026/3/5', '入户', '老人腿脚不便', '联系村医', '是'],
        ['张秀英', '三组', '2026年４月６日', '电话', '问低保年审', '', '否'],
        ['张秀英', '', '2026-04-07', '入户', '问医保', '', ''],
        ['李四', '', '2026-04-08', '入户', '新来的', '', ''],
        ['王建国', '', '2027-01-01', '入户', '明年的', '', ''],
        ['王建国', '', '2026-02-30', '座谈', '没有这天', '', ''],
      ];
      const data = b64(csvText(header, rows));
      const preview = await expectOk(app, 'imports.preview', { ledger: 'visits', villageId, source: { data } });
      expect(preview.missing).toEqual([]);
      expect(preview.refusals).toEqual([
        { row: 4, column: '户主姓名', field: 'headName', message: 'imports.reason.householdAmbiguous' },
        { row: 5, column: '户主姓名', field: 'headName', message: 'imports.reason.householdNotFound' },
        { row: 6, column: '走访日期', field: 'visitDate', message: V.futureDate },
        { row: 7, column: '走访日期', field: 'visitDate', message: V.date },
      ]);
      const result = await expectOk(app, 'imports.commit', { ledger: 'visits', villageId, source: { data }, mapping: preview.mapping });
      expect(result.records).toEqual({ visits: 2 });
      const visits = (await expectOk(app, 'visits.list', { villageId, sort: { field: 'visitDate', order: 'asc' } })).items;
      expect(visits.map((v) => [v.refNames.householdId, v.visitDate, v.mode, v.confirmed])).toEqual([
        ['王建国', '2026-03-05', 'home', true],
        ['张秀英', '2026-04-06', 'phone', false],
      ]);
    } finally {
      app.close();
    }
  });
});

describe('needs from a spreadsheet', () => {
  it('takes a need with or without a household, its category and status by their Chinese labels', async () => {
    const { app, villageId } = await withHouseholds();
    try {
      const header = ['诉求人', '诉求类别', '诉求内容', '责任人', '办理时限', '办理状态', '办结日期'];
      const rows = [
        ['王建国', '路', '便道泥泞', '李明', '2026-12-30', '待办', ''],
        ['', '水', '东头水压低', '', '', '已办结', '2026-10-01'],
        ['', '水', '西头没水', '', '', '已办结', ''],
        ['', '天气', '下雨', '', '', '待办', ''],
      ];
      const data = b64(csvText(header, rows));
      const preview = await expectOk(app, 'imports.preview', { ledger: 'needs', villageId, source: { data } });
      expect(preview.refusals).toEqual([
        { row: 4, column: '办结日期', field: 'closedOn', message: V.required },
        { row: 5, column: '诉求类别', field: 'category', message: V.invalid },
      ]);
      await expectOk(app, 'imports.commit', { ledger: 'needs', villageId, source: { data }, mapping: preview.mapping });
      const needs = (await expectOk(app, 'needs.list', { villageId })).items;
      expect(needs.map((n) => [n.content, n.category, n.status, n.householdId ? n.refNames.householdId : null]).sort()).toEqual([
        ['东头水压低', 'water', 'done', null],
        ['便道泥泞', 'road', 'open', '王建国'],
      ].sort());
    } finally {
      app.close();
    }
  });
});

describe('the template', () => {
  it.each([...IMPORT_LEDGERS])('%s: an XLSX with the recognised headers and one sample row, which imports as it is', async (ledger) => {
    const { app, villageId } = await withHouseholds();
    try {
      const path = join(tempDir(), `${TEMPLATE_NAMES[ledger]}.xlsx`);
      const saved = await expectOk(app, 'imports.template', { ledger, path });
      expect(saved).toEqual({ file: path, fileName: `${TEMPLATE_NAMES[ledger]}.xlsx`, download: null });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const sheet = workbook.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(Object.values(IMPORT_COLUMNS[ledger]).map((words) => words[0]));
      expect(sheet.actualRowCount).toBe(2);
      // The template's own sample passes the checks: a visit and a need of 王建国 of 一组, a household with a valid ID.
      const preview = await expectOk(app, 'imports.preview', { ledger, villageId, source: { path } });
      expect(preview.mapping).toHaveLength(headers.length);
      expect(preview.refusals).toEqual([]);
      // 王建国 of 一组 is already kept here: the sample's member joins his household rather than making a second.
      expect(preview.joins.map((j) => [j.household, j.villagerGroup, j.rows])).toEqual(ledger === 'households' ? [['王建国', '一组', [2]]] : []);
      expect(preview.rows).toBe(1);
    } finally {
      app.close();
    }
  });

  it('in the browser host (no path) goes to the exports folder, served as a download', async () => {
    const { app } = await withHouseholds();
    try {
      const saved = await expectOk(app, 'imports.template', { ledger: 'needs' });
      expect(saved.download).toBe(`exports/${encodeURIComponent(`${TEMPLATE_NAMES.needs}.xlsx`)}`);
      const error = await expectRefused(app, 'imports.template', { ledger: 'needs', path: join(tempDir(), 'missing', 'a.xlsx') });
      expect(error.issues).toEqual([{ path: ['path'], message: V.folderMissing }]);
    } finally {
      app.close();
    }
  });
});
