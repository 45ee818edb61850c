import { describe, expect, it } from 'vitest';
import { deviceSetupInput } from '../../shared/domain/device';
import { V } from '../../shared/domain/validation';
import { applyIssues, issuesToFieldErrors, type FieldErrors, type FieldName } from '../../renderer/src/forms/applyIssues';

const SETUP_FIELDS: FieldName[] = [['role'], ['name'], ['unit'], ['unitLevel'], ['township'], ['county'], ['villages'], ['villages', 0, 'name'], ['villages', 0, 'code']];
const upper = (message: string) => message.toUpperCase();

describe('issuesToFieldErrors', () => {
  it('puts each zod issue under the field its path names, nested list rows included', () => {
    const parsed = deviceSetupInput.safeParse({ role: 'secretary', name: '', unit: 'x', unitLevel: 'county', township: 't', villages: [{ name: '', code: '123' }] });
    expect(parsed.success).toBe(false);
    const { fields, unplaced } = issuesToFieldErrors(parsed.error!.issues, SETUP_FIELDS, (m) => m);
    expect(unplaced).toEqual([]);
    expect(fields).toEqual(
      expect.arrayContaining([
        { name: ['name'], errors: [V.required] },
        { name: ['villages', 0, 'name'], errors: [V.required] },
        { name: ['villages', 0, 'code'], errors: [V.divisionCode] },
      ]),
    );
  });

  it('lands an issue about the list as a whole (no village) on the list', () => {
    const parsed = deviceSetupInput.safeParse({ role: 'secretary', name: 'n', unit: 'u', unitLevel: 'county', township: 't', villages: [] });
    const { fields } = issuesToFieldErrors(parsed.error!.issues, SETUP_FIELDS, upper);
    expect(fields).toEqual([{ name: ['villages'], errors: [V.oneVillage.toUpperCase()] }]);
  });

  it('falls back to the deepest registered ancestor, strips the contract prefix, and hands back the rest', () => {
    const { fields, unplaced } = issuesToFieldErrors(
      [
        { path: ['villages', 3], message: 'a' },
        { path: ['patch', 'name'], message: V.duplicateVillage },
        { path: [], message: 'Unrecognized key' },
        { path: ['nope'], message: 'b' },
      ],
      SETUP_FIELDS,
      (m) => m,
      { prefix: ['patch'] },
    );
    expect(fields).toEqual([
      { name: ['villages'], errors: ['a'] },
      { name: ['name'], errors: [V.duplicateVillage] },
    ]);
    expect(unplaced.map((i) => i.message)).toEqual(['Unrecognized key', 'b']);
  });

  it('shows one message once even if two issues say it', () => {
    const { fields } = issuesToFieldErrors(
      [
        { path: ['name'], message: V.required },
        { path: ['name'], message: V.required },
        { path: ['name'], message: V.tooLong },
      ],
      SETUP_FIELDS,
      (m) => m,
    );
    expect(fields).toEqual([{ name: ['name'], errors: [V.required, V.tooLong] }]);
  });
});

describe('applyIssues', () => {
  function fakeForm(errors: Record<string, string[]>) {
    const state = new Map(SETUP_FIELDS.map((name) => [JSON.stringify(name), { name, errors: errors[JSON.stringify(name)] ?? [] }]));
    return {
      getFieldsError: () => [...state.values()],
      setFields: (fields: FieldErrors[]) => fields.forEach((f) => state.set(JSON.stringify(f.name), { name: f.name, errors: f.errors })),
      errorsOf: (name: FieldName) => state.get(JSON.stringify(name))!.errors,
    };
  }

  it('sets the new errors and clears those of fields that are now fine', () => {
    const form = fakeForm({ [JSON.stringify(['unit'])]: ['old'] });
    const unplaced = applyIssues(form, [{ path: ['name'], message: V.required }], upper);
    expect(unplaced).toEqual([]);
    expect(form.errorsOf(['name'])).toEqual([V.required.toUpperCase()]);
    expect(form.errorsOf(['unit'])).toEqual([]);
    applyIssues(form, [], upper);
    expect(form.errorsOf(['name'])).toEqual([]);
  });
});
