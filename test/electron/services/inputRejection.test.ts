// The main process trusts nothing it is sent: every method of the contract refuses bad input
// with INVALID_INPUT and issues that name the field, before touching the database. The table
// below is walked from API_METHODS, so a new method without bad inputs fails here.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_METHODS, contract } from '../../../shared/api/contract';
import { LEDGER_NOUNS, type ApiMethod, type LedgerNoun } from '../../../shared/api/methods';
import { idCheckChar } from '../../../shared/domain/idNumber';
import type { LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { P } from '../../../shared/domain/party/messages';
import { DEFAULT_THRESHOLDS } from '../../../shared/domain/settings';
import { V } from '../../../shared/domain/validation';
import { PLACEHOLDER_REFS, prepareSample, sampleOf } from '../../helpers/ledgerSamples';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';
import { villageOfAnotherTownship } from '../../helpers/foreignVillage';

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
    { label: 'no id', input: wrap(undefined), path: at, message: V.required },
    { label: 'an empty id', input: wrap(''), path: at, message: V.uuid },
    { label: 'a non-UUID id', input: wrap('not-a-uuid'), path: at, message: V.uuid },
    { label: 'an upper-case UUID', input: wrap(UUID.toUpperCase()), path: at, message: V.uuid },
    { label: 'a UUID with a trailing newline', input: wrap(`${UUID}\n`), path: at, message: V.uuid },
    { label: 'a UUID with a space before it', input: wrap(` ${UUID}`), path: at, message: V.uuid },
    { label: 'an SQL fragment', input: wrap("' OR 1=1 --"), path: at, message: V.uuid },
    { label: 'a number id', input: wrap(12345), path: at, message: V.uuid },
    { label: 'a null id', input: wrap(null), path: at, message: V.required },
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
const PERIOD = { from: '2026-10-01', to: '2026-10-31' };
/** A period is two ISO dates, the end not before the start, at most four years apart. */
function periodBadInputs(): BadInput[] {
  return [
    { label: 'no start', input: { to: PERIOD.to }, path: ['from'], message: V.required },
    { label: 'no end', input: { from: PERIOD.from }, path: ['to'], message: V.required },
    { label: 'a start that is not a date', input: { ...PERIOD, from: '2026-13-01' }, path: ['from'], message: V.date },
    { label: 'an end as a number', input: { ...PERIOD, to: 20261031 }, path: ['to'], message: V.invalid },
    { label: 'an end before the start', input: { from: '2026-10-31', to: '2026-10-01' }, path: ['to'], message: V.dateOrder },
    { label: 'a period of five years', input: { from: '2021-01-01', to: '2026-01-01' }, path: ['to'], message: V.periodTooLong },
  ];
}

/** A valid report request (a township's summary) with some fields replaced or left out. */
const REPORT = { report: 'summary', scope: 'township', ...PERIOD };
const report = (over: Record<string, unknown>) => ({ ...REPORT, ...over });

/** What any report request may not be: shared by reports.preview and reports.export. */
function reportRequestBadInputs(wrap: (over: Record<string, unknown>) => Record<string, unknown>): BadInput[] {
  const without = (...keys: string[]) => Object.fromEntries(Object.entries(wrap({})).filter(([k]) => !keys.includes(k)));
  const withoutKey = (key: string) => without(key);
  return [
    ...wrongShapes(),
    ...strayKeys(wrap({})),
    ...periodBadInputs().map((bad) => ({ ...bad, input: { ...without('from', 'to'), ...(bad.input as object) } })),
    { label: 'no report', input: withoutKey('report'), path: ['report'], message: V.required },
    { label: 'an unknown report', input: wrap({ report: 'payroll' }), path: ['report'], message: V.invalid },
    { label: 'no scope', input: withoutKey('scope'), path: ['scope'], message: V.required },
    { label: 'an unknown scope', input: wrap({ scope: 'city' }), path: ['scope'], message: V.invalid },
    { label: 'a monthly report for a township (it is one secretary’s)', input: wrap({ report: 'monthly' }), path: ['scope'], message: V.invalid },
    { label: 'a village scope without the village', input: wrap({ scope: 'village' }), path: ['villageId'], message: V.required },
    { label: 'a village id that is not an id', input: wrap({ scope: 'village', villageId: '李家村' }), path: ['villageId'], message: V.uuid },
    { label: 'a village with a township scope', input: wrap({ villageId: UUID }), path: ['villageId'], message: V.invalid },
    { label: 'a township with a district scope', input: wrap({ scope: 'district', township: '青石镇' }), path: ['township'], message: V.invalid },
    { label: 'an empty township', input: wrap({ township: '  ' }), path: ['township'], message: V.required },
    { label: 'a township of 41 characters', input: wrap({ township: '镇'.repeat(41) }), path: ['township'], message: V.tooLong },
    { label: 'an unknown language', input: wrap({ language: 'fr' }), path: ['language'], message: V.invalid },
    { label: 'full numbers as text', input: wrap({ showFullNumbers: 'yes' }), path: ['showFullNumbers'], message: V.invalid },
    { label: 'an unknown way of showing ID numbers on a notice', input: wrap({ noticeIds: 'full' }), path: ['noticeIds'], message: V.invalid },
    { label: 'a household category on a summary', input: wrap({ householdCategory: 'lifted' }), path: ['householdCategory'], message: V.invalid },
    { label: 'an unknown household category', input: wrap({ report: 'householdsNotice', householdCategory: 'rich' }), path: ['householdCategory'], message: V.invalid },
  ];
}

function reportBadInputs(): Record<string, BadInput[]> {
  const exportOf = (over: Record<string, unknown>) => ({ ...REPORT, format: 'xlsx', path: '/tmp/汇总表.xlsx', ...over });
  const pdfOf = (over: Record<string, unknown>) => ({ ...REPORT, path: '/tmp/汇总表.pdf', ...over });
  return {
    'reports.preview': [
      ...reportRequestBadInputs(report),
      { label: 'a limit of 0 rows', input: report({ limit: 0 }), path: ['limit'], message: V.invalid },
      { label: 'a limit of 2001 rows', input: report({ limit: 2001 }), path: ['limit'], message: V.tooLarge },
      { label: 'a limit of 1.5 rows', input: report({ limit: 1.5 }), path: ['limit'], message: V.wholeNumber },
    ],
    'reports.export': [
      ...reportRequestBadInputs(exportOf),
      { label: 'no format', input: exportOf({ format: undefined }), path: ['format'], message: V.required },
      { label: 'a PDF (the print page makes those)', input: exportOf({ format: 'pdf', path: '/tmp/a.pdf' }), path: ['format'], message: V.invalid },
      ...badPaths((path) => exportOf({ path }), ['path']).filter((bad) => bad.label !== 'no path'),
      { label: 'a path whose extension is not the format', input: exportOf({ path: '/tmp/汇总表.csv' }), path: ['path'], message: V.invalid },
      { label: 'a limit (an export has every row)', input: exportOf({ limit: 10 }), path: ['limit'], message: V.unknownField },
    ],
    'reports.job': [...wrongShapes(), ...strayKeys({ id: UUID }), ...badIds((id) => ({ id }), ['id'])],
    'reports.cancel': [...wrongShapes(), ...strayKeys({ id: UUID }), ...badIds((id) => ({ id }), ['id'])],
    'reports.recent': [...wrongShapes(), ...strayKeys({})],
    'reports.pdf': [
      ...reportRequestBadInputs(pdfOf),
      ...badPaths((path) => pdfOf({ path }), ['path']),
      { label: 'a path that is not a PDF', input: pdfOf({ path: '/tmp/汇总表.xlsx' }), path: ['path'], message: V.invalid },
      { label: 'a format (the print page makes the PDF)', input: pdfOf({ format: 'pdf' }), path: ['format'], message: V.unknownField },
    ],
    'reports.print': [
      ...reportRequestBadInputs(report),
      { label: 'a path (printing goes to the print dialog)', input: report({ path: '/tmp/a.pdf' }), path: ['path'], message: V.unknownField },
    ],
  };
}

const setup = (over: Record<string, unknown>) => ({ ...SECRETARY_SETUP, villages: [...SECRETARY_SETUP.villages], ...over });

// ---- The ledgers: bad inputs generated from their definitions, so a new ledger is covered. ----

type AnyDefinition = LedgerDefinition<string, z.ZodRawShape>;

/** The schema under optional/nullable/default/pipe wrappers. */
function baseOf(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

/** One wrong value of one field: where the refusal must point (below the field) and the key. */
interface BadValue {
  readonly label: string;
  readonly value: unknown;
  readonly message: string;
  readonly below?: Path;
}

/** Fields a ledger derives itself; a caller's value is overwritten, so only its type is checked. */
const DERIVED: Record<string, readonly string[]> = { leaves: ['days'] };

const ID_BASE = '11010519491231002';
const VALID_ID = ID_BASE + idCheckChar(ID_BASE);
const WRONG_CHECK = ID_BASE + (VALID_ID.endsWith('0') ? '1' : '0');

/** The wrong values of a field, from what kind of field it is (not from its own messages). */
function badValuesOf(noun: string, field: string, schema: z.ZodType): BadValue[] {
  const base = baseOf(schema);
  const required = !accepts(schema, undefined);
  const wrongType = required ? V.required : V.invalid;
  if (field === 'idNumber') {
    return [
      { label: 'an ID number with a wrong check digit', value: WRONG_CHECK, message: V.idCheckDigit },
      { label: 'an ID number born on 1949-13-31', value: '110105194913310021', message: V.idBirthDate },
      { label: 'an ID number of 17 digits', value: ID_BASE, message: V.idNumber },
      { label: 'an ID number with a letter inside', value: `11010519491231X02${VALID_ID.slice(-1)}`, message: V.idNumber },
      { label: 'a number ID number', value: Number(ID_BASE), message: V.idNumber },
    ];
  }
  if (DERIVED[noun]?.includes(field)) return [{ label: 'text', value: 'x', message: V.invalid }];
  if (base instanceof z.ZodEnum) {
    return [
      { label: 'an unknown choice', value: 'bogus', message: V.invalid },
      { label: 'a choice in the wrong case', value: String(base.options[0]).toUpperCase() + '_', message: V.invalid },
      { label: 'a number choice', value: 1, message: V.invalid },
    ];
  }
  if (base instanceof z.ZodArray && !(baseOf(base.element as z.ZodType) instanceof z.ZodEnum)) {
    // A list of words (a diary day's duty tags, the township's own words): checked against its set by the service.
    return [
      { label: 'a list with a word twice', value: ['发展集体经济', '发展集体经济'], message: V.invalid },
      { label: 'a list with an empty word', value: ['发展集体经济', ' '], message: V.required, below: [1] },
      { label: 'a list with a 21-character word', value: ['建'.repeat(21)], message: V.tooLong, below: [0] },
      { label: 'one word not in a list', value: '发展集体经济', message: V.invalid },
    ];
  }
  if (base instanceof z.ZodArray) {
    const first = String((baseOf(base.element as z.ZodType) as z.ZodEnum).options[0]);
    return [
      { label: 'a list with an unknown choice', value: [first, 'bogus'], message: V.invalid, below: [1] },
      { label: 'a list with a choice twice', value: [first, first], message: V.invalid },
      { label: 'one choice not in a list', value: first, message: V.invalid },
    ];
  }
  if (base instanceof z.ZodBoolean) {
    return [
      { label: 'a string boolean', value: 'true', message: V.invalid },
      { label: 'a number boolean', value: 1, message: V.invalid },
    ];
  }
  if (base instanceof z.ZodNumber) {
    const out: BadValue[] = [{ label: 'a number as text', value: '100', message: V.invalid }];
    if (field.endsWith('Fen')) {
      out.push({ label: 'negative money', value: -1, message: V.notNegative }, { label: 'a fraction of a fen', value: 1.5, message: V.money });
    } else if (field === 'year') {
      out.push({ label: 'the year 1999', value: 1999, message: V.year }, { label: 'the year 2101', value: 2101, message: V.year }, { label: 'a fractional year', value: 2026.5, message: V.year });
    } else {
      out.push({ label: 'a negative number', value: -1, message: V.notNegative });
      if (base.isInt) out.push({ label: 'a fractional count', value: 1.5, message: V.wholeNumber });
    }
    return out;
  }
  if (base instanceof z.ZodString && base.maxLength !== null) {
    const out: BadValue[] = [
      { label: `text of ${base.maxLength + 1} characters`, value: long(base.maxLength + 1), message: V.tooLong },
      { label: 'a number instead of text', value: 7, message: wrongType },
      { label: 'an array instead of text', value: ['x'], message: wrongType },
    ];
    if (required) out.push({ label: 'empty text', value: '', message: V.required }, { label: 'whitespace-only text', value: ' \t\u3000 ', message: V.required });
    return out;
  }
  if (accepts(schema, '2026-11-01')) {
    return [
      { label: 'the 30th of February', value: '2026-02-30', message: V.date },
      { label: 'a date without dashes', value: '20261101', message: V.date },
      { label: 'a date with a time', value: '2026-11-01T08:00:00Z', message: V.date },
      { label: 'a number date', value: 20261101, message: V.invalid },
    ];
  }
  if (accepts(schema, '13812345678')) {
    return [
      { label: 'a 5-digit phone', value: '12345', message: V.phone },
      { label: 'a 10-digit mobile', value: '1381234567', message: V.phone },
      { label: 'a mobile with +86', value: '+8613812345678', message: V.phone },
      { label: 'a number phone', value: 13812345678, message: V.phone },
    ];
  }
  if (accepts(schema, UUID)) {
    return [
      { label: 'a non-UUID reference', value: 'not-a-uuid', message: V.uuid },
      { label: 'an upper-case UUID reference', value: UUID.toUpperCase(), message: V.uuid },
      { label: 'a number reference', value: 5, message: V.uuid },
    ];
  }
  throw new Error(`${noun}.${field}: no bad values known for this kind of field; teach badValuesOf about it`);
}

/** What a required field says when it is left out: the same for a reference as for text. */
function missingMessage(_schema: z.ZodType): string {
  return V.required;
}

/** Cross-field rules each ledger's definition checks on a whole record. */
const CROSS_FIELD: Partial<Record<LedgerNoun, { label: string; over: Record<string, unknown>; path: Path; message: string }[]>> = {
  visits: [{ label: 'a next visit before the visit', over: { visitDate: '2026-11-20', nextVisitDue: '2026-11-19' }, path: ['nextVisitDue'], message: V.dateOrder }],
  needs: [{ label: 'done without the day it was closed', over: { status: 'done', closedOn: null }, path: ['closedOn'], message: V.required }],
  projects: [{ label: 'an end before the start', over: { startDate: '2026-03-01', endDate: '2026-02-28' }, path: ['endDate'], message: V.dateOrder }],
  secretaries: [{ label: 'a term ending before it starts', over: { termStart: '2025-01-01', termEnd: '2024-12-31' }, path: ['termEnd'], message: V.dateOrder }],
  funds: [{ label: 'an amount of 0', over: { amountFen: 0 }, path: ['amountFen'], message: V.notNegative }],
  leaves: [
    { label: 'an end before the start', over: { startDate: '2026-12-05', endDate: '2026-12-04' }, path: ['endDate'], message: V.dateOrder },
    { label: '5 days approved by the township', over: { startDate: '2026-12-01', endDate: '2026-12-05', approverLevel: 'township' }, path: ['approverLevel'], message: V.approverLevel },
    { label: '2 days sent to the county', over: { startDate: '2026-12-01', endDate: '2026-12-02', approverLevel: 'county' }, path: ['approverLevel'], message: V.approverLevel },
  ],
  monitoring: [
    { label: 'a posting of 4 days', over: { postingStart: '2026-11-05', postingEnd: '2026-11-08' }, path: ['postingEnd'], message: V.postingTooShort },
    { label: 'a township review before the posting', over: { homeCheckDate: '2026-11-01', postingStart: '2026-11-05', postingEnd: '2026-11-10', townshipReviewDate: '2026-11-04' }, path: ['townshipReviewDate'], message: V.dateOrder },
    { label: 'a posting before the home check', over: { homeCheckDate: '2026-11-06', postingStart: '2026-11-05' }, path: ['postingStart'], message: V.dateOrder },
    { label: 'cleared without the day', over: { riskCleared: true, clearedDate: null }, path: ['clearedDate'], message: V.required },
  ],
};

/** A valid create input of a ledger (its references stand-ins: the schema never looks them up). */
function validCreate(noun: LedgerNoun, villageId: string): Record<string, unknown> {
  return { villageId, ...sampleOf(noun).input(PLACEHOLDER_REFS, 1) };
}

function ledgerBadInputs(villageId: string): Record<string, BadInput[]> {
  const table: Record<string, BadInput[]> = {};
  for (const noun of LEDGER_NOUNS) {
    const def = LEDGER_DEFINITIONS[noun] as unknown as AnyDefinition;
    const valid = validCreate(noun, villageId);
    const fieldCases = (wrap: (over: Record<string, unknown>) => unknown, at: Path) =>
      Object.entries(def.fields).flatMap(([field, schema]) =>
        badValuesOf(noun, field, schema as z.ZodType).map(
          (bad): BadInput => ({ label: `${field}: ${bad.label}`, input: wrap({ [field]: bad.value }), path: [...at, field, ...(bad.below ?? [])], message: bad.message }),
        ),
      );
    const requiredFields = Object.entries(def.fields).filter(([, schema]) => !accepts(schema as z.ZodType, undefined));
    const without = (field: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));

    table[`${noun}.create`] = [
      ...wrongShapes(),
      ...strayKeys(valid),
      { label: 'an id chosen by the caller', input: { ...valid, id: UUID }, path: ['id'], message: V.unknownField },
      { label: 'a created_at key', input: { ...valid, created_at: '2026-01-01' }, path: ['created_at'], message: V.unknownField },
      { label: 'refNames sent back', input: { ...valid, refNames: {} }, path: ['refNames'], message: V.unknownField },
      { label: 'no villageId', input: without('villageId'), path: ['villageId'], message: V.required },
      { label: 'a non-UUID villageId', input: { ...valid, villageId: 'village-1' }, path: ['villageId'], message: V.uuid },
      { label: 'an unknown confirmation', input: { ...valid, confirm: ['everything'] }, path: ['confirm', 0], message: V.invalid },
      { label: 'confirm as a string', input: { ...valid, confirm: 'overspend' }, path: ['confirm'], message: V.invalid },
      { label: 'an empty object', input: {}, path: ['villageId'], message: V.required },
      ...requiredFields.map(([field, schema]): BadInput => ({ label: `no ${field}`, input: without(field), path: [field], message: missingMessage(schema as z.ZodType) })),
      ...requiredFields.map(([field, schema]): BadInput => ({ label: `a null ${field}`, input: { ...valid, [field]: null }, path: [field], message: missingMessage(schema as z.ZodType) })),
      ...fieldCases((over) => ({ ...valid, ...over }), []),
      ...(CROSS_FIELD[noun] ?? []).map((c): BadInput => ({ label: c.label, input: { ...valid, ...c.over }, path: c.path, message: c.message })),
    ];

    const [firstField, firstSchema] = Object.entries(def.fields)[0]!;
    const patch = { [firstField]: (validCreate(noun, villageId) as Record<string, unknown>)[firstField] };
    void firstSchema;
    table[`${noun}.update`] = [
      ...wrongShapes(),
      ...strayKeys({ id: UUID, patch }),
      ...strayKeys({ id: UUID, patch }, 'patch'),
      ...badIds((id) => ({ id, patch }), ['id']),
      { label: 'an id inside the patch', input: { id: UUID, patch: { id: UUID } }, path: ['patch', 'id'], message: V.unknownField },
      { label: 'a villageId inside the patch (a row never moves)', input: { id: UUID, patch: { villageId: UUID } }, path: ['patch', 'villageId'], message: V.unknownField },
      { label: 'an updatedAt inside the patch', input: { id: UUID, patch: { updatedAt: '2026-01-01' } }, path: ['patch', 'updatedAt'], message: V.unknownField },
      { label: 'no patch', input: { id: UUID }, path: ['patch'] },
      { label: 'a null patch', input: { id: UUID, patch: null }, path: ['patch'] },
      { label: 'an array patch', input: { id: UUID, patch: [patch] }, path: ['patch'] },
      { label: 'an unknown confirmation', input: { id: UUID, patch, confirm: ['bogus'] }, path: ['confirm', 0], message: V.invalid },
      ...fieldCases((over) => ({ id: UUID, patch: over }), ['patch']),
    ];

    const notFilterable = Object.keys(def.fields).find((f) => !def.filterable.includes(f))!;
    const filterable = def.filterable[0]!;
    const filterBad = badValuesOf(noun, filterable, def.fields[filterable] as z.ZodType)[0]!;
    table[`${noun}.list`] = [
      ...wrongShapes(),
      ...strayKeys({}),
      ...strayKeys({ filters: {} }, 'filters'),
      { label: `a filter on ${notFilterable}, which is not filterable`, input: { filters: { [notFilterable]: null } }, path: ['filters', notFilterable], message: V.unknownField },
      { label: 'a filter on a column name', input: { filters: { village_id: UUID } }, path: ['filters', 'village_id'], message: V.unknownField },
      { label: `a filter on ${filterable} with ${filterBad.label}`, input: { filters: { [filterable]: filterBad.value } }, path: ['filters', filterable, ...(filterBad.below ?? [])], message: filterBad.message },
      { label: 'filters as an array', input: { filters: [filterable] }, path: ['filters'] },
      { label: 'limit 0', input: { limit: 0 }, path: ['limit'], message: V.invalid },
      { label: 'limit 501', input: { limit: 501 }, path: ['limit'], message: V.tooLarge },
      { label: 'limit 1.5', input: { limit: 1.5 }, path: ['limit'], message: V.wholeNumber },
      { label: 'limit as text', input: { limit: '10' }, path: ['limit'], message: V.invalid },
      { label: 'a negative offset', input: { offset: -1 }, path: ['offset'], message: V.notNegative },
      { label: 'offset 0.5', input: { offset: 0.5 }, path: ['offset'], message: V.wholeNumber },
      { label: 'a sort on an unknown field', input: { sort: { field: 'bogus', order: 'asc' } }, path: ['sort', 'field'], message: V.invalid },
      { label: 'a sort on a column name', input: { sort: { field: 'village_id', order: 'asc' } }, path: ['sort', 'field'], message: V.invalid },
      { label: 'a sort on SQL', input: { sort: { field: 'id; DROP TABLE households', order: 'asc' } }, path: ['sort', 'field'], message: V.invalid },
      { label: 'a sort order "up"', input: { sort: { field: 'createdAt', order: 'up' } }, path: ['sort', 'order'], message: V.invalid },
      { label: 'a sort with a stray key', input: { sort: { field: 'createdAt', order: 'asc', nulls: 'last' } }, path: ['sort', 'nulls'], message: V.unknownField },
      { label: 'from the 30th of February', input: { from: '2026-02-30' }, path: ['from'], message: V.date },
      { label: 'to a date without dashes', input: { to: '20261101' }, path: ['to'], message: V.date },
      { label: 'a search of 41 characters', input: { search: long(41) }, path: ['search'], message: V.tooLong },
      { label: 'an object search', input: { search: { $like: '%' } }, path: ['search'], message: V.invalid },
      { label: 'overdue as text', input: { overdue: 'yes' }, path: ['overdue'], message: V.invalid },
      { label: 'a date bound on a field that is not one of its dates', input: { dateField: 'villageId' }, path: ['dateField'], message: V.invalid },
      { label: 'a date bound on SQL', input: { dateField: 'due_date; --' }, path: ['dateField'], message: V.invalid },
      { label: 'an empty township', input: { township: ' ' }, path: ['township'], message: V.required },
      { label: 'a township of 41 characters', input: { township: long(41) }, path: ['township'], message: V.tooLong },
      { label: 'a township as a list', input: { township: ['青石镇'] }, path: ['township'], message: V.invalid },
      { label: 'a non-UUID villageId', input: { villageId: 'all' }, path: ['villageId'], message: V.uuid },
    ];
    table[`${noun}.get`] = [...wrongShapes(), ...strayKeys({ id: UUID }), ...badIds((id) => ({ id }), ['id'])];
    table[`${noun}.delete`] = [...wrongShapes(), ...strayKeys({ id: UUID }), ...badIds((id) => ({ id }), ['id'])];
  }
  return table;
}

/** Every method's bad inputs; `liveId` is a village that exists when the device is set up. */
// ---- Sync: paths from a person (absolute only), device trust, conflict resolution. ----

const KEY = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n';
const DEVICE = '0123456789abcdef';

function badPaths(wrap: (path: unknown) => unknown, at: Path): BadInput[] {
  return [
    { label: 'no path', input: wrap(undefined), path: at, message: V.required },
    { label: 'an empty path', input: wrap(''), path: at, message: V.required },
    { label: 'a relative path', input: wrap('backups/cunji'), path: at, message: V.absolutePath },
    { label: 'a dot path', input: wrap('./x'), path: at, message: V.absolutePath },
    { label: 'a Windows drive without a slash', input: wrap('C:cunji'), path: at, message: V.absolutePath },
    { label: 'a path with a NUL', input: wrap('/tmp/x\u0000y'), path: at, message: V.invalid },
    { label: 'a path of 4097 characters', input: wrap(`/${'a'.repeat(4096)}`), path: at, message: V.tooLong },
    { label: 'a number path', input: wrap(7), path: at, message: V.invalid },
    { label: 'an array path', input: wrap(['/tmp']), path: at, message: V.invalid },
  ];
}

const davTarget = (over: Record<string, unknown>) => ({ kind: 'webdav', name: '坚果云', url: 'https://dav.jianguoyun.com/dav/村记/', username: 'li@example.cn', password: 'app-password', ...over });
const folderTarget = (over: Record<string, unknown>) => ({ kind: 'folder', name: 'U盘', folder: '/tmp', ...over });

function syncTargetBadInputs(): Record<string, BadInput[]> {
  return {
    'sync.targets': [...wrongShapes(), ...strayKeys({})],
    'sync.status': [...wrongShapes(), ...strayKeys({})],
    'sync.online': [...wrongShapes(), ...strayKeys({})],
    'sync.saveTarget': [
      ...wrongShapes(),
      ...strayKeys(davTarget({})),
      ...badIds((id) => davTarget({ id }), ['id']).filter((bad) => bad.label !== 'no id'),
      ...badPaths((folder) => folderTarget({ folder }), ['folder']).filter((bad) => bad.label !== 'no path'),
      { label: 'no kind', input: davTarget({ kind: undefined }), path: ['kind'], message: V.required },
      { label: 'an unknown kind', input: davTarget({ kind: 'ftp' }), path: ['kind'], message: V.invalid },
      { label: 'an empty name', input: davTarget({ name: ' ' }), path: ['name'], message: V.required },
      { label: 'a name of 61 characters', input: davTarget({ name: long(61) }), path: ['name'], message: V.tooLong },
      { label: 'a WebDAV target without a URL', input: davTarget({ url: undefined }), path: ['url'], message: V.required },
      { label: 'an ftp URL', input: davTarget({ url: 'ftp://dav.example.cn/' }), path: ['url'], message: V.webdavUrl },
      { label: 'a file URL', input: davTarget({ url: 'file:///etc/passwd' }), path: ['url'], message: V.webdavUrl },
      { label: 'a URL that is not one', input: davTarget({ url: 'dav.jianguoyun.com/dav' }), path: ['url'], message: V.webdavUrl },
      { label: 'a URL with a query', input: davTarget({ url: 'https://dav.example.cn/dav/?x=1' }), path: ['url'], message: V.webdavUrl },
      { label: 'a URL with the password in it', input: davTarget({ url: 'https://li:secret@dav.example.cn/dav/' }), path: ['url'], message: V.urlCredentials },
      { label: 'a URL of 2001 characters', input: davTarget({ url: `https://dav.example.cn/${'a'.repeat(1980)}` }), path: ['url'], message: V.tooLong },
      { label: 'a number URL', input: davTarget({ url: 80 }), path: ['url'], message: V.webdavUrl },
      { label: 'an empty password', input: davTarget({ password: '' }), path: ['password'], message: V.required },
      { label: 'a password of 1001 characters', input: davTarget({ password: 'p'.repeat(1001) }), path: ['password'], message: V.tooLong },
      { label: 'a number password', input: davTarget({ password: 1234 }), path: ['password'], message: V.invalid },
      { label: 'a password without a user name', input: davTarget({ username: null }), path: ['username'], message: V.required },
      { label: 'a folder on a WebDAV target', input: davTarget({ folder: '/tmp' }), path: ['folder'], message: V.invalid },
      { label: 'a folder target without a folder', input: folderTarget({ folder: undefined }), path: ['folder'], message: V.required },
      { label: 'a URL on a folder target', input: folderTarget({ url: 'https://dav.example.cn/' }), path: ['url'], message: V.invalid },
      { label: 'a password on a folder target', input: folderTarget({ password: 'x' }), path: ['password'], message: V.invalid },
      { label: 'auto as text', input: davTarget({ auto: 'yes' }), path: ['auto'], message: V.invalid },
      { label: 'an interval of 0 minutes', input: davTarget({ intervalMinutes: 0 }), path: ['intervalMinutes'], message: V.invalid },
      { label: 'an interval of 1441 minutes', input: davTarget({ intervalMinutes: 1441 }), path: ['intervalMinutes'], message: V.tooLarge },
      { label: 'an interval of 2.5 minutes', input: davTarget({ intervalMinutes: 2.5 }), path: ['intervalMinutes'], message: V.wholeNumber },
      { label: 'attachment files as text', input: folderTarget({ attachmentFiles: 'no' }), path: ['attachmentFiles'], message: V.invalid },
      { label: 'attachment files as null', input: davTarget({ attachmentFiles: null }), path: ['attachmentFiles'], message: V.invalid },
    ],
    'sync.deleteTarget': [...wrongShapes(), ...strayKeys({ id: UUID }), ...badIds((id) => ({ id }), ['id'])],
    'sync.run': [
      ...wrongShapes(),
      ...strayKeys({ id: UUID }),
      ...badIds((id) => ({ id }), ['id']),
      { label: 'a string full', input: { id: UUID, full: 'yes' }, path: ['full'], message: V.invalid },
    ],
    'sync.encryption': [...wrongShapes(), ...strayKeys({})],
    'sync.setPassphrase': [
      ...wrongShapes(),
      ...strayKeys({ passphrase: '青石镇的同步口令' }),
      ...badPassphrases((passphrase) => ({ passphrase }), ['passphrase']),
      { label: 'no passphrase key (null removes it: it must be said)', input: {}, path: ['passphrase'], message: V.required },
    ],
  };
}

/** What a township passphrase may not be, wherever one is typed. */
function badPassphrases(wrap: (passphrase: unknown) => unknown, at: Path): BadInput[] {
  return [
    { label: 'an empty passphrase', input: wrap(''), path: at, message: V.passphraseShort },
    { label: 'a passphrase of 7 characters', input: wrap('1234567'), path: at, message: V.passphraseShort },
    { label: 'a passphrase of 7 characters padded with spaces', input: wrap('  1234567  '), path: at, message: V.passphraseShort },
    { label: 'a passphrase of 1001 characters', input: wrap('口'.repeat(1001)), path: at, message: V.tooLong },
    { label: 'a passphrase with a NUL', input: wrap('青石镇\u0000同步口令'), path: at, message: V.invalid },
    { label: 'a number passphrase', input: wrap(12345678), path: at, message: V.invalid },
  ];
}

const trust = (over: Record<string, unknown>) => ({ deviceId: DEVICE, publicKey: KEY, name: '王芳', role: 'secretary', villages: [UUID], ...over });
const resolve = (over: Record<string, unknown>) => ({ tbl: 'households', rowId: UUID, col: 'address', value: '村东头', ...over });

function syncBadInputs(liveId: string): Record<string, BadInput[]> {
  return {
    'sync.exportFile': [
      ...wrongShapes(),
      ...strayKeys({ path: '/tmp' }),
      ...badPaths((path) => ({ path }), ['path']),
      { label: 'a string full', input: { path: '/tmp', full: 'yes' }, path: ['full'], message: V.invalid },
    ],
    'sync.importFiles': [
      ...wrongShapes(),
      ...strayKeys({ paths: ['/tmp/a.cunji'] }),
      ...badPaths((path) => ({ paths: [path] }), ['paths', 0]),
      { label: 'no paths', input: { paths: [] }, path: ['paths'], message: V.required },
      { label: 'a single path, not a list', input: { paths: '/tmp/a.cunji' }, path: ['paths'], message: V.invalid },
      { label: '1001 paths', input: { paths: Array.from({ length: 1001 }, (_, i) => `/tmp/${i}.cunji`) }, path: ['paths'], message: V.tooLong },
      ...badPassphrases((passphrase) => ({ paths: ['/tmp/a.cunji'], passphrase }), ['passphrase']),
      { label: 'a null passphrase', input: { paths: ['/tmp/a.cunji'], passphrase: null }, path: ['passphrase'], message: V.invalid },
    ],
    'sync.now': [
      ...wrongShapes(),
      ...strayKeys({ folder: '/tmp' }),
      ...badPaths((folder) => ({ folder }), ['folder']),
      { label: 'a number full', input: { folder: '/tmp', full: 1 }, path: ['full'], message: V.invalid },
    ],
    ...syncTargetBadInputs(),
    'devices.list': [...wrongShapes(), ...strayKeys({})],
    'devices.trust': [
      ...wrongShapes(),
      ...strayKeys(trust({})),
      { label: 'no device id', input: trust({ deviceId: undefined }), path: ['deviceId'], message: V.required },
      { label: 'an upper-case device id', input: trust({ deviceId: DEVICE.toUpperCase() }), path: ['deviceId'], message: V.deviceId },
      { label: 'a 15-character device id', input: trust({ deviceId: DEVICE.slice(1) }), path: ['deviceId'], message: V.deviceId },
      { label: 'an SQL fragment as device id', input: trust({ deviceId: "' OR 1=1 --" }), path: ['deviceId'], message: V.deviceId },
      { label: 'no key', input: trust({ publicKey: undefined }), path: ['publicKey'], message: V.required },
      { label: 'a key that is not PEM', input: trust({ publicKey: 'ssh-ed25519 AAAA' }), path: ['publicKey'], message: V.publicKey },
      { label: 'a private key', input: trust({ publicKey: KEY.replace(/PUBLIC/g, 'PRIVATE') }), path: ['publicKey'], message: V.publicKey },
      { label: 'a key of 2001 characters', input: trust({ publicKey: 'A'.repeat(2001) }), path: ['publicKey'], message: V.tooLong },
      { label: 'an empty name', input: trust({ name: ' ' }), path: ['name'], message: V.required },
      { label: 'a name of 61 characters', input: trust({ name: long(61) }), path: ['name'], message: V.tooLong },
      { label: 'an unknown role', input: trust({ role: 'admin' }), path: ['role'], message: V.invalid },
      { label: 'a village that is not an id', input: trust({ villages: ['李家村'] }), path: ['villages', 0], message: V.uuid },
      { label: 'villages as one id', input: trust({ villages: UUID }), path: ['villages'], message: V.invalid },
      { label: 'a township of 61 characters', input: trust({ township: long(61) }), path: ['township'], message: V.tooLong },
    ],
    'devices.revoke': [
      ...wrongShapes(),
      ...strayKeys({ deviceId: DEVICE, reason: '丢失' }),
      { label: 'no device id', input: { reason: '丢失' }, path: ['deviceId'], message: V.required },
      { label: 'an SQL fragment as device id', input: { deviceId: "' OR 1=1 --", reason: '丢失' }, path: ['deviceId'], message: V.deviceId },
      { label: 'no reason', input: { deviceId: DEVICE }, path: ['reason'], message: V.required },
      { label: 'a blank reason', input: { deviceId: DEVICE, reason: '  ' }, path: ['reason'], message: V.required },
      { label: 'a reason of 201 characters', input: { deviceId: DEVICE, reason: long(201) }, path: ['reason'], message: V.tooLong },
    ],
    'records.history': [
      ...wrongShapes(),
      ...strayKeys({ ledger: 'households', id: UUID }),
      { label: 'no ledger', input: { id: UUID }, path: ['ledger'], message: V.invalid },
      { label: 'a table name as ledger', input: { ledger: 'changes', id: UUID }, path: ['ledger'], message: V.invalid },
      { label: 'no id', input: { ledger: 'households' }, path: ['id'], message: V.required },
      { label: 'an SQL fragment as id', input: { ledger: 'households', id: "' OR 1=1 --" }, path: ['id'], message: V.uuid },
    ],
    'conflicts.list': [...wrongShapes(), ...strayKeys({})],
    'conflicts.count': [...wrongShapes(), ...strayKeys({})],
    'party.targets': [...wrongShapes(), ...strayKeys({})],
    'party.status': [
      ...wrongShapes(),
      ...strayKeys({ ids: [] }),
      ...badIds((id) => ({ ids: [id] }), ['ids', 0]),
      { label: 'no ids at all', input: {}, path: ['ids'], message: V.invalid },
      { label: '501 ids', input: { ids: Array.from({ length: 501 }, () => UUID) }, path: ['ids'], message: V.tooLarge },
    ],
    'backups.list': [...wrongShapes(), ...strayKeys({})],
    'backups.create': [...wrongShapes(), ...strayKeys({})],
    'backups.restore': [
      ...wrongShapes(),
      ...strayKeys({ name: 'cunji-manual-2026-11-27T08-00-00-000Z.sqlite' }),
      { label: 'no name', input: {}, path: ['name'], message: V.required },
      { label: 'a path instead of a name', input: { name: '../cunji.sqlite' }, path: ['name'], message: V.invalid },
      { label: 'a backup name inside a folder', input: { name: 'x/cunji-manual-2026-11-27T08-00-00-000Z.sqlite' }, path: ['name'], message: V.invalid },
      { label: 'another file of the data folder', input: { name: 'cunji.sqlite' }, path: ['name'], message: V.invalid },
      { label: 'a number', input: { name: 7 }, path: ['name'], message: V.invalid },
    ],
    'backups.exportTo': [
      ...wrongShapes(),
      ...strayKeys({ folder: '/tmp' }),
      ...badPaths((folder) => ({ folder }), ['folder']),
    ],
    'conflicts.resolve': [
      ...wrongShapes(),
      ...strayKeys(resolve({ rowId: liveId })),
      ...badIds((rowId) => resolve({ rowId }), ['rowId']),
      { label: 'no table', input: resolve({ tbl: undefined }), path: ['tbl'], message: V.required },
      { label: 'an SQL identifier as table', input: resolve({ tbl: 'households"; DROP TABLE changes; --' }), path: ['tbl'], message: V.invalid },
      { label: 'an SQL identifier as column', input: resolve({ col: 'address = 1 --' }), path: ['col'], message: V.invalid },
      { label: 'no value', input: resolve({ value: undefined }), path: ['value'], message: V.invalid },
      { label: 'an object value', input: resolve({ value: { x: 1 } }), path: ['value'], message: V.invalid },
      { label: 'a boolean value', input: resolve({ value: true }), path: ['value'], message: V.invalid },
      { label: 'an infinite value', input: resolve({ value: Infinity }), path: ['value'], message: V.invalid },
    ],
  };
}

/** The shell's methods: the interface language and the native dialogs (UNSUPPORTED here, but only after the input is checked). */
function shellBadInputs(): Record<string, BadInput[]> {
  const save = (over: Record<string, unknown>) => ({ type: 'cunji', defaultName: '李家村', ...over });
  return {
    'app.setLanguage': [
      ...wrongShapes(),
      ...strayKeys({ language: 'en' }),
      { label: 'no language', input: {}, path: ['language'], message: V.required },
      { label: 'an unknown language', input: { language: 'fr' }, path: ['language'], message: V.invalid },
      { label: 'a language in the wrong case', input: { language: 'zh-cn' }, path: ['language'], message: V.invalid },
    ],
    'dialogs.openBundles': [...wrongShapes(), ...strayKeys({})],
    'dialogs.chooseFolder': [...wrongShapes(), ...strayKeys({})],
    'dialogs.saveFile': [
      ...wrongShapes(),
      ...strayKeys(save({})),
      { label: 'no type', input: save({ type: undefined }), path: ['type'], message: V.required },
      { label: 'an executable type', input: save({ type: 'exe' }), path: ['type'], message: V.invalid },
      { label: 'no default name', input: save({ defaultName: undefined }), path: ['defaultName'], message: V.required },
      { label: 'a blank default name', input: save({ defaultName: '  ' }), path: ['defaultName'], message: V.required },
      { label: 'a default name of 121 characters', input: save({ defaultName: long(121) }), path: ['defaultName'], message: V.tooLong },
      { label: 'a default name that climbs out', input: save({ defaultName: '../../.bashrc' }), path: ['defaultName'], message: V.invalid },
      { label: 'a default name with a Windows folder', input: save({ defaultName: 'C:\\Users\\a' }), path: ['defaultName'], message: V.invalid },
      { label: 'a default name with a NUL', input: save({ defaultName: 'a\u0000b' }), path: ['defaultName'], message: V.invalid },
    ],
  };
}

/** imports.*: the ledger, the village, the file (a path or its bytes, never both), the mapping. */
function importBadInputs(liveId: string): Record<string, BadInput[]> {
  const base = { ledger: 'households', villageId: liveId, source: { data: 'UEsDBA==' } };
  const req = (over: Record<string, unknown>) => ({ ...base, ...over });
  const common = (withMapping: boolean): BadInput[] => {
    const m = (mapping: unknown) => req({ mapping });
    return [
      ...wrongShapes(),
      ...strayKeys(req(withMapping ? { mapping: [] } : {})),
      ...strayKeys(req(withMapping ? { mapping: [] } : {}), 'source'),
      { label: 'no ledger', input: req({ ledger: undefined, mapping: [] }), path: ['ledger'], message: V.required },
      { label: 'a ledger that cannot be imported', input: req({ ledger: 'funds', mapping: [] }), path: ['ledger'], message: V.invalid },
      { label: 'a village that is not an id', input: req({ villageId: 'x', mapping: [] }), path: ['villageId'], message: V.uuid },
      { label: 'no source', input: req({ source: undefined, mapping: [] }), path: ['source'], message: V.required },
      { label: 'an empty source', input: req({ source: {}, mapping: [] }), path: ['source', 'path'], message: V.required },
      { label: 'both a path and bytes', input: req({ source: { path: '/tmp/a.xlsx', data: 'AA==' }, mapping: [] }), path: ['source', 'data'], message: V.invalid },
      { label: 'a relative path', input: req({ source: { path: 'roster.xlsx' }, mapping: [] }), path: ['source', 'path'], message: V.absolutePath },
      { label: 'bytes that are not base64', input: req({ source: { data: '<xml>' }, mapping: [] }), path: ['source', 'data'], message: V.invalid },
      { label: 'bytes over the bound', input: req({ source: { data: 'A'.repeat(14_000_000) }, mapping: [] }), path: ['source', 'data'], message: V.tooLarge },
      { label: 'a header row of 0', input: req({ headerRow: 0, mapping: [] }), path: ['headerRow'], message: V.invalid },
      { label: 'a header row far down', input: req({ headerRow: 99, mapping: [] }), path: ['headerRow'], message: V.tooLarge },
      { label: 'an unknown confirmation', input: req({ confirm: ['overspend'], mapping: [] }), path: ['confirm', 0], message: V.invalid },
      { label: 'a mapping that is not a list', input: m({ 0: 'headName' }), path: ['mapping'], message: V.invalid },
      { label: 'a negative column', input: m([{ column: -1, field: 'headName' }]), path: ['mapping', 0, 'column'], message: V.notNegative },
      { label: 'a column as text', input: m([{ column: '0', field: 'headName' }]), path: ['mapping', 0, 'column'], message: V.invalid },
      { label: 'an unknown field', input: m([{ column: 0, field: 'deleted_at' }]), path: ['mapping', 0, 'field'], message: V.invalid },
      { label: 'a field of another ledger', input: m([{ column: 0, field: 'situation' }]), path: ['mapping', 0, 'field'], message: V.invalid },
      { label: 'one field from two columns', input: m([{ column: 0, field: 'headName' }, { column: 1, field: 'headName' }]), path: ['mapping', 1, 'field'], message: 'imports.reason.fieldTwice' },
      { label: 'one column for two fields', input: m([{ column: 0, field: 'headName' }, { column: 0, field: 'phone' }]), path: ['mapping', 1, 'column'], message: 'imports.reason.columnTwice' },
    ];
  };
  return {
    'imports.preview': common(false),
    'imports.commit': [...common(true), { label: 'no mapping', input: req({}), path: ['mapping'], message: V.invalid }],
    'imports.template': [
      ...wrongShapes(),
      ...strayKeys({ ledger: 'households' }),
      { label: 'no ledger', input: {}, path: ['ledger'], message: V.required },
      { label: 'an unknown ledger', input: { ledger: 'villages' }, path: ['ledger'], message: V.invalid },
      { label: 'a relative path', input: { ledger: 'needs', path: 'template.xlsx' }, path: ['path'], message: V.absolutePath },
      { label: 'a path that is not .xlsx', input: { ledger: 'needs', path: '/tmp/template.exe' }, path: ['path'], message: V.invalid },
    ],
    ...attachmentBadInputs(),
  };
}

/** attachments.*: files by path or bytes, a record or a village, hashes only (never a path) for content. */
function attachmentBadInputs(): Record<string, BadInput[]> {
  const add = (over: Record<string, unknown>) => ({ ledger: 'visits', recordId: UUID, files: [{ name: 'a.jpg', data: 'AAAA' }], ...over });
  const file = (f: Record<string, unknown>) => add({ files: [f] });
  const HASH = 'a'.repeat(64);
  return {
    'attachments.add': [
      ...wrongShapes(),
      ...strayKeys(add({})),
      ...badIds((recordId) => add({ recordId }), ['recordId']),
      { label: 'no ledger', input: add({ ledger: undefined }), path: ['ledger'], message: V.required },
      { label: 'a ledger files cannot be attached to', input: add({ ledger: 'households' }), path: ['ledger'], message: V.invalid },
      { label: 'no files', input: add({ files: [] }), path: ['files'], message: V.required },
      { label: 'files as one object', input: add({ files: { name: 'a.jpg', data: 'AAAA' } }), path: ['files'], message: V.invalid },
      { label: '21 files at once', input: add({ files: Array.from({ length: 21 }, () => ({ name: 'a.jpg', data: 'AAAA' })) }), path: ['files'], message: V.tooLarge },
      { label: 'a file with neither path nor bytes', input: file({}), path: ['files', 0, 'name'], message: V.required },
      { label: 'a file with a name and no bytes', input: file({ name: 'a.jpg' }), path: ['files', 0, 'data'], message: V.required },
      { label: 'a relative path', input: file({ path: 'photos/a.jpg' }), path: ['files', 0, 'path'], message: V.absolutePath },
      { label: 'a path with a NUL', input: file({ path: '/tmp/a\u0000.jpg' }), path: ['files', 0, 'path'], message: V.invalid },
      { label: 'a path and bytes at once', input: file({ path: '/tmp/a.jpg', data: 'AAAA' }), path: ['files', 0, 'data'], message: V.invalid },
      { label: 'bytes that are not base64', input: file({ name: 'a.jpg', data: '<svg/>' }), path: ['files', 0, 'data'], message: V.invalid },
      { label: 'a name of 256 characters', input: file({ name: `${'a'.repeat(252)}.jpg`, data: 'AAAA' }), path: ['files', 0, 'name'], message: V.tooLong },
      { label: 'a stray key in a file', input: file({ name: 'a.jpg', data: 'AAAA', sha256: HASH }), path: ['files', 0, 'sha256'], message: V.unknownField },
      { label: 'keepLocation as text', input: add({ keepLocation: 'yes' }), path: ['keepLocation'], message: V.invalid },
      { label: 'a caption of 201 characters', input: add({ caption: long(201) }), path: ['caption'], message: V.tooLong },
    ],
    'attachments.list': [
      ...wrongShapes(),
      ...strayKeys({ villageId: UUID }),
      ...badIds((recordId) => ({ recordId: recordId ?? 7 }), ['recordId']).filter((b) => b.label !== 'no id' && b.label !== 'a null id'),
      { label: 'neither a record nor a village', input: {}, path: ['villageId'], message: V.required },
      { label: 'a record and a village at once', input: { recordId: UUID, villageId: UUID }, path: ['villageId'], message: V.invalid },
      { label: 'an unknown ledger', input: { villageId: UUID, ledger: 'villages' }, path: ['ledger'], message: V.invalid },
      { label: 'a month 13', input: { villageId: UUID, month: '2026-13' }, path: ['month'], message: V.date },
      { label: 'a whole date for a month', input: { villageId: UUID, month: '2026-11-01' }, path: ['month'], message: V.date },
      { label: 'a limit of 501', input: { villageId: UUID, limit: 501 }, path: ['limit'], message: V.tooLarge },
      { label: 'a negative offset', input: { villageId: UUID, offset: -1 }, path: ['offset'], message: V.notNegative },
    ],
    'attachments.update': [
      ...wrongShapes(),
      ...strayKeys({ id: UUID, patch: { caption: '合影' } }),
      ...strayKeys({ id: UUID, patch: { caption: '合影' } }, 'patch'),
      ...badIds((id) => ({ id, patch: {} }), ['id']),
      { label: 'a caption of 201 characters', input: { id: UUID, patch: { caption: long(201) } }, path: ['patch', 'caption'], message: V.tooLong },
      { label: 'keepLocation as text', input: { id: UUID, patch: { keepLocation: 'no' } }, path: ['patch', 'keepLocation'], message: V.invalid },
      { label: 'a new hash in the patch', input: { id: UUID, patch: { sha256: HASH } }, path: ['patch', 'sha256'], message: V.unknownField },
    ],
    'attachments.remove': [...wrongShapes(), ...strayKeys({ id: UUID }), ...badIds((id) => ({ id }), ['id'])],
    'attachments.content': [
      ...wrongShapes(),
      ...strayKeys({ hash: HASH }),
      { label: 'no hash', input: {}, path: ['hash'], message: V.required },
      { label: 'a path instead of a hash', input: { hash: '../../cunji.sqlite' }, path: ['hash'], message: V.invalid },
      { label: 'an upper-case hash', input: { hash: HASH.toUpperCase() }, path: ['hash'], message: V.invalid },
      { label: 'a hash with an extension', input: { hash: `${HASH}.jpg` }, path: ['hash'], message: V.invalid },
      { label: 'a hash of 63 digits', input: { hash: HASH.slice(1) }, path: ['hash'], message: V.invalid },
      { label: 'a number hash', input: { hash: 7 }, path: ['hash'], message: V.invalid },
    ],
    'attachments.gallery': [
      ...wrongShapes(),
      ...strayKeys({ villageId: UUID }),
      ...badIds((villageId) => ({ villageId }), ['villageId']),
      { label: 'a record instead of a village', input: { recordId: UUID }, path: ['villageId'], message: V.required },
      { label: 'a ledger files are not attached to', input: { villageId: UUID, ledger: 'households' }, path: ['ledger'], message: V.invalid },
      { label: 'a table name for a ledger', input: { villageId: UUID, ledger: 'fund_entries' }, path: ['ledger'], message: V.invalid },
      { label: 'a month 00', input: { villageId: UUID, month: '2026-00' }, path: ['month'], message: V.date },
      { label: 'a whole date for a month', input: { villageId: UUID, month: '2026-11-01' }, path: ['month'], message: V.date },
      { label: 'a limit of 201', input: { villageId: UUID, limit: 201 }, path: ['limit'], message: V.tooLarge },
      { label: 'a limit of 0', input: { villageId: UUID, limit: 0 }, path: ['limit'], message: V.invalid },
      { label: 'a fractional offset', input: { villageId: UUID, offset: 1.5 }, path: ['offset'], message: V.wholeNumber },
      { label: 'a negative offset', input: { villageId: UUID, offset: -1 }, path: ['offset'], message: V.notNegative },
    ],
    'attachments.archive': [
      ...wrongShapes(),
      ...strayKeys({ villageId: UUID }),
      ...badIds((villageId) => ({ villageId }), ['villageId']),
      // No folder is the browser host's way (the data folder's exports), so not a bad input.
      ...badPaths((parent) => ({ villageId: UUID, parent }), ['parent']).filter((b) => b.label !== 'no path'),
      { label: 'a language the app does not speak', input: { villageId: UUID, language: 'fr' }, path: ['language'], message: V.invalid },
      { label: 'a file name to write over', input: { villageId: UUID, path: '/tmp/archive' }, path: ['path'], message: V.unknownField },
    ],
  };
}

function badInputsFor(liveId: string): Record<string, BadInput[]> {
  return {
    ...shellBadInputs(),
    'app.info': [...wrongShapes(), ...strayKeys({})],
    'device.status': [...wrongShapes(), ...strayKeys({})],
    'demo.load': [...wrongShapes(), ...strayKeys({})],
    'settings.get': [...wrongShapes(), ...strayKeys({})],
    ...syncBadInputs(liveId),
    'settings.update': [
      ...wrongShapes(),
      ...strayKeys({ presenceThreshold: 20 }),
      { label: 'a threshold of 0 days', input: { presenceThreshold: 0 }, path: ['presenceThreshold'], message: V.invalid },
      { label: 'a threshold of 32 days', input: { presenceThreshold: 32 }, path: ['presenceThreshold'], message: V.tooLarge },
      { label: 'a threshold of 20.5 days', input: { presenceThreshold: 20.5 }, path: ['presenceThreshold'], message: V.wholeNumber },
      { label: 'a threshold as text', input: { presenceThreshold: '20' }, path: ['presenceThreshold'], message: V.invalid },
      { label: 'an empty duty set', input: { duties: [] }, path: ['duties'], message: V.required },
      { label: 'nine duties', input: { duties: ['一一', '二二', '三三', '四四', '五五', '六六', '七七', '八八', '九九'] }, path: ['duties'], message: V.tooLarge },
      { label: 'a one-character duty', input: { duties: ['党'] }, path: ['duties', 0], message: V.invalid },
      { label: 'a 21-character duty', input: { duties: ['建'.repeat(21)] }, path: ['duties', 0], message: V.tooLong },
      { label: 'a duty twice', input: { duties: ['建强村党组织', '建强村党组织'] }, path: ['duties', 1], message: V.invalid },
      { label: 'duties as text', input: { duties: '建强村党组织' }, path: ['duties'], message: V.invalid },
      { label: 'dashboard lines with a measure missing', input: { dashboardThresholds: { ...DEFAULT_THRESHOLDS, coverage: undefined } }, path: ['dashboardThresholds', 'coverage'], message: V.required },
      { label: 'a negative dashboard line', input: { dashboardThresholds: { ...DEFAULT_THRESHOLDS, coverage: { green: 80, red: -1 } } }, path: ['dashboardThresholds', 'coverage', 'red'], message: V.notNegative },
      { label: 'a dashboard line as text', input: { dashboardThresholds: { ...DEFAULT_THRESHOLDS, spentRatio: { green: '70', red: 40 } } }, path: ['dashboardThresholds', 'spentRatio', 'green'], message: V.invalid },
      { label: 'an activist period of 0 months', input: { partyClocks: { activistAtLeast: 0 } }, path: ['partyClocks', 'activistAtLeast'], message: V.clockTooShort },
      { label: 'a probation of 121 months', input: { partyClocks: { probation: 121 } }, path: ['partyClocks', 'probation'], message: V.clockTooLong },
      { label: 'a talk within 1.5 months', input: { partyClocks: { talkWithin: 1.5 } }, path: ['partyClocks', 'talkWithin'], message: V.wholeNumber },
      { label: 'a green coverage line below the red one', input: { dashboardThresholds: { ...DEFAULT_THRESHOLDS, coverage: { green: 40, red: 60 } } }, path: ['dashboardThresholds', 'coverage', 'green'], message: V.thresholdOrder },
      { label: 'a green overdue-needs line above the red one', input: { dashboardThresholds: { ...DEFAULT_THRESHOLDS, needsOverdue: { green: 5, red: 1 } } }, path: ['dashboardThresholds', 'needsOverdue', 'green'], message: V.thresholdOrder },
      { label: 'a stray measure among the lines', input: { dashboardThresholds: { ...DEFAULT_THRESHOLDS, visits: { green: 1, red: 0 } } }, path: ['dashboardThresholds', 'visits'], message: V.unknownField },
      { label: 'needs due after 0 days', input: { needDueDays: 0 }, path: ['needDueDays'], message: V.invalid },
      { label: 'needs due after 366 days', input: { needDueDays: 366 }, path: ['needDueDays'], message: V.tooLarge },
      { label: 'needs due after 7.5 days', input: { needDueDays: 7.5 }, path: ['needDueDays'], message: V.wholeNumber },
    ],
    'money.list': [
      ...wrongShapes(),
      ...strayKeys({ ids: [] }),
      ...badIds((id) => ({ ids: [id] }), ['ids', 0]),
      { label: 'no ids at all', input: {}, path: ['ids'], message: V.invalid },
      { label: 'ids as one string', input: { ids: UUID }, path: ['ids'], message: V.invalid },
      { label: '501 ids', input: { ids: Array.from({ length: 501 }, () => UUID) }, path: ['ids'], message: V.tooLarge },
    ],
    'dashboard.village': [
      ...wrongShapes(),
      ...strayKeys(PERIOD),
      ...periodBadInputs(),
      { label: 'a village id that is not an id', input: { ...PERIOD, villageId: 'x' }, path: ['villageId'], message: V.uuid },
    ],
    'dashboard.township': [
      ...wrongShapes(),
      ...strayKeys(PERIOD),
      ...periodBadInputs(),
      { label: 'an empty township', input: { ...PERIOD, township: '  ' }, path: ['township'], message: V.required },
      { label: 'a township of 41 characters', input: { ...PERIOD, township: '镇'.repeat(41) }, path: ['township'], message: V.tooLong },
    ],
    'dashboard.district': [...wrongShapes(), ...strayKeys(PERIOD), ...periodBadInputs()],
    ...reportBadInputs(),
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
      { label: 'a confirmation that is not a village one', input: { id: liveId, patch: { township: '白河镇' }, confirm: ['overspend'] }, path: ['confirm', 0], message: V.invalid },
      { label: 'a confirmation as text', input: { id: liveId, patch: { township: '白河镇' }, confirm: 'villageMove' }, path: ['confirm'], message: V.invalid },
    ],
    'villages.delete': [...wrongShapes(), ...strayKeys({ id: liveId }), ...badIds((id) => ({ id }), ['id'])],
    'villages.moves': [...wrongShapes(), ...strayKeys({})],
    'villages.decideMove': [
      ...wrongShapes(),
      ...strayKeys({ id: 1, decision: 'confirm' }),
      { label: 'no id', input: { decision: 'confirm' }, path: ['id'], message: V.invalid },
      { label: 'an id that is text', input: { id: '1', decision: 'confirm' }, path: ['id'], message: V.invalid },
      { label: 'a fractional id', input: { id: 1.5, decision: 'confirm' }, path: ['id'], message: V.invalid },
      { label: 'an id of 0', input: { id: 0, decision: 'keep' }, path: ['id'], message: V.invalid },
      { label: 'no decision', input: { id: 1 }, path: ['decision'], message: V.required },
      { label: 'an unknown decision', input: { id: 1, decision: 'ignore' }, path: ['decision'], message: V.invalid },
    ],
    ...importBadInputs(liveId),
    ...ledgerBadInputs(liveId),
  };
}

// The member-development rules name theirs under validation.party (shared/domain/party/messages.ts).
const V_KEYS: string[] = [...Object.values(V), ...Object.values(P)];
function namesLedgerField(method: string, path: Path): boolean {
  const noun = method.slice(0, method.indexOf('.'));
  if (!(LEDGER_NOUNS as readonly string[]).includes(noun)) return false;
  const fields = Object.keys(LEDGER_DEFINITIONS[noun as LedgerNoun].fields);
  return path.some((p) => typeof p === 'string' && fields.includes(p));
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
        // What a ledger says about one of its fields is an i18n key the form can show, never zod's English.
        for (const issue of error.issues!.filter((i) => namesLedgerField(method, i.path))) expect(V_KEYS, `${where}: ${JSON.stringify(issue)}`).toContain(issue.message);
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
    'households.destroy',
    'household.list',
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

describe('the valid neighbours of the ledger bad inputs are accepted', () => {
  it.each([...LEDGER_NOUNS])('%s: the inputs the bad cases were made from pass the contract, and the app', async (noun) => {
    // The generated cases differ from these by one thing only.
    const parse = (verb: string, input: unknown) => contract[`${noun}.${verb}` as ApiMethod].input.safeParse(input);
    expect(parse('create', validCreate(noun, UUID)).error).toBeUndefined();
    for (const c of CROSS_FIELD[noun] ?? []) expect(parse('create', { ...validCreate(noun, UUID), ...c.over }).success, c.label).toBe(false);
    const def = LEDGER_DEFINITIONS[noun] as unknown as AnyDefinition;
    const longest = Object.fromEntries(
      Object.entries(def.fields).flatMap(([field, schema]) => {
        const base = baseOf(schema as z.ZodType);
        // A plan's duty is one of the township's words (checked by the service), whatever its length may be.
        if (noun === 'plans' && field === 'duty') return [];
        return base instanceof z.ZodString && base.maxLength !== null ? [[field, long(base.maxLength)]] : [];
      }),
    );
    expect(parse('create', { ...validCreate(noun, UUID), ...longest }).error).toBeUndefined();
    expect(parse('list', { limit: 500, offset: 0, from: '2026-01-01', to: '2026-12-31', search: long(40), sort: { field: 'updatedAt', order: 'asc' } }).error).toBeUndefined();

    const { app, liveId } = await setUpApp();
    try {
      const created = await expectOk(app, `${noun}.create` as ApiMethod, (await prepareSample(app, noun, liveId)) as never) as { id: string };
      await expectOk(app, `${noun}.update` as ApiMethod, { id: created.id, patch: { ...longest } } as never);
      await expectOk(app, `${noun}.update` as ApiMethod, { id: created.id, patch: {} } as never);
      const list = (await expectOk(app, `${noun}.list` as ApiMethod, { limit: 500, villageId: liveId } as never)) as { total: number };
      expect(list.total).toBe(1);
      await expectOk(app, `${noun}.get` as ApiMethod, { id: created.id } as never);
      await expectOk(app, `${noun}.delete` as ApiMethod, { id: created.id } as never);
    } finally {
      app.close();
    }
  });
});

describe('writes outside what the device keeps', () => {
  const COORDINATOR = { role: 'coordinator', name: '王芳', unit: '青石镇人民政府', unitLevel: 'township', township: '青石镇', county: '临河县' } as const;

  it.each([...LEDGER_NOUNS])('%s.create in a village of another township, or one this device never heard of, is villageOutOfScope and stores nothing', async (noun) => {
    const app = await openTestApp(tempDir());
    const other = await openTestApp(tempDir());
    try {
      await expectOk(app, 'device.setup', COORDINATOR);
      const own = await expectOk(app, 'villages.create', { name: '李家村', township: '青石镇' });
      const elsewhere = villageOfAnotherTownship(app, '张庄村', '白河镇');
      const foreign = (await expectOk(other, 'device.setup', SECRETARY_SETUP)).villageIds[0]!;
      const input = await prepareSample(app, noun, own.id);
      const before = app.snapshot();
      for (const villageId of [elsewhere.id, foreign]) {
        const error = await expectRefused(app, `${noun}.create`, { ...input, villageId });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues).toEqual([{ path: ['villageId'], message: V.villageOutOfScope }]);
      }
      expect(app.snapshot()).toBe(before);
      await expectOk(app, `${noun}.create` as ApiMethod, input as never);
    } finally {
      app.close();
      other.close();
    }
  });

  it.each(['members', 'visits', 'needs', 'monitoring'] as const)('%s refers to a household of another village: V.reference at householdId, nothing stored', async (noun) => {
    const app = await openTestApp(tempDir());
    try {
      const profile = await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, villages: [{ name: '李家村' }, { name: '王庄村' }] });
      const [here, there] = profile.villageIds as [string, string];
      const theirs = await expectOk(app, 'households.create', { villageId: there, headName: '孙大海', category: 'ordinary' });
      const input = await prepareSample(app, noun, here);
      const before = app.snapshot();
      const error = await expectRefused(app, `${noun}.create`, { ...input, householdId: theirs.id, ...(noun === 'needs' ? { visitId: null } : {}) });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues).toEqual([{ path: ['householdId'], message: V.reference }]);
      expect(app.snapshot()).toBe(before);
    } finally {
      app.close();
    }
  });
});
