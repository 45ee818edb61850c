import { describe, expect, it } from 'vitest';
import { LEDGER_NOUNS } from '../../shared/api/methods';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { ApiError } from '../../shared/api/result';
import { confirmationsOf } from '../../renderer/src/ledgers/confirmations';
import { isRequired, newRecordDefaults, schemasOf } from '../../renderer/src/ledgers/definitions';
import { LEDGER_VIEWS } from '../../renderer/src/ledgers/views/index';
import { isQuickVisitShortcut, isSaveKey, modeForDigit } from '../../renderer/src/quickVisit/quickVisitKeys';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';

describe('ledger views', () => {
  it('give every ledger noun a view whose fields are exactly its definition fields', () => {
    expect(Object.keys(LEDGER_VIEWS).sort()).toEqual([...LEDGER_NOUNS].sort());
    for (const noun of LEDGER_NOUNS) {
      const view = LEDGER_VIEWS[noun];
      expect(view.noun).toBe(noun);
      expect(view.fields.map((f) => f.name).sort(), noun).toEqual(Object.keys(LEDGER_DEFINITIONS[noun].fields).sort());
      for (const column of view.columns) expect(view.fields.some((f) => f.name === column), `${noun}.${column}`).toBe(true);
    }
  });

  it('give choices their labels and references their ledger', () => {
    for (const view of Object.values(LEDGER_VIEWS)) {
      for (const field of view.fields) {
        if (field.kind === 'choice' || field.kind === 'choices') expect(field.labels, `${view.noun}.${field.name}`).toBeTruthy();
        if (field.kind === 'reference') expect(field.ref, `${view.noun}.${field.name}`).toBeTruthy();
      }
    }
  });

  it('name every field, title and form in both languages', () => {
    const ledgers = (tree: unknown) => tree as Record<string, { title: string; addTitle: string; editTitle: string; fields: Record<string, string> }>;
    for (const locale of [ledgers(zhCN.ledgers), ledgers(en.ledgers)]) {
      for (const view of Object.values(LEDGER_VIEWS)) {
        const texts = locale[view.noun]!;
        expect(texts.title && texts.addTitle && texts.editTitle, view.noun).toBeTruthy();
        for (const field of view.fields) expect(texts.fields[field.name], `${view.noun}.${field.name}`).toBeTruthy();
      }
    }
  });

  it('start a new record on today, this year and the first status', () => {
    const now = new Date(2025, 4, 6);
    expect(newRecordDefaults(LEDGER_VIEWS.visits, now)).toMatchObject({ visitDate: '2025-05-06', mode: 'home' });
    expect(newRecordDefaults(LEDGER_VIEWS.plans, now)).toMatchObject({ year: 2025, status: 'planned' });
    expect(isRequired(schemasOf('households').def.fields.headName)).toBe(true);
    expect(isRequired(schemasOf('households').def.fields.notes)).toBe(false);
    expect(isRequired(schemasOf('visits').def.fields.confirmed)).toBe(false);
  });
});

describe('confirmations and quick entry keys', () => {
  it('reads what a NEEDS_CONFIRMATION error asks about', () => {
    const error = new ApiError('NEEDS_CONFIRMATION', 'overspend', [{ path: ['amountFen'], message: 'validation.overspend' }]);
    expect(confirmationsOf(error)).toEqual(['overspend']);
    expect(confirmationsOf(new ApiError('INVALID_INPUT', 'x', []))).toEqual([]);
    expect(confirmationsOf(new Error('x'))).toEqual([]);
  });

  it('opens on Alt+N or Ctrl+Shift+V, picks modes by digit, saves on Ctrl+Enter', () => {
    const key = { altKey: false, ctrlKey: false, shiftKey: false, metaKey: false };
    expect(isQuickVisitShortcut({ ...key, altKey: true, code: 'KeyN' })).toBe(true);
    expect(isQuickVisitShortcut({ ...key, ctrlKey: true, shiftKey: true, code: 'KeyV' })).toBe(true);
    expect(isQuickVisitShortcut({ ...key, ctrlKey: true, code: 'KeyV' })).toBe(false);
    expect(modeForDigit('2', ['home', 'phone', 'meeting'])).toBe('phone');
    expect(modeForDigit('4', ['home', 'phone', 'meeting'])).toBeNull();
    expect(isSaveKey({ key: 'Enter', ctrlKey: true, metaKey: false }, { tagName: 'TEXTAREA' })).toBe(true);
    expect(isSaveKey({ key: 'Enter', ctrlKey: false, metaKey: false }, { tagName: 'TEXTAREA' })).toBe(false);
    expect(isSaveKey({ key: 'Enter', ctrlKey: false, metaKey: false }, { tagName: 'INPUT', type: 'checkbox' })).toBe(true);
  });
});
