// The pieces under the import, on their own: CSV as spreadsheets write it, cells as people type
// them, and headers as villages word them.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../electron/services/imports/csv';
import { findHeaderRow, guessMapping, normaliseHeader } from '../../../../electron/services/imports/mapping';
import { booleanValue, choiceValue, dateValue, idValue, phoneValue } from '../../../../electron/services/imports/values';
import { HOUSEHOLD_CATEGORY_LABELS, RELATION_LABELS } from '../../../../shared/domain/ledgerEnums';

describe('CSV', () => {
  it('keeps a quoted field whole: commas, doubled quotes, CRLF inside', () => {
    expect(parseCsv('a,b\r\n"x, ""y""\r\nz",2\r\n')).toEqual([['a', 'b'], ['x, "y"\r\nz', '2']]);
  });

  it('takes tabs or semicolons when the first line is split by them', () => {
    expect(parseCsv('户主姓名\t村民小组\n王建国\t一组')).toEqual([['户主姓名', '村民小组'], ['王建国', '一组']]);
    expect(parseCsv('户主姓名;电话\n王建国;138')).toEqual([['户主姓名', '电话'], ['王建国', '138']]);
  });

  it('keeps a last line without a line break, and empty fields', () => {
    expect(parseCsv('a,,c\n1,,')).toEqual([['a', '', 'c'], ['1', '', '']]);
  });
});

describe('cells', () => {
  it('reads dates as people type them, and an Excel day number', () => {
    expect(['2026-03-05', '2026/3/5', '2026.3.5', '2026年3月5日', '２０２６年３月５日', '20260305', '46086', '2026-03-05 00:00:00'].map(dateValue)).toEqual(Array(8).fill('2026-03-05'));
    expect(dateValue('三月五日')).toBe('三月五日'); // left for the schema to refuse
  });

  it('makes ID numbers and phones ASCII, without spaces', () => {
    expect(idValue('３７０４０２ １９９００１０１ ００２ｘ')).toBe('37040219900101002X');
    expect(['138 1234 5678', '138-1234-5678', '+86 13812345678', '１３８１２３４５６７８'].map(phoneValue)).toEqual(Array(4).fill('13812345678'));
    expect(phoneValue('0531-88881234')).toBe('0531-88881234');
  });

  it('reads choices by label, value or a common word, else leaves the text', () => {
    expect(['户主', '本人', 'head', 'Head'].map((t) => choiceValue(t, RELATION_LABELS))).toEqual(['head', 'head', 'head', 'head']);
    expect(['长子', '之女', '妻'].map((t) => choiceValue(t, RELATION_LABELS))).toEqual(['child', 'child', 'spouse']);
    expect(choiceValue('一般户（非建档立卡）', HOUSEHOLD_CATEGORY_LABELS)).toBe('ordinary');
    expect(choiceValue('富裕户', HOUSEHOLD_CATEGORY_LABELS)).toBe('富裕户');
    expect([booleanValue('是'), booleanValue('√'), booleanValue('否'), booleanValue(''), booleanValue('也许')]).toEqual([true, true, false, false, '也许']);
  });
});

describe('headers', () => {
  it('are compared without spaces, stars, required marks or full-width forms', () => {
    expect(normaliseHeader(' *户主 姓名（必填）')).toBe('户主姓名');
    expect(normaliseHeader('身份证号码:')).toBe('身份证号码');
  });

  it('are matched exactly first, then by the longest known word inside, each field once', () => {
    const headers = ['序号', '户主姓名', '户主身份证号码', '与户主关系', '姓名', '姓名'];
    expect(guessMapping(headers, 'households', {}).mapping).toEqual([
      { column: 1, field: 'headName' },
      { column: 2, field: 'idNumber' },
      { column: 3, field: 'relation' },
      { column: 4, field: 'memberName' },
    ]);
  });

  it('a remembered header wins over a guess', () => {
    expect(guessMapping(['姓名'], 'households', { 姓名: 'headName' })).toEqual({ mapping: [{ column: 0, field: 'headName' }], fromMemory: true });
  });

  it('the header row is the one naming the most columns, never a title merged across the sheet', () => {
    const rows = [['青石镇李家村农户花名册'], ['填报单位：李家村', '', '填报日期：2026年11月'], [], ['户主姓名', '身份证号', '联系电话'], ['王建国', '1', '2']];
    expect(findHeaderRow(rows, 'households')).toBe(3);
    expect(findHeaderRow([['a', 'b'], ['c', 'd']], 'households')).toBe(0);
  });
});
