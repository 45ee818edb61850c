// recordKey reads a UUID digit by digit; it must key exactly what the plain definition keys:
// 16 bytes for a lowercase UUID, the text itself for anything else.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordIdOf, recordKey } from '../../../db/sync/clocks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const byDefinition = (rowId: string): Buffer | string => (UUID.test(rowId) ? Buffer.from(rowId.replace(/-/g, ''), 'hex') : rowId);

function expectSameKey(rowId: string): void {
  const key = recordKey(rowId);
  const expected = byDefinition(rowId);
  if (typeof expected === 'string') expect(key).toBe(expected);
  else {
    expect(Buffer.isBuffer(key) && key.equals(expected)).toBe(true);
    expect(recordIdOf(key)).toBe(rowId);
  }
}

describe('recordKey', () => {
  it('keys a lowercase UUID as its 16 bytes, and gives its id back', () => {
    for (let i = 0; i < 200; i++) expectSameKey(randomUUID());
  });

  it('keeps as text every id that is not a lowercase UUID, however close', () => {
    const near = ['', 'x', '01A232ca-ad01-7c5d-803b-a0905580a839', '01a232ca-ad01-7c5d-803b-a0905580a83g', '01a232caxad01-7c5d-803b-a0905580a839',
      '01a232ca-ad01-7c5d-803ba-0905580a839', '01a232ca-ad01-7c5d-803b-a0905580a8391', '01a232ca-ad01-7c5d-803b-a0905580a8中9', 'village-1'];
    for (const rowId of near) expectSameKey(rowId);
  });

  it('agrees with the definition on one character changed anywhere in a UUID', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.nat(35), fc.integer({ min: 0, max: 0x2fff }), (uuid, at, code) => {
        expectSameKey(uuid.slice(0, at) + String.fromCharCode(code) + uuid.slice(at + 1));
      }),
      { numRuns: 2000 },
    );
  });
});
