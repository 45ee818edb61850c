// The district role in first-run setup: its scope is several townships, each named once; the
// other roles keep exactly one township. Every refusal names its field with an i18n key.
import { describe, expect, it } from 'vitest';
import { deviceSetupInput, keepsWholeTownships, MAX_DISTRICT_TOWNSHIPS, townshipsOf, ROLE_LABELS } from '../../shared/domain/device';
import { V } from '../../shared/domain/validation';

const DISTRICT = { role: 'district', name: '周强', unit: '临河县委组织部', unitLevel: 'county', county: '临河县' } as const;

function issuesOf(input: unknown): { path: PropertyKey[]; message: string }[] {
  const parsed = deviceSetupInput.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

describe('a district in device setup', () => {
  it('is a role with its Chinese and English label', () => {
    expect(ROLE_LABELS.district).toEqual({ zh: '区县组织部', en: 'District organisation department' });
  });

  it('keeps its townships, trimmed, in the order typed, and needs no township field or village', () => {
    const parsed = deviceSetupInput.parse({ ...DISTRICT, townships: [' 青石镇', '白河镇 '] });
    expect(parsed).toMatchObject({ role: 'district', township: null, townships: ['青石镇', '白河镇'], villages: [] });
  });

  it('needs at least one township', () => {
    expect(issuesOf({ ...DISTRICT, townships: [] })).toEqual([{ path: ['townships'], message: V.oneTownship }]);
    expect(issuesOf({ ...DISTRICT })).toEqual([{ path: ['townships'], message: V.oneTownship }]);
  });

  it('refuses a township listed twice, a blank one and too many, each under the townships field', () => {
    expect(issuesOf({ ...DISTRICT, townships: ['青石镇', '白河镇', ' 青石镇'] })).toEqual([{ path: ['townships', 2], message: V.duplicateTownship }]);
    expect(issuesOf({ ...DISTRICT, townships: ['青石镇', '  '] })).toEqual([{ path: ['townships', 1], message: V.required }]);
    const many = Array.from({ length: MAX_DISTRICT_TOWNSHIPS + 1 }, (_, i) => `第${i}镇`);
    expect(issuesOf({ ...DISTRICT, townships: many })).toEqual([{ path: ['townships'], message: V.tooLong }]);
    expect(issuesOf({ ...DISTRICT, townships: '青石镇' })).toEqual([{ path: ['townships'], message: V.invalid }]);
  });

  it('accepts a township field only when it is one of its townships', () => {
    expect(deviceSetupInput.parse({ ...DISTRICT, township: '白河镇', townships: ['青石镇', '白河镇'] }).township).toBe('白河镇');
    expect(issuesOf({ ...DISTRICT, township: '东山镇', townships: ['青石镇'] })).toEqual([{ path: ['township'], message: V.townshipNotListed }]);
  });
});

describe('a secretary or coordinator in device setup', () => {
  const COORDINATOR = { role: 'coordinator', name: '赵敏', unit: '青石镇人民政府', unitLevel: 'township' } as const;

  it('still needs its one township', () => {
    expect(issuesOf({ ...COORDINATOR })).toEqual([{ path: ['township'], message: V.required }]);
    expect(issuesOf({ ...COORDINATOR, township: '  ' })).toEqual([{ path: ['township'], message: V.required }]);
    expect(deviceSetupInput.parse({ ...COORDINATOR, township: '青石镇' })).toMatchObject({ township: '青石镇', townships: [] });
  });

  it('may not list several townships: they would be dropped without a word', () => {
    expect(issuesOf({ ...COORDINATOR, township: '青石镇', townships: ['白河镇'] })).toEqual([{ path: ['townships'], message: V.townshipsDistrictOnly }]);
    expect(issuesOf({ ...COORDINATOR, role: 'secretary', township: '青石镇', townships: ['白河镇'], villages: [{ name: '李家村' }] })).toEqual([
      { path: ['townships'], message: V.townshipsDistrictOnly },
    ]);
  });
});

describe('an empty or half-filled setup form', () => {
  it('names the township fields alongside the others, for every role', () => {
    const empty = issuesOf({ role: 'secretary', villages: [{ name: '' }] });
    expect(empty).toContainEqual({ path: ['township'], message: V.required });
    expect(empty).toContainEqual({ path: ['name'], message: V.required });
    const district = issuesOf({ role: 'district' });
    expect(district).toContainEqual({ path: ['townships'], message: V.oneTownship });
    expect(district).toContainEqual({ path: ['unit'], message: V.required });
  });
});

describe('the townships a profile keeps', () => {
  it('are a district\'s list, or anyone else\'s one township; only a secretary keeps villages instead', () => {
    expect(townshipsOf({ township: '青石镇', townships: ['青石镇', '白河镇'] })).toEqual(['青石镇', '白河镇']);
    expect(townshipsOf({ township: '青石镇' })).toEqual(['青石镇']);
    expect([keepsWholeTownships('secretary'), keepsWholeTownships('coordinator'), keepsWholeTownships('district')]).toEqual([false, true, true]);
  });
});
