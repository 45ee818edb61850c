// The one-record decoder: for any segment and any record, exactly decodeChanges' output filtered
// to that record, in order; and for damaged bytes the same SyncFileError as decodeChanges, or, where
// decodeChanges accepts them, the same changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../db/sync/apply';
import { decodeChanges, DEFAULT_DECODE_LIMITS, encodeChanges, type Compression, type DecodeLimits } from '../../../../db/sync/segments/codec';
import { decodeRecordChanges } from '../../../../db/sync/segments/recordChanges';
import { ByteWriter } from '../../../../db/sync/segments/bytes';
import { SyncFileError } from '../../../../db/sync/segments/errors';
import { changesArb, ORIGIN } from './changeArbitraries';

const ofRecord = (changes: readonly Change[], tbl: string, rowId: string) => changes.filter((c) => c.tbl === tbl && c.row_id === rowId);

/** What a decoder gives for some bytes: its changes, or the reason and message it refused them with. */
function outcome(decode: () => Change[]): { changes: Change[] } | { refused: string } {
  try {
    return { changes: decode() };
  } catch (error) {
    if (!(error instanceof SyncFileError)) throw error;
    return { refused: `${error.reason}: ${error.message}` };
  }
}

describe("a segment's changes of one record", () => {
  it("are decodeChanges' changes of that record, in the same order, for every record of random segments", () => {
    fc.assert(
      fc.property(changesArb, fc.constantFrom<Compression>('brotli-5', 'gzip-6', 'none'), (changes, compression) => {
        const body = encodeChanges(ORIGIN, changes, compression);
        const all = decodeChanges(ORIGIN, body);
        const records = new Map(all.map((c) => [`${c.tbl}\u0000${c.row_id}`, c]));
        for (const { tbl, row_id } of records.values()) {
          const mine = decodeRecordChanges(ORIGIN, body, tbl, row_id);
          expect(mine.length).toBeGreaterThan(0);
          expect(mine).toEqual(ofRecord(all, tbl, row_id));
        }
        // A record the segment does not hold, and a row id of it under another table: nothing.
        expect(decodeRecordChanges(ORIGIN, body, 'villages', 'not-a-row')).toEqual([]);
        if (all[0]) expect(decodeRecordChanges(ORIGIN, body, all[0].tbl === 'villages' ? 'households' : 'villages', all[0].row_id)).toEqual(ofRecord(all, all[0].tbl === 'villages' ? 'households' : 'villages', all[0].row_id));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse what decodeChanges refuses, with the same error, for every truncation and bit flip of a body', () => {
    const h = (i: number) => (0x19ac0000000 + i * 3).toString(16).padStart(12, '0') + '0000';
    const rows = ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002', 'r3'];
    const village = '0190a000-0000-7000-8000-0000000000ff';
    // Every kind of value and of seen reference, three records interleaved in runs.
    const values = ['null', '1', '-1', '"王"', JSON.stringify('\ud800' + 'x'.repeat(10)), '{"a":1}', JSON.stringify(village), '"2026-11-27"', '"9999-12-31"', JSON.stringify('长'.repeat(40)), '"1000-01-01"'];
    const changes: Change[] = Array.from({ length: 27 }, (_, i) => {
      const row = rows[Math.floor(i / 2) % 3]!;
      const seen = i < 3 ? [] : i % 4 === 0 ? [h(i - 3) + ORIGIN] : i % 4 === 1 ? [h(i - 1).slice(0, 12) + 'ffff00000000000000b2', 'free text'] : i % 4 === 2 ? [h(i - 2) + ORIGIN] : [];
      return { id: h(i) + ORIGIN, tbl: 'households', row_id: row, village_id: village, col: i % 2 ? 'head_name' : 'notes', value: values[i % values.length]!, hlc: h(i), origin: ORIGIN, seen };
    });
    const limits: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, maxValueBytes: 9 };
    let refused = 0;
    for (const compression of ['none', 'gzip-6'] as const) {
      const body = encodeChanges(ORIGIN, changes, compression);
      const attempts: Buffer[] = [body];
      for (let cut = 0; cut < body.length; cut++) attempts.push(body.subarray(0, cut));
      // A flipped bit in compressed bytes mostly fails the inflating; the plain body reaches every check.
      for (let bit = 0; compression === 'none' && bit < body.length * 8; bit++) {
        const flipped = Buffer.from(body);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        attempts.push(flipped);
      }
      for (const [n, bytes] of attempts.entries()) {
        // One record a time, in turn (the damage falls in the other records' changes too); values
        // whole, and cut short.
        const row = rows[n % rows.length]!;
        for (const limit of [DEFAULT_DECODE_LIMITS, limits]) {
          const whole = outcome(() => decodeChanges(ORIGIN, bytes, limit));
          if ('refused' in whole) refused++;
          const one = outcome(() => decodeRecordChanges(ORIGIN, bytes, 'households', row, limit));
          expect(one).toEqual('refused' in whole ? whole : { changes: ofRecord(whole.changes, 'households', row) });
        }
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('follow a cell across runs that name its row anew, and find an id written as text (bodies the encoder does not write, but decodeChanges reads)', () => {
    // Two runs of one village, the second bringing its id into the dictionary again (or naming the
    // first entry); its change saw "the previous change of its cell", which is in the first run.
    const stream = (fill: (w: ByteWriter) => void) => {
      const w = new ByteWriter();
      fill(w);
      return w.finish();
    };
    const bodyOf = (id: string, twice: boolean) => {
      const streams = [
        stream((w) => [w.varint(1), w.text('villages'), w.varint(1), w.text('name'), w.varint(0)]),
        stream((w) => [w.u8(1), w.text(id), ...(twice ? [w.u8(1), w.text(id)] : [])]), // ids: the text kind
        stream((w) => [w.varint(0), w.varint(0), w.varint(1), w.varint(1), w.varint(0), w.varint(twice ? 0 : 1), w.varint(1), w.varint(1)]),
        stream((w) => [w.varint(0), w.varint(0)]),
        stream((w) => [w.varint(1 + 2 * 0x19ac0000000), w.varint(0), w.varint(0)]),
        stream((w) => [w.varint(0), w.varint(1)]),
        stream((w) => [w.u8(0), w.u8(0)]),
        stream(() => undefined),
        stream(() => undefined),
      ];
      const raw = stream((w) => [w.varint(2), w.varint(2), ...streams.map((b) => w.varint(b.length)), ...streams.map((b) => w.bytes(b))]);
      return stream((w) => [w.u8(0xc5), w.u8(1), w.u8(0), w.varint(raw.length), w.bytes(raw)]);
    };
    // A UUID as text (the encoder writes one as 16 bytes) is still that UUID.
    for (const id of ['v1', '0190a000-0000-7000-8000-000000000001']) {
      for (const twice of [true, false]) {
        const body = bodyOf(id, twice);
        const all = decodeChanges(ORIGIN, body);
        expect(all.map((c) => c.seen)).toEqual([[], [all[0]!.id]]);
        expect(decodeRecordChanges(ORIGIN, body, 'villages', id)).toEqual(all);
        expect(decodeRecordChanges(ORIGIN, body, 'villages', 'another')).toEqual([]);
      }
    }
  });

  it('refuse random bytes as decodeChanges does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 3 }), (bytes, rowId) => {
        const body = Buffer.from([0xc5, 1, 0, bytes.length, ...bytes]);
        const whole = outcome(() => decodeChanges(ORIGIN, body));
        const one = outcome(() => decodeRecordChanges(ORIGIN, body, 'villages', rowId));
        expect(one).toEqual('refused' in whole ? whole : { changes: ofRecord(whole.changes, 'villages', rowId) });
      }),
      { numRuns: 2000 },
    );
  });
});
