import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { dayToIso, fenToYuanText, fromFormValues, isoToDay, patchOf, toFormValues, yuanTextToFen } from '../../renderer/src/ledgers/convert';
import { schemasOf } from '../../renderer/src/ledgers/definitions';
import { displayText, isOverdue, procedureDays } from '../../renderer/src/ledgers/display';
import { LEDGER_VIEWS } from '../../renderer/src/ledgers/views/index';
import type { LedgerRow } from '../../renderer/src/ledgers/viewTypes';

const row = (fields: Record<string, unknown>): LedgerRow => ({
  id: '01900000-0000-7000-8000-000000000001', villageId: 'v', createdAt: '', updatedAt: '', refNames: {}, recordedBy: null, ...fields,
});

describe('ledger value conversions', () => {
  it('turns ISO dates into day objects and back, refusing what is not a date', () => {
    expect(dayToIso(isoToDay('2024-02-29'))).toBe('2024-02-29');
    expect(isoToDay('2024/02/29')).toBeUndefined();
    expect(isoToDay(null)).toBeUndefined();
    expect(dayToIso(dayjs('2025-01-05'))).toBe('2025-01-05');
    expect(dayToIso(undefined)).toBeNull();
  });

  it('reads 元 text as integer fen without floating point, and shows fen as 元 text', () => {
    expect(yuanTextToFen('0.1')).toEqual({ fen: 10, ok: true });
    expect(yuanTextToFen('1,234.56')).toEqual({ fen: 123456, ok: true });
    expect(yuanTextToFen('19.99')).toEqual({ fen: 1999, ok: true });
    expect(yuanTextToFen('')).toEqual({ fen: null, ok: true });
    expect(yuanTextToFen('1.234')).toEqual({ fen: null, ok: false });
    expect(yuanTextToFen('abc').ok).toBe(false);
    expect(fenToYuanText(123456789)).toBe('1234567.89');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(null)).toBeUndefined();
  });

  it('puts a 元 box that is no amount on its field as validation.money', () => {
    const { record, issues } = fromFormValues(LEDGER_VIEWS.projects, { name: 'x', budgetFen: '1.234' });
    expect(issues).toEqual([{ path: ['budgetFen'], message: 'validation.money' }]);
    expect(record.budgetFen).toBeNull();
  });

  it('round-trips a row through the form', () => {
    const view = LEDGER_VIEWS.projects;
    const stored = row({ name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 12345678, startDate: '2025-03-01', endDate: null, beneficiaryHouseholds: 40, responsible: null, notes: null });
    const { record, issues } = fromFormValues(view, toFormValues(view, stored));
    expect(issues).toEqual([]);
    expect(record).toMatchObject({ budgetFen: 12345678, startDate: '2025-03-01', endDate: null, beneficiaryHouseholds: 40 });
    expect(patchOf(view, schemasOf('projects').def.fields, stored, record)).toEqual({});
  });

  it('patches only what changed, as the schema reads it', () => {
    const view = LEDGER_VIEWS.members;
    const stored = row({ householdId: row({}).id, name: '王芳', relation: 'spouse', idNumber: null, labourCapacity: null, health: null, schooling: null, notes: null });
    const values = { ...toFormValues(view, stored), name: ' 王芳 ', idNumber: '11010519491231002x', notes: '' };
    const { record } = fromFormValues(view, values);
    expect(patchOf(view, schemasOf('members').def.fields, stored, record)).toEqual({ idNumber: '11010519491231002X' });
  });

  it('shows ID numbers and phones masked, money in 元, enums in the chosen language', () => {
    const view = LEDGER_VIEWS.members;
    const id = view.fields.find((f) => f.name === 'idNumber')!;
    const relation = view.fields.find((f) => f.name === 'relation')!;
    const r = row({ idNumber: '11010519491231002X', relation: 'spouse' });
    expect(displayText(id, r, 'zh-CN')).toBe('1101**********002X');
    expect(displayText(relation, r, 'zh-CN')).toBe('配偶');
    expect(displayText(relation, r, 'en')).toBe('Spouse');
    const phone = LEDGER_VIEWS.households.fields.find((f) => f.name === 'phone')!;
    expect(displayText(phone, row({ phone: '13812345678' }), 'zh-CN')).toBe('138****5678');
    const budget = LEDGER_VIEWS.projects.fields.find((f) => f.name === 'budgetFen')!;
    expect(displayText(budget, row({ budgetFen: 123456789 }), 'zh-CN')).toBe('1,234,567.89');
  });

  it('marks overdue records and runs the monitoring clock', () => {
    const due = schemasOf('needs').def.due;
    expect(isOverdue(due, row({ dueDate: '2025-01-01', status: 'open' }), '2025-01-02')).toBe(true);
    expect(isOverdue(due, row({ dueDate: '2025-01-01', status: 'done' }), '2025-01-02')).toBe(false);
    expect(isOverdue(due, row({ dueDate: '2025-01-02', status: 'open' }), '2025-01-02')).toBe(false);
    expect(procedureDays(row({ homeCheckDate: '2025-01-01', countyDecisionDate: null }), '2025-01-17')).toBe(16);
    expect(procedureDays(row({ homeCheckDate: '2025-01-01', countyDecisionDate: '2025-01-10' }), '2025-03-01')).toBe(9);
    expect(procedureDays(row({ homeCheckDate: null }), '2025-03-01')).toBeNull();
  });
});
