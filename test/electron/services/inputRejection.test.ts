// The main process trusts nothing it is sent: every method of the contract refuses bad input
// with INVALID_INPUT and issues that name the field, before touching the database. The table
// below is walked from API_METHODS, so a new method without bad inputs fails here.
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../shared/api/contract';
import { V } from '../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

type Path = (string | number)[];

interface BadInput {
  readonly label: string;
  readonly input: unknown;
  /** The field the refusal must name, and the message (an i18n key where the schema gives one). */
  readonly path: Path;
  readonly message?: string | RegExp;
}

const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

const long = (n: number) => '长'.repeat(n);
/** zod's message for a key the strict schema does not know (keys here are plain identifiers). */
/** An own `__proto__` key, as JSON.parse makes it (a literal `__proto__:` would set the prototype). */
const protoKey = () => JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown>;

/** An object nested 10,000 levels deep, built without recursion (and only once: it is never changed). */
const DEEP: unknown = (() => {
  let value: unknown = { end: true };
  for (let i = 0; i < 10_000; i++) value = { a: [value] };
  return value;
})();

/** Inputs that are wrong as a whole, whatever the method: the refusal names the root. */
function wrongShapes(): BadInput[] {
  return [
    { label: 'null', input: null, path: [] },
    { label: 'a number', input: 42, path: [] },
    { label: 'a string of JSON', input: '{"name":"李家村"}', path: [] },
    { label: 'true', input: true, path: [] },
    { label: 'an array instead of an object', input: [{ name: '李家村' }], path: [] },
    { label: 'an array nested 10,000 deep', input: [DEEP], path: [] },
    { label: 'a function', input: () => ({}), path: [] },
  ];
}

/** Extra keys are refused (the schemas are strict), so a caller cannot smuggle a column in. */
function strayKeys(valid: Record<string, unknown>, inside?: string): BadInput[] {
  const at: Path = inside ? [inside] : [];
  const place = (extra: Record<string, unknown>) =>
    inside ? { ...valid, [inside]: { ...(valid[inside] as Record<string, unknown>), ...extra } } : { ...valid, ...extra };
  // Each stray key is named as its own field (path ends in the key) with the i18n message.
  const stray = (key: string) => ({ path: [...at, key], message: V.unknownField });
  return [
    { label: 'an unknown key', input: place({ bogus: 1 }), ...stray('bogus') },
    { label: 'a deleted_at key', input: place({ deleted_at: '2026-01-01T00:00:00.000Z' }), ...stray('deleted_at') },
    { label: 'a village_id key', input: place({ village_id: UUID }), ...stray('village_id') },
    { label: 'a __proto__ key from JSON.parse', input: place(protoKey()), ...stray('__proto__') },
    { label: 'a constructor key', input: place({ constructor: { prototype: { polluted: true } } }), ...stray('constructor') },
    { label: 'deeply nested junk under an unknown key', input: place({ junk: DEEP }), ...stray('junk') },
  ];
}

/** Bad ids: anything but a lowercase RFC 9562 UUID. */
function badIds(wrap: (id: unknown) => unknown, at: Path): BadInput[] {
  return [
    { label: 'no id', input: wrap(undefined), path: at, message: V.uuid },
    { label: 'an empty id', input: wrap(''), path: at, message: V.uuid },
    { label: 'a non-UUID id', input: wrap('not-a-uuid'), path: at, message: V.uuid },
    { label: 'an upper-case UUID', input: wrap(UUID.toUpperCase()), path: at, message: V.uuid },
    { label: 'a UUID with a trailing newline', input: wrap(`${UUID}\n`), path: at, message: V.uuid },
    { label: 'a UUID with a space before it', input: wrap(` ${UUID}`), path: at, message: V.uuid },
    { label: 'an SQL fragment', input: wrap("' OR 1=1 --"), path: at, message: V.uuid },
    { label: 'a number id', input: wrap(12345), path: at, message: V.uuid },
    { label: 'a null id', input: wrap(null), path: at, message: V.uuid },
    { label: 'an array of ids', input: wrap([UUID]), path: at, message: V.uuid },
    { label: 'an object id', input: wrap({ id: UUID }), path: at, message: V.uuid },
  ];
}

/** A valid village input with some fields replaced. */
const village = (over: Record<string, unknown>) => ({ name: '新民村', township: '青石镇', county: '临河县', code: '371325101206', notes: '修路', ...over });

function badVillageFields(wrap: (fields: Record<string, unknown>) => unknown, at: Path): BadInput[] {
  return [
    { label: 'an empty name', input: wrap({ name: '' }), path: [...at, 'name'], message: V.required },
    { label: 'a whitespace-only name', input: wrap({ name: ' \t\n\u3000 ' }), path: [...at, 'name'], message: V.required },
    { label: 'a null name', input: wrap({ name: null }), path: [...at, 'name'], message: V.required },
    { label: 'a number name', input: wrap({ name: 7 }), path: [...at, 'name'], message: V.required },
    { label: 'an object name', input: wrap({ name: { toString: () => '李家村' } }), path: [...at, 'name'], message: V.required },
    { label: 'a name of 41 characters', input: wrap({ name: long(41) }), path: [...at, 'name'], message: V.tooLong },
    { label: 'a whitespace-only township', input: wrap({ township: '   ' }), path: [...at, 'township'], message: V.required },
    { label: 'a township of 41 characters', input: wrap({ township: long(41) }), path: [...at, 'township'], message: V.tooLong },
    { label: 'a 5-digit division code', input: wrap({ code: '12345' }), path: [...at, 'code'], message: V.divisionCode },
    { label: 'a 12-letter division code', input: wrap({ code: 'abcdefghijkl' }), path: [...at, 'code'], message: V.divisionCode },
    { label: 'a 13-digit division code', input: wrap({ code: '3713251012011' }), path: [...at, 'code'], message: V.divisionCode },
    { label: 'full-width digits in the code', input: wrap({ code: '３７１３２５１０１２０１' }), path: [...at, 'code'], message: V.divisionCode },
    { label: 'a number code', input: wrap({ code: 371325101201 }), path: [...at, 'code'], message: V.divisionCode },
    { label: 'a county of 41 characters', input: wrap({ county: long(41) }), path: [...at, 'county'], message: V.tooLong },
    { label: 'a number county', input: wrap({ county: 5 }), path: [...at, 'county'], message: V.invalid },
    { label: 'notes of 2001 characters', input: wrap({ notes: long(2001) }), path: [...at, 'notes'], message: V.tooLong },
    { label: 'array notes', input: wrap({ notes: ['修路'] }), path: [...at, 'notes'], message: V.invalid },
  ];
}

/** A valid first-run setup with some fields replaced. */
const setup = (over: Record<string, unknown>) => ({ ...SECRETARY_SETUP, villages: [...SECRETARY_SETUP.villages], ...over });

/** Every method's bad inputs; `liveId` is a village that exists when the device is set up. */
function badInputsFor(liveId: string): Record<string, BadInput[]> {
  return {
    'app.info': [...wrongShapes(), ...strayKeys({})],
    'device.status': [...wrongShapes(), ...strayKeys({})],
    'demo.load': [...wrongShapes(), ...strayKeys({})],
    'device.setup': [
      ...wrongShapes(),
      ...strayKeys(setup({})),
      { label: 'no role', input: setup({ role: undefined }), path: ['role'], message: V.required },
      { label: 'no unit level', input: setup({ unitLevel: undefined }), path: ['unitLevel'], message: V.required },
      { label: 'an unknown role', input: setup({ role: 'admin' }), path: ['role'], message: V.invalid },
      { label: 'a role in the wrong case', input: setup({ role: 'Secretary' }), path: ['role'], message: V.invalid },
      { label: 'an empty name', input: setup({ name: '' }), path: ['name'], message: V.required },
      { label: 'a whitespace-only name', input: setup({ name: '   ' }), path: ['name'], message: V.required },
      { label: 'a name of 21 characters', input: setup({ name: long(21) }), path: ['name'], message: V.tooLong },
      { label: 'no unit', input: setup({ unit: undefined }), path: ['unit'], message: V.required },
      { label: 'a unit of 61 characters', input: setup({ unit: long(61) }), path: ['unit'], message: V.tooLong },
      { label: 'an unknown unit level', input: setup({ unitLevel: 'village' }), path: ['unitLevel'], message: V.invalid },
      { label: 'no township', input: setup({ township: undefined }), path: ['township'], message: V.required },
      { label: 'a county of 41 characters', input: setup({ county: long(41) }), path: ['county'], message: V.tooLong },
      { label: 'a secretary with no village', input: setup({ villages: [] }), path: ['villages'], message: V.oneVillage },
      { label: 'a secretary with villages left out', input: setup({ villages: undefined }), path: ['villages'], message: V.oneVillage },
      { label: 'villages as an object', input: setup({ villages: { 0: { name: '李家村' } } }), path: ['villages'] },
      { label: '201 villages', input: setup({ villages: Array.from({ length: 201 }, (_, i) => ({ name: `村${i}` })) }), path: ['villages'], message: V.tooLong },
      { label: 'a village with an empty name', input: setup({ villages: [{ name: ' ' }] }), path: ['villages', 0, 'name'], message: V.required },
      { label: 'a second village with a 5-digit code', input: setup({ villages: [{ name: '李家村' }, { name: '王庄村', code: '12345' }] }), path: ['villages', 1, 'code'], message: V.divisionCode },
      { label: 'a village with a 12-letter code', input: setup({ villages: [{ name: '李家村', code: 'abcdefghijkl' }] }), path: ['villages', 0, 'code'], message: V.divisionCode },
      { label: 'a village with a stray key', input: setup({ villages: [{ name: '李家村', township: '别的镇' }] }), path: ['villages', 0, 'township'], message: V.unknownField },
      { label: 'a village with a __proto__ key', input: setup({ villages: [{ name: '李家村', ...protoKey() }] }), path: ['villages', 0, '__proto__'], message: V.unknownField },
      { label: 'a village that is a string', input: setup({ villages: ['李家村'] }), path: ['villages', 0] },
    ],
    'villages.list': [
      ...wrongShapes(),
      ...strayKeys({ search: '李' }),
      { label: 'a search of 41 characters', input: { search: long(41) }, path: ['search'], message: V.tooLong },
      { label: 'a number search', input: { search: 5 }, path: ['search'] },
      { label: 'a null search', input: { search: null }, path: ['search'] },
      { label: 'an array search', input: { search: ['李'] }, path: ['search'] },
      { label: 'an object search', input: { search: { $like: '%' } }, path: ['search'] },
    ],
    'villages.get': [...wrongShapes(), ...strayKeys({ id: liveId }), ...badIds((id) => ({ id }), ['id'])],
    'villages.create': [
      ...wrongShapes(),
      ...strayKeys(village({})),
      { label: 'an id chosen by the caller', input: village({ id: UUID }), path: ['id'], message: V.unknownField },
      { label: 'no name', input: { township: '青石镇' }, path: ['name'], message: V.required },
      { label: 'no township', input: { name: '新民村' }, path: ['township'], message: V.required },
      { label: 'an empty object', input: {}, path: ['name'], message: V.required },
      ...badVillageFields(village, []),
    ],
    'villages.update': [
      ...wrongShapes(),
      ...strayKeys({ id: liveId, patch: { name: '新名村' } }),
      ...strayKeys({ id: liveId, patch: { name: '新名村' } }, 'patch'),
      ...badIds((id) => ({ id, patch: { name: '新名村' } }), ['id']),
      { label: 'no patch', input: { id: liveId }, path: ['patch'] },
      { label: 'a null patch', input: { id: liveId, patch: null }, path: ['patch'] },
      { label: 'an array patch', input: { id: liveId, patch: [{ name: '新名村' }] }, path: ['patch'] },
      { label: 'a string patch', input: { id: liveId, patch: 'name=新名村' }, path: ['patch'] },
      { label: 'an id inside the patch', input: { id: liveId, patch: { id: UUID } }, path: ['patch', 'id'], message: V.unknownField },
      ...badVillageFields((fields) => ({ id: liveId, patch: fields }), ['patch']),
    ],
    'villages.delete': [...wrongShapes(), ...strayKeys({ id: liveId }), ...badIds((id) => ({ id }), ['id'])],
  };
}

async function freshApp(): Promise<{ app: TestApp; liveId: string }> {
  // Nothing exists yet: any well-formed id stands in for "a village".
  return { app: await openTestApp(tempDir()), liveId: UUID };
}

async function setUpApp(): Promise<{ app: TestApp; liveId: string }> {
  const app = await openTestApp(tempDir());
  const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
  return { app, liveId: profile.villageIds[0]! };
}

describe('the table of bad inputs', () => {
  it('lists bad inputs for every method of the contract, and for nothing else', () => {
    const table = badInputsFor(UUID);
    for (const method of API_METHODS) {
      if (!table[method]?.length) expect.fail(`no bad inputs listed for method ${method}`);
    }
    expect(Object.keys(table).filter((m) => !(API_METHODS as readonly string[]).includes(m))).toEqual([]);
  });
});

describe.each([
  { state: 'a device not yet set up', open: freshApp },
  { state: 'a set-up secretary device', open: setUpApp },
])('on $state', ({ open }) => {
  it.each([...API_METHODS])('%s refuses each bad input with INVALID_INPUT naming the field, and changes nothing', async (method) => {
    const { app, liveId } = await open();
    try {
      const cases = badInputsFor(liveId)[method];
      if (!cases?.length) expect.fail(`no bad inputs listed for method ${method}`);
      const before = app.snapshot();
      for (const bad of cases) {
        const error = await expectRefused(app, method, bad.input);
        const where = `${method} with ${bad.label}`;
        expect(error.code, where).toBe('INVALID_INPUT');
        expect(error.message, where).toBe(`Invalid input for ${method}`);
        expect(error.issues, where).toBeDefined();
        const named = error.issues!.filter((issue) => JSON.stringify(issue.path) === JSON.stringify(bad.path));
        expect(named, `${where}: no issue at ${JSON.stringify(bad.path)} in ${JSON.stringify(error.issues)}`).not.toHaveLength(0);
        if (bad.message !== undefined) {
          expect(named.map((issue) => issue.message), where).toContainEqual(typeof bad.message === 'string' ? bad.message : expect.stringMatching(bad.message));
        }
        // Every issue crosses the boundary as plain { path, message }: no zod internals.
        for (const issue of error.issues!) expect(Object.keys(issue).sort(), where).toEqual(['message', 'path']);
      }
      expect(app.snapshot(), `${method} changed the database while refusing bad input`).toBe(before);
    } finally {
      app.close();
    }
  });
});

describe('the valid neighbours of the bad inputs are accepted', () => {
  // Without these, a schema that refused everything would pass the table above.
  it('accepts the inputs the bad cases were made from', async () => {
    const app = await openTestApp(tempDir());
    try {
      await expectOk(app, 'app.info');
      await expectOk(app, 'app.info', {});
      await expectOk(app, 'device.status');
      await expectOk(app, 'villages.list');
      await expectOk(app, 'villages.list', { search: '  ' });
      const profile = await expectOk(app, 'device.setup', setup({}) as typeof SECRETARY_SETUP);
      const id = profile.villageIds[0]!;
      await expectOk(app, 'villages.get', { id });
      await expectOk(app, 'villages.list', { search: long(40) });
      const created = await expectOk(app, 'villages.create', village({ name: long(40), township: long(40), county: long(40), notes: long(2000), code: '' }));
      expect(created.code).toBeNull();
      await expectOk(app, 'villages.update', { id, patch: { name: '新名村', code: null, county: '  ', notes: '' } });
      await expectOk(app, 'villages.update', { id, patch: {} });
      await expectOk(app, 'villages.delete', { id });
    } finally {
      app.close();
    }
  });
});

describe('method names', () => {
  const NOT_METHODS: unknown[] = [
    'villages.destroy',
    'households.list',
    '',
    'app.info ',
    ' app.info',
    'APP.INFO',
    'app',
    'app.info.extra',
    'api:app.info',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'x'.repeat(10_000),
    42,
    null,
    undefined,
    ['app.info'],
  ];

  it.each(NOT_METHODS.map((name) => [typeof name === 'string' && name.length > 40 ? `${name.slice(0, 12)}… (${name.length})` : JSON.stringify(name) ?? 'undefined', name]))(
    '%s is UNKNOWN_METHOD, and nothing runs',
    async (_label, name) => {
      const { app } = await setUpApp();
      try {
        const before = app.snapshot();
        const error = await expectRefused(app, name as string, { id: UUID });
        expect(error.code).toBe('UNKNOWN_METHOD');
        expect(error.message.length).toBeLessThanOrEqual('No such method: '.length + 80);
        expect(error.issues).toBeUndefined();
        expect(app.snapshot()).toBe(before);
      } finally {
        app.close();
      }
    },
  );
});
