// The segment codec: decode(encode(x)) is x for arbitrary changes of one origin, and the decoder
// refuses malformed bytes with a SyncFileError (never anything else).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import { LEDGER_NAMES, ledgerColumns, ROW_COLUMN, type LedgerName } from '../../../db/ledgers';
import { decodeChanges, DEFAULT_DECODE_LIMITS, encodeChanges, type Compression } from '../../../db/sync/segments/codec';
import { SyncFileError } from '../../../db/sync/segments/errors';

const ORIGIN = '00000000000000a1';
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const uuid = fc.uuid();
const someId = fc.oneof(uuid, fc.string({ unit: 'binary', maxLength: 40 }), hex(16));
const hlc = hex(16);
const jsonValue = fc.oneof(
  fc.constant('null'),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map((n) => JSON.stringify(n)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'grapheme', maxLength: 2000 }).map((s) => JSON.stringify(s)),
  uuid.map((s) => JSON.stringify(s)),
  fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => JSON.stringify(d.toISOString().slice(0, 10))),
  fc.constantFrom('"deleted"', '"alive"', 'true', '1e3', '-0', '"2026-02-30"', '" 2026-01-01"'),
  fc.string({ unit: 'binary' }), // not JSON at all: kept as raw text
);
const cell = fc.constantFrom(...LEDGER_NAMES).chain((tbl) =>
  fc.record({ tbl: fc.constant(tbl), col: fc.constantFrom(...ledgerColumns(tbl), ROW_COLUMN) }),
);

interface Draft {
  tbl: LedgerName;
  col: string;
  row: number;
  village: number;
  hlc: string;
  value: string;
  seen: ({ kind: 'earlier'; back: number } | { kind: 'foreign'; hlc: string; origin: string } | { kind: 'text'; text: string })[];
}

const draft: fc.Arbitrary<Draft> = fc.record({
  tbl: cell.map((c) => c.tbl),
  col: fc.constant(''),
  row: fc.nat(6),
  village: fc.nat(3),
  hlc,
  value: jsonValue,
  seen: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('earlier' as const), back: fc.nat(10) }),
      fc.record({ kind: fc.constant('foreign' as const), hlc, origin: fc.oneof(hex(16), fc.constant(ORIGIN), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 })) }),
      fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
    ),
    { maxLength: 4 },
  ),
});

/** Arbitrary changes, rows and seen lists that refer to each other as real ones do. */
const changesArb: fc.Arbitrary<Change[]> = fc
  .tuple(fc.array(someId, { minLength: 1, maxLength: 7 }), fc.array(fc.tuple(draft, cell), { maxLength: 60 }), fc.boolean())
  .map(([ids, drafts, sorted]) => {
    const out: Change[] = [];
    const list = drafts.map(([d, c]) => ({ ...d, tbl: c.tbl, col: c.col }));
    if (sorted) list.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    for (const d of list) {
      const rowId = ids[d.row % ids.length]!;
      const seen = d.seen.map((s) => {
        if (s.kind === 'earlier') return out[out.length - 1 - s.back]?.id ?? `${d.hlc}${ORIGIN}`;
        if (s.kind === 'foreign') return s.hlc + s.origin;
        return s.text;
      });
      out.push({
        id: d.hlc + ORIGIN,
        tbl: d.tbl,
        row_id: rowId,
        village_id: d.tbl === 'villages' ? rowId : ids[d.village % ids.length]!,
        col: d.col,
        value: d.value,
        hlc: d.hlc,
        origin: ORIGIN,
        seen,
      });
    }
    return out;
  });

describe('the segment codec', () => {
  it('decodes exactly what it encoded (brotli, gzip and none)', () => {
    fc.assert(
      fc.property(changesArb, fc.constantFrom<Compression>('brotli-5', 'gzip-6', 'none'), (changes, compression) => {
        expect(decodeChanges(ORIGIN, encodeChanges(ORIGIN, changes, compression))).toEqual(changes);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the awkward values one by one', () => {
    const values = ['null', '0', '-1', String(Number.MAX_SAFE_INTEGER), String(Number.MIN_SAFE_INTEGER), '9007199254740993', '1.5', '"李家村 👨‍👩‍👧 ✓"', JSON.stringify('\ud800x'), '"x'.repeat(1) + 'y"', JSON.stringify('长'.repeat(100_000)), '"2026-11-27"', '"0999-01-01"', '{"a":1}', '""'];
    const changes: Change[] = values.map((value, i) => {
      const h = (0x19ac0000000 + i).toString(16).padStart(12, '0') + '0000';
      return { id: h + ORIGIN, tbl: 'villages', row_id: 'r', village_id: 'r', col: 'notes', value, hlc: h, origin: ORIGIN, seen: i ? [h.slice(0, 15) + '1' + ORIGIN] : [] };
    });
    expect(decodeChanges(ORIGIN, encodeChanges(ORIGIN, changes), { ...DEFAULT_DECODE_LIMITS, maxValueBytes: 1 << 20 })).toEqual(changes);
  });

  it('decodes no more of a value than maxValueBytes: a longer text comes back cut, its bytes passed over', () => {
    const h = '0000019ac0000000';
    const long: Change = { id: h + ORIGIN, tbl: 'villages', row_id: 'r', village_id: 'r', col: 'notes', value: JSON.stringify('a'.repeat(11_000_000)), hlc: h, origin: ORIGIN, seen: [] };
    const body = encodeChanges(ORIGIN, [long]);
    expect(body.length).toBeLessThan(3000);
    const [decoded] = decodeChanges(ORIGIN, body);
    expect(decoded!.value).toBe(JSON.stringify('a'.repeat(DEFAULT_DECODE_LIMITS.maxValueBytes)));
  });

  it('refuses to encode a change of another origin or a column that is not ours', () => {
    const h = '0000019ac0000000';
    const base: Change = { id: h + ORIGIN, tbl: 'villages', row_id: 'r', village_id: 'r', col: 'name', value: 'null', hlc: h, origin: ORIGIN, seen: [] };
    expect(() => encodeChanges('00000000000000b2', [base])).toThrow(/not from/);
    expect(() => encodeChanges(ORIGIN, [{ ...base, col: 'sqlite_master' }])).toThrow(/Not a ledger column/);
  });

  it('throws only SyncFileError for random bytes and for every truncation and bit flip of a body', () => {
    const h = (i: number) => (0x19ac0000000 + i).toString(16).padStart(12, '0') + '0000';
    const changes: Change[] = Array.from({ length: 20 }, (_, i) => ({
      id: h(i) + ORIGIN, tbl: 'households', row_id: `0190a000-0000-7000-8000-00000000000${i % 3}`, village_id: '0190a000-0000-7000-8000-0000000000ff',
      col: i % 2 ? 'head_name' : 'notes', value: JSON.stringify(`王${i}`), hlc: h(i), origin: ORIGIN, seen: i > 2 ? [h(i - 2) + ORIGIN] : [],
    }));
    for (const compression of ['none', 'brotli-5'] as const) {
      const body = encodeChanges(ORIGIN, changes, compression);
      const attempts: Buffer[] = [];
      for (let cut = 0; cut < body.length; cut++) attempts.push(body.subarray(0, cut));
      for (let bit = 0; bit < body.length * 8; bit += 3) {
        const flipped = Buffer.from(body);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        attempts.push(flipped);
      }
      for (const bytes of attempts) {
        try {
          decodeChanges(ORIGIN, bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(SyncFileError);
        }
      }
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeChanges(ORIGIN, Buffer.from([0xc5, 1, 0, bytes.length, ...bytes]));
        } catch (error) {
          expect(error).toBeInstanceOf(SyncFileError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
