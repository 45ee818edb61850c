// The household roster from real XLSX and CSV files: the header found under merged titles, the
// mapping guessed from Chinese headers and remembered, every row checked by the ledgers' own rules
// (refusals named by row, column and reason), the rest imported in one transaction as changes in
// the log, and bad files refused by name with nothing stored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, type ImportMapping } from '../../../../shared/domain/imports';
import { V } from '../../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { csvText, headNameOf, ROSTER_HEADERS, rosterIdNumber, rosterRows, rosterXlsx } from './rosterFiles';

const tempDir = useTempDirs();

async function secretary(): Promise<{ app: TestApp; villageId: string }> {
  const app = await openTestApp(tempDir());
  const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
  return { app, villageId: profile.villageIds[0]! };
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const toFullWidth = (text: string) => text.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const count = (app: TestApp, sql: string) => app.context.db.sqlite.prepare(sql).pluck().get() as number;

describe('a WPS-style XLSX roster', () => {
  it('finds the header under the merged titles, guesses the mapping, and names every refused row without storing anything', async () => {
    const { app, villageId } = await secretary();
    try {
      const rows = rosterRows(4); // rows 4..15 of the sheet, three people a household
      rows[1]![7] = toFullWidth(rows[1]![7]!); // full-width digits in an ID number
      const phone1 = rows[3]![3]!;
      rows[3]![3] = `${toFullWidth(phone1.slice(0, 3))} ${toFullWidth(phone1.slice(3))}`; // a phone in full-width digits with a space
      const idX = findIdEndingInX(); // one no other row of the file holds
      rows[4]![7] = idX.toLowerCase(); // a lower-case x
      rows[6]![7] = rows[6]![7]!.slice(0, 17) + (rows[6]![7]!.endsWith('1') ? '2' : '1'); // wrong check digit: household 3 refused
      rows[10]![7] = rows[9]![7]!; // the same ID twice in the file: household 4 refused
      const file = await rosterXlsx(rows, { blankEvery: 5 });
      const before = app.snapshot();
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(file) } });
      expect(app.snapshot()).toBe(before);
      expect(preview.format).toBe('xlsx');
      expect(preview.headerRow).toBe(3);
      expect(preview.mappingFrom).toBe('guessed');
      const fieldAt = (header: string) => preview.mapping.find((m) => m.column === ROSTER_HEADERS.indexOf(header))?.field;
      expect([fieldAt('户主姓名'), fieldAt('村民小组'), fieldAt('联系电话'), fieldAt('家庭人口'), fieldAt('姓名'), fieldAt('与户主关系'), fieldAt('身份证号'), fieldAt('健康状况'), fieldAt('备注')])
        .toEqual(['headName', 'villagerGroup', 'phone', 'householdSize', 'memberName', 'relation', 'idNumber', 'health', 'notes']);
      expect(fieldAt('序号')).toBeUndefined();
      expect(preview.rows).toBe(12); // the blank rows are not rows
      // Sheet rows: 3 header, then 5 data rows and a blank row, repeated.
      const sheetRow = (i: number) => 4 + i + Math.floor(i / 5);
      expect(preview.refusals).toEqual([
        { row: sheetRow(6), column: '身份证号', field: 'idNumber', message: V.idCheckDigit },
        { row: sheetRow(7), column: null, field: null, message: 'imports.reason.householdRefused', params: { row: sheetRow(6) } },
        { row: sheetRow(8), column: null, field: null, message: 'imports.reason.householdRefused', params: { row: sheetRow(6) } },
        { row: sheetRow(9), column: null, field: null, message: 'imports.reason.householdRefused', params: { row: sheetRow(10) } },
        { row: sheetRow(10), column: '身份证号', field: 'idNumber', message: 'imports.reason.duplicateInFile', params: { row: sheetRow(9) } },
        { row: sheetRow(11), column: null, field: null, message: 'imports.reason.householdRefused', params: { row: sheetRow(10) } },
      ]);
      expect(preview.records).toEqual({ households: 2, members: 6 });

      const mapping = preview.mapping;
      const result = await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(file) }, mapping });
      expect(result.refusals).toEqual(preview.refusals);
      expect(result.records).toEqual({ households: 2, members: 6 });
      const members = await expectOk(app, 'members.list', { villageId, limit: 500 });
      const ids = members.items.map((m) => m.idNumber).sort();
      expect(ids).toContain(rosterIdNumber(1)); // normalised from full-width digits
      expect(ids).toContain(idX); // the lower-case x made upper-case
      const households = await expectOk(app, 'households.list', { villageId, limit: 500 });
      expect(households.items.map((h) => h.headName).sort()).toEqual([headNameOf(0), headNameOf(1)].sort());
      expect(households.items.find((h) => h.headName === headNameOf(0))!.phone).toBe(rows[0]![3]);
      expect(households.items.find((h) => h.headName === headNameOf(1))!.phone).toBe(phone1);
      // Each record is changes in the log, as a typed one is: it syncs.
      expect(count(app, "SELECT count(DISTINCT row_id) FROM changes WHERE tbl = 'households'")).toBe(2);
      expect(count(app, "SELECT count(DISTINCT row_id) FROM changes WHERE tbl = 'household_members'")).toBe(6);
    } finally {
      app.close();
    }
  });

  it('imports 3,000 rows (1,000 households) in one transaction', { timeout: 120_000 }, async () => {
    const { app, villageId } = await secretary();
    try {
      const file = await rosterXlsx(rosterRows(1000), { blankEvery: 100 });
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(file) } });
      expect(preview.rows).toBe(3000);
      expect(preview.refusals).toEqual([]);
      const result = await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(file) }, mapping: preview.mapping });
      expect(result.records).toEqual({ households: 1000, members: 3000 });
      expect(count(app, 'SELECT count(*) FROM household_members WHERE deleted_at IS NULL')).toBe(3000);
      // Imported again: every household is already kept (its head's ID number), every member already there.
      const again = await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(file) }, mapping: preview.mapping });
      expect(again).toMatchObject({ accepted: 3000, refusedRows: 0, records: { households: 0, members: 0 } });
      expect(again.joins).toHaveLength(1000);
      expect(again.joins.every((j) => j.added.length === 0 && j.present.length === 3)).toBe(true);
      expect(count(app, 'SELECT count(*) FROM households WHERE deleted_at IS NULL')).toBe(1000);
      expect(count(app, 'SELECT count(*) FROM household_members WHERE deleted_at IS NULL')).toBe(3000);
    } finally {
      app.close();
    }
  });

  it('adds the members of a household already kept (the same head and group) to it, and says so in the preview: no second household', async () => {
    const { app, villageId } = await secretary();
    try {
      const kept = await expectOk(app, 'households.create', { villageId, headName: headNameOf(0), villagerGroup: '1组', category: 'ordinary' });
      const file = await rosterXlsx(rosterRows(2));
      const before = app.snapshot();
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(file) } });
      expect(app.snapshot()).toBe(before);
      expect(preview.refusals).toEqual([]);
      expect(preview.joins).toEqual([{ household: headNameOf(0), villagerGroup: '1组', rows: [4, 5, 6], added: [4, 5, 6], present: [] }]);
      expect(preview.records).toEqual({ households: 1, members: 6 });
      const result = await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(file) }, mapping: preview.mapping });
      expect(result.joins).toEqual(preview.joins);
      const households = (await expectOk(app, 'households.list', { villageId })).items;
      expect(households.map((h) => h.headName).sort()).toEqual([headNameOf(0), headNameOf(1)].sort());
      const members = (await expectOk(app, 'members.list', { villageId, filters: { householdId: kept.id } })).items;
      expect(members.map((m) => m.idNumber).sort()).toEqual([0, 1, 2].map(rosterIdNumber).sort());
    } finally {
      app.close();
    }
  });

  it('still asks about a head whose name is nearly one already kept in the group, unless the person confirms', async () => {
    const { app, villageId } = await secretary();
    try {
      const near = `${headNameOf(0).slice(0, 3)}${headNameOf(0).endsWith('国') ? '民' : '国'}`;
      await expectOk(app, 'households.create', { villageId, headName: near, villagerGroup: '1组', category: 'ordinary' });
      const file = await rosterXlsx(rosterRows(2));
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(file) } });
      expect(preview.refusals[0]).toEqual({ row: 4, column: '户主姓名', field: 'headName', message: V.similarHousehold });
      expect(preview.joins).toEqual([]);
      const confirmed = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(file) }, confirm: ['similarHousehold'] });
      expect(confirmed.refusals).toEqual([]);
      expect(confirmed.records).toEqual({ households: 2, members: 6 });
    } finally {
      app.close();
    }
  });
});

function findIdEndingInX(): string {
  for (let n = 10_000; n < 20_000; n++) if (rosterIdNumber(n).endsWith('X')) return rosterIdNumber(n);
  throw new Error('no ID number ending in X');
}

describe('CSV rosters', () => {
  const header = ['户主姓名', '村民小组', '联系电话', '身份证号', '备注'];

  it("adds new members to the household whose head's ID number is already kept (whatever its group is written as); members already there are reported, not doubled", async () => {
    const { app, villageId } = await secretary();
    try {
      const kept = await expectOk(app, 'households.create', { villageId, headName: headNameOf(3), villagerGroup: '第一组', category: 'ordinary' });
      await expectOk(app, 'members.create', { villageId, householdId: kept.id, name: headNameOf(3), relation: 'head', idNumber: rosterIdNumber(9) });
      await expectOk(app, 'members.create', { villageId, householdId: kept.id, name: '王妻3', relation: 'spouse', idNumber: rosterIdNumber(10) });
      const roster = ['户主姓名', '村民小组', '姓名', '与户主关系', '身份证号'];
      const rows = [
        [headNameOf(3), '1组', headNameOf(3), '户主', rosterIdNumber(9)],
        [headNameOf(3), '1组', '王妻3', '配偶', rosterIdNumber(10).toLowerCase()],
        [headNameOf(3), '1组', '王子3', '子女', rosterIdNumber(11)],
        [headNameOf(3), '1组', '王女3', '子女', rosterIdNumber(12)],
        [headNameOf(4), '2组', headNameOf(4), '户主', rosterIdNumber(13)],
      ];
      const bytes = Buffer.from(csvText(roster, rows));
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(bytes) } });
      expect(preview.refusals).toEqual([]);
      expect(preview.joins).toEqual([{ household: headNameOf(3), villagerGroup: '第一组', rows: [2, 3, 4, 5], added: [4, 5], present: [2, 3] }]);
      expect(preview.records).toEqual({ households: 1, members: 3 });
      const result = await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(bytes) }, mapping: preview.mapping });
      expect(result.joins).toEqual(preview.joins);
      const members = (await expectOk(app, 'members.list', { villageId, filters: { householdId: kept.id } })).items;
      expect(members.map((m) => m.idNumber).sort()).toEqual([9, 10, 11, 12].map(rosterIdNumber).sort());
      expect(count(app, 'SELECT count(*) FROM households WHERE deleted_at IS NULL')).toBe(2);
      // A member of the file whose ID number is in another household is refused by name, and the household's other rows with it.
      const moved = Buffer.from(csvText(roster, [[headNameOf(3), '1组', '李某', '子女', rosterIdNumber(13)], [headNameOf(3), '1组', '王孙3', '孙子女', rosterIdNumber(14)]]));
      const refused = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(moved) } });
      expect(refused.refusals).toEqual([
        { row: 2, column: '身份证号', field: 'idNumber', message: V.duplicateIdNumber },
        { row: 3, column: null, field: null, message: 'imports.reason.householdRefused', params: { row: 2 } },
      ]);
      expect(refused.joins).toEqual([]);
    } finally {
      app.close();
    }
  });

  it('reads UTF-8 with a BOM, quoted fields with commas, quotes and line breaks', async () => {
    const { app, villageId } = await secretary();
    try {
      const text = csvText(header, [[headNameOf(7), '二组', '0531-88881234', rosterIdNumber(7), '住村东头, "老宅"\n二层']]);
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(bytes) } });
      expect(preview.encoding).toBe('utf-8-bom');
      expect(preview.headerRow).toBe(1);
      expect(preview.sample[0]!.cells[4]).toBe('住村东头, "老宅"\n二层');
      await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(bytes) }, mapping: preview.mapping });
      const [household] = (await expectOk(app, 'households.list', { villageId })).items;
      expect(household).toMatchObject({ headName: headNameOf(7), phone: '053188881234', notes: '住村东头, "老宅"\n二层' });
    } finally {
      app.close();
    }
  });

  it('reads GB18030 (a Chinese-locale Excel\'s CSV) when the bytes are not UTF-8', async () => {
    const { app, villageId } = await secretary();
    try {
      // 户主姓名,村民小组,联系电话\n张秀英,二组,13900001111\n in GB18030, as iconv writes it.
      const bytes = Buffer.from('bba7d6f7d0d5c3fb2cb4e5c3f1d0a1d7e92cc1aacfb5b5e7bbb00ad5c5d0e3d3a22cb6fed7e92c31333930303030313131310a', 'hex');
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(bytes) } });
      expect(preview.encoding).toBe('gb18030');
      expect(preview.columns.map((c) => c.header)).toEqual(['户主姓名', '村民小组', '联系电话']);
      expect(preview.sample[0]!.cells).toEqual(['张秀英', '二组', '13900001111']);
      expect(preview.accepted).toBe(1);
    } finally {
      app.close();
    }
  });

  it('a member who is not the head needs a relation: without that column the row names the field', async () => {
    const { app, villageId } = await secretary();
    try {
      const text = csvText(['户主姓名', '姓名', '身份证号'], [[headNameOf(3), headNameOf(3), rosterIdNumber(30)], [headNameOf(3), '王小二', rosterIdNumber(31)]]);
      const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(text) } });
      expect(preview.refusals).toEqual([
        { row: 2, column: null, field: null, message: 'imports.reason.householdRefused', params: { row: 3 } },
        { row: 3, column: null, field: 'relation', message: V.required },
      ]);
    } finally {
      app.close();
    }
  });

  it('remembers a confirmed mapping of a header it could not guess, for the next file of the ledger', async () => {
    const { app, villageId } = await secretary();
    try {
      const odd = ['家长', '组', '手机'];
      const file = Buffer.from(csvText(odd, [[headNameOf(1), '一组', '13900001111']]));
      const first = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(file) } });
      expect(first.mapping.find((m) => m.column === 0)).toBeUndefined();
      expect(first.missing).toEqual(['headName']);
      const mapping: ImportMapping = [{ column: 0, field: 'headName' }, { column: 1, field: 'villagerGroup' }, { column: 2, field: 'phone' }];
      await expectOk(app, 'imports.commit', { ledger: 'households', villageId, source: { data: b64(file) }, mapping });
      const next = Buffer.from(csvText(['手机', '家长'], [['13900002222', headNameOf(2)]]));
      const second = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source: { data: b64(next) } });
      expect(second.mappingFrom).toBe('remembered');
      expect(second.mapping).toEqual([{ column: 0, field: 'phone' }, { column: 1, field: 'headName' }]);
    } finally {
      app.close();
    }
  });
});

describe('files that are not a roster are refused by name, and nothing is stored', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'imports.reason.emptyFile'],
    ['a PNG image', Buffer.from('89504e470d0a1a0a0000000d4948445200', 'hex'), 'imports.reason.notSpreadsheet'],
    ['an Excel 97-2003 file', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'imports.reason.oldXls'],
    ['a zip that is not a workbook', Buffer.from('504b0304140000000000', 'hex'), 'imports.reason.notSpreadsheet'],
    ['blank lines only', Buffer.from('\r\n ,, \r\n'), 'imports.reason.emptyFile'],
  ])('%s', async (_label, bytes, message) => {
    const { app, villageId } = await secretary();
    try {
      const before = app.snapshot();
      for (const method of ['imports.preview', 'imports.commit'] as const) {
        const error = await expectRefused(app, method, { ledger: 'households', villageId, source: { data: bytes.length ? b64(bytes) : 'AA==' }, mapping: [{ column: 0, field: 'headName' }] });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues).toEqual([{ path: ['source'], message: bytes.length ? message : 'imports.reason.notSpreadsheet' }]);
      }
      expect(app.snapshot()).toBe(before);
    } finally {
      app.close();
    }
  });

  it('a path that is missing, a folder, or a file over the bound', async () => {
    const { app, villageId } = await secretary();
    try {
      const dir = tempDir();
      const big = join(dir, 'big.csv');
      writeFileSync(big, Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41));
      const empty = join(dir, 'empty.csv');
      writeFileSync(empty, '');
      const before = app.snapshot();
      const cases: [string, string][] = [[join(dir, 'none.xlsx'), 'imports.reason.fileMissing'], [dir, 'imports.reason.notAFile'], [big, 'imports.reason.tooBig'], [empty, 'imports.reason.emptyFile']];
      for (const [path, message] of cases) {
        const error = await expectRefused(app, 'imports.preview', { ledger: 'households', villageId, source: { path } });
        expect(error.issues, path).toEqual([{ path: ['source'], message }]);
      }
      expect(app.snapshot()).toBe(before);
    } finally {
      app.close();
    }
  });

  it('a mapping naming a column the file lacks, or leaving out the head\'s name', async () => {
    const { app, villageId } = await secretary();
    try {
      const file = b64(await rosterXlsx(rosterRows(2)));
      const before = app.snapshot();
      const far = await expectRefused(app, 'imports.commit', { ledger: 'households', villageId, source: { data: file }, mapping: [{ column: 40, field: 'headName' }] });
      expect(far.issues).toEqual([{ path: ['mapping', 0, 'column'], message: 'imports.reason.unknownColumn' }]);
      const none = await expectRefused(app, 'imports.commit', { ledger: 'households', villageId, source: { data: file }, mapping: [{ column: 2, field: 'villagerGroup' }] });
      expect(none.issues).toEqual([{ path: ['mapping'], message: 'imports.reason.missingColumn' }]);
      expect(app.snapshot()).toBe(before);
    } finally {
      app.close();
    }
  });
});
