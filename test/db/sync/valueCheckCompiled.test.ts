// The import checks every received value by a check compiled once per column from the contract's
// zod schema (db/sync/schemaAccepts.ts), and by JSON text shortcuts; refusals are worded by zod.
// These hold it to the schema itself, for every column of every ledger: the compiled check says yes
// exactly where the schema's parse does, and a value text gets the same verdict and reason as by
// JSON.parse and the schema alone — for values at and around each column's own limits and choices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEDGERS, ROW_COLUMN, type LedgerName } from '../../../db/ledgers';
import { ruleOf, valueProblem, valueProblemByZod, type ColumnRule } from '../../../db/sync/valueCheck';
import { idCheckChar } from '../../../shared/domain/idNumber';

const COLUMNS = Object.entries(LEDGERS).flatMap(([table, columns]) => Object.keys(columns).map((col) => ({ table: table as LedgerName, col, rule: ruleOf(table, col)! })));

interface Def {
  readonly type: string;
  readonly checks?: readonly { _zod: { def: Record<string, unknown> } }[];
  readonly [key: string]: unknown;
}
type Schema = { _zod: { def: Def; values?: ReadonlySet<unknown> } };

/** The limits (lengths, bounds) and choices a schema names anywhere in it: where verdicts turn. */
function limitsOf(schema: Schema, bounds = new Set<number>(), members = new Set<unknown>()): { bounds: Set<number>; members: Set<unknown> } {
  const def = schema._zod.def;
  for (const check of [schema, ...(def.checks ?? [])]) {
    for (const key of ['minimum', 'maximum', 'length', 'value']) {
      const n = (check._zod.def as Record<string, unknown>)[key];
      if (typeof n === 'number') bounds.add(n);
    }
  }
  if ((def.type === 'enum' || def.type === 'literal') && schema._zod.values) for (const v of schema._zod.values) members.add(v);
  for (const key of ['innerType', 'in', 'out', 'element']) if (def[key]) limitsOf(def[key] as Schema, bounds, members);
  for (const option of (def.options as Schema[] | undefined) ?? []) limitsOf(option, bounds, members);
  return { bounds, members };
}

const ID_17 = '11010519491231002';
const VALID_ID = ID_17 + idCheckChar(ID_17);

/** Values every column meets: of every JSON kind, odd text, and the shapes the contract's fields take. */
const COMMON: readonly unknown[] = [
  null, true, false, 0, -0, 1, -1, 0.5, -2.5, 1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e300, NaN, Infinity, -Infinity,
  '', ' ', 'a', '  a  ', '\t', '\u0000', '\ud800', '\udc00x', 'x\ud83d', '😀', '𠀀𠀀𠀀', 'é', 'e\u0301', '\u3000长\u3000', 'x'.repeat(5000),
  [], ['a'], [1], [null], {}, { a: 1 },
  '2026-02-28', '2026-02-29', '2024-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', ' 2026-01-05', '2026-01-05 ',
  '0000-02-29', '1900-02-29', '2000-02-29', '9999-12-31', '+010000-01', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00+08:00', '2026-01-05T10:00',
  '0190a000-0000-7000-8000-0000000000ff', '0190A000-0000-7000-8000-0000000000FF', '0190a000-0000-7000-8000-0000000000f', ' 0190a000-0000-7000-8000-0000000000ff',
  '13800000000', ' 13800000000 ', '010-12345678', '0101234567', '1380000000', '138000000000', '23800000000',
  VALID_ID, VALID_ID.toLowerCase(), ` ${VALID_ID} `, ID_17 + (VALID_ID.endsWith('0') ? '1' : '0'), '110105194913310020', '11010519491231002',
  'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), '123456789012', '12345678901', '1234567890123',
  'image/jpeg', 'home', 'deleted', 'alive',
];

/** Values at and around one column's own limits and choices. */
function aroundLimits(rule: ColumnRule): unknown[] {
  const { bounds, members } = limitsOf(rule.schema as unknown as Schema);
  const out: unknown[] = [];
  for (const b of bounds) {
    out.push(b - 1, b, b + 1, b + 0.5, -b, b * 2);
    if (b < 0 || b > 6000) continue;
    for (const n of [b - 1, b, b + 1].filter((n) => n >= 0)) {
      // Code points, not UTF-16 units, are what a length counts: 😀 is one of them and two units.
      out.push('a'.repeat(n), '长'.repeat(n), '😀'.repeat(n), `😀${'a'.repeat(Math.max(0, n - 1))}`, `  ${'a'.repeat(n)} `, '\ud800'.repeat(n));
      if (n <= 50) out.push(Array.from({ length: n }, (_, i) => `t${i}`), Array.from({ length: n }, () => 'a'.repeat(n)));
    }
  }
  const list = [...members];
  for (const m of list) {
    out.push(m);
    if (typeof m !== 'string') continue;
    out.push(` ${m}`, `${m} `, m.toUpperCase(), `${m}x`, m.slice(0, -1), [m], [m, m], [` ${m}`]);
  }
  out.push(list, [...list, list[0]], list.slice(1), [...list, 'other']);
  return out;
}

/** What a column's schema is asked about a value: a 'bool' column's 0/1 as a boolean, a 'json' column's text as its list. */
function inputsOf(rule: ColumnRule, value: unknown): unknown[] {
  if (rule.codec === 'bool') return [value, value === 1, value === 0 ? false : value];
  return [value];
}

/** The value texts a file could bring for a column holding `value`. */
function textsOf(rule: ColumnRule, value: unknown): string[] {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return [];
  return rule.codec === 'json' ? [text, JSON.stringify(text)] : [text];
}

function mismatchesOf(table: LedgerName, col: string, rule: ColumnRule, values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const input of inputsOf(rule, value)) {
      const zod = rule.schema.safeParse(input).success;
      if (rule.accepts(input) !== zod) out.push(`${table}.${col}: schema says ${zod} to ${JSON.stringify(input)?.slice(0, 80)}`);
    }
    for (const text of textsOf(rule, value)) {
      const change = { tbl: table, col, value: text };
      const fast = valueProblem(change);
      const reference = valueProblemByZod(change);
      if (JSON.stringify(fast) !== JSON.stringify(reference)) out.push(`${table}.${col} ${text.slice(0, 80)}: ${JSON.stringify(fast)} vs ${JSON.stringify(reference)}`);
    }
  }
  return out;
}

describe('the compiled check of a received value is the contract schema', () => {
  it('says yes exactly where the schema does, and gives the same verdict and reason, for every column at and around its limits', () => {
    expect(COLUMNS.length).toBeGreaterThan(100);
    const mismatches = COLUMNS.flatMap(({ table, col, rule }) => mismatchesOf(table, col, rule, [...COMMON, ...aroundLimits(rule)]));
    expect(mismatches).toEqual([]);
  });

  it('judges any generated value of any column as the schema does', () => {
    const arbitraryValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.integer({ min: -10_000, max: 10_000 }),
      fc.double(),
      fc.date({ noInvalidDate: true, min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') }).map((d) => d.toISOString().slice(0, 10)),
      fc.tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
        ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
      fc.uuid(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...COLUMNS), arbitraryValue, fc.boolean(), ({ table, col, rule }, generated, nearLimit) => {
        const values = nearLimit ? [generated, ...aroundLimits(rule).slice(0, 3)] : [generated];
        expect(mismatchesOf(table, col, rule, values)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads value texts as JSON.parse does: plain strings, escapes, control characters, numbers, broken JSON, the row state', () => {
    const texts = [
      'null', 'nul', 'NULL', '"a"', '"a', 'a"', '""', '"', '"a"b"', '"a\\"b"', '"\\u0041"', '"\\n"', '"\u0001"', '"tab\t"', '"\u001f"', '"\u007f"', '"\ud800"',
      '"长"', ' "a"', '"a" ', '1', '01', '-0', '1e3', '1.5', '-1', '9007199254740993', 'true', '[]', '{}', '',
    ];
    const mismatches: string[] = [];
    for (const { table, col } of [...COLUMNS, { table: 'households' as const, col: ROW_COLUMN }, { table: 'households' as const, col: 'no_such_column' }]) {
      for (const value of texts) {
        const fast = valueProblem({ tbl: table, col, value });
        const reference = valueProblemByZod({ tbl: table, col, value });
        if (JSON.stringify(fast) !== JSON.stringify(reference)) mismatches.push(`${table}.${col} ${value}: ${JSON.stringify(fast)} vs ${JSON.stringify(reference)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
