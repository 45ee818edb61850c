// The segment codec: decode(encode(x)) is x for arbitrary changes of one origin, and the decoder
// refuses malformed bytes with a SyncFileError (never anything else).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import { decodeChanges, DEFAULT_DECODE_LIMITS, encodeChanges, type Compression } from '../../../db/sync/segments/codec';
import { SyncFileError } from '../../../db/sync/segments/errors';
import { changesArb, ORIGIN } from './segments/changeArbitraries';

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
