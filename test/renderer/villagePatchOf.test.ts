import { describe, expect, it } from 'vitest';
import { villagePatch, type Village } from '../../shared/domain/village';
import { villageFormValues, villagePatchOf } from '../../renderer/src/screens/villages/villagePatchOf';

const VILLAGE: Village = {
  id: '01900000-0000-7000-8000-000000000001',
  name: '李家村',
  code: null,
  township: '青石镇',
  county: '临河县',
  notes: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('villagePatchOf', () => {
  it('is empty when the form is as loaded (empty boxes mean null)', () => {
    expect(villagePatchOf(VILLAGE, villageFormValues(VILLAGE))).toEqual({});
    expect(villagePatchOf(VILLAGE, { ...villageFormValues(VILLAGE), name: '  李家村 ' })).toEqual({});
  });

  it('holds only the fields that changed, trimmed, with a cleared optional field as null', () => {
    const patch = villagePatchOf(VILLAGE, { ...villageFormValues(VILLAGE), name: ' 李家新村', county: '', code: '371325101201' });
    expect(patch).toEqual({ name: '李家新村', county: null, code: '371325101201' });
    expect(villagePatch.safeParse(patch).success).toBe(true);
  });

  it('keeps a cleared required field as empty text, so the schema refuses it', () => {
    const patch = villagePatchOf(VILLAGE, { ...villageFormValues(VILLAGE), name: '  ' });
    expect(patch).toEqual({ name: '' });
    expect(villagePatch.safeParse(patch).success).toBe(false);
  });
});
