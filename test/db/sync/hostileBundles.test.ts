// Hostile files: each is refused with its reason code before anything is written, and the
// verifier throws nothing but SyncFileError.
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import { bufferSource, verifyBundle, type VerifyOptions } from '../../../db/sync/segments/bundle';
import { encodeChanges, encodeWithoutNameChecksForTests } from '../../../db/sync/segments/codec';
import { SyncFileError, type SyncFileReason } from '../../../db/sync/segments/errors';
import { segmentHash, signSegmentHash, type SealedSegment } from '../../../db/sync/segments/seal';
import { assemble, handSeal, keyring, newKeys, sealChanges, type AssembleOptions } from './bundleHelpers';

const A = newKeys('00000000000000a1');
const B = newKeys('00000000000000b2');
const STRANGER = newKeys('00000000000000e5');
const trusted: VerifyOptions = { keyOf: keyring(A, B) };

const hlc = (i: number) => (0x19ac0000000 + i).toString(16).padStart(12, '0') + '0000';
const VILLAGE = '0190a000-0000-7000-8000-0000000000ff';
function changes(origin: string, from: number, n: number, over: Partial<Change> = {}): Change[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { id: hlc(i) + origin, tbl: 'villages', row_id: VILLAGE, village_id: VILLAGE, col: i % 2 ? 'name' : 'notes', value: JSON.stringify(`村${i}`), hlc: hlc(i), origin, seen: [], ...over };
  });
}

const seg1 = sealChanges(A, 1, null, changes(A.deviceId, 0, 3));
const seg2 = sealChanges(A, 2, seg1.hash, changes(A.deviceId, 3, 3));
const segB = sealChanges(B, 1, null, changes(B.deviceId, 10, 2));
const good = (options: AssembleOptions = {}) => assemble(B, [seg1, seg2, segB], options);

function reasonOf(bytes: Buffer, options: VerifyOptions = trusted): SyncFileReason | 'ACCEPTED' {
  try {
    verifyBundle(bufferSource(bytes), options);
    return 'ACCEPTED';
  } catch (error) {
    if (!(error instanceof SyncFileError)) throw new Error(`Not a SyncFileError: ${String(error)}`);
    return error.reason;
  }
}

function messageOf(bytes: Buffer, options: VerifyOptions = trusted): string {
  try {
    verifyBundle(bufferSource(bytes), options);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('hostile bundle files', () => {
  it('accepts the well-made bundle, in any index order', () => {
    expect(reasonOf(good())).toBe('ACCEPTED');
    expect(reasonOf(assemble(B, [segB, seg2, seg1]))).toBe('ACCEPTED');
  });

  it('refuses the file truncated at every offset as TRUNCATED', () => {
    const bytes = good();
    for (let cut = 0; cut < bytes.length; cut++) expect(reasonOf(bytes.subarray(0, cut)), `cut at ${cut}`).toBe('TRUNCATED');
  });

  it('refuses a flipped bit anywhere, as a hash or signature failure inside the signed part', () => {
    const bytes = good();
    const seen = new Set<string>();
    for (let bit = 0; bit < bytes.length * 8; bit += 5) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const reason = reasonOf(flipped);
      expect(reason, `bit ${bit}`).not.toBe('ACCEPTED');
      seen.add(reason);
      const at = bit >> 3;
      // The format mark and the header length are named as damage too, never as a newer Cunji or a size.
      if (at < bytes.length - 104) expect(reason, `bit ${bit}`).toBe('HASH_MISMATCH');
    }
    expect([...seen].sort()).toEqual(['BAD_SIGNATURE', 'HASH_MISMATCH', 'TRUNCATED']);
  });

  it('refuses a file signed by someone other than its producer', () => {
    expect(reasonOf(good({ signer: STRANGER }))).toBe('BAD_SIGNATURE');
  });

  it('refuses a segment whose origin signature is forged by the (trusted) producer', () => {
    const forged = handSeal(A, 3, seg2.hash, encodeChanges(A.deviceId, changes(A.deviceId, 6, 2)), changes(A.deviceId, 6, 2), B);
    expect(reasonOf(assemble(B, [seg1, seg2, forged]))).toBe('BAD_SIGNATURE');
    expect(messageOf(assemble(B, [seg1, seg2, forged]))).toContain(`Device ${A.deviceId}, segment 3 is not signed by that device`);
  });

  it('refuses segments from an unknown device, naming it, and a known device with another key', () => {
    const fromStranger = sealChanges(STRANGER, 1, null, changes(STRANGER.deviceId, 0, 2));
    expect(reasonOf(assemble(B, [seg1, fromStranger]))).toBe('UNKNOWN_DEVICE');
    expect(messageOf(assemble(B, [seg1, fromStranger]))).toContain(`unknown device ${STRANGER.deviceId}`);
    expect(reasonOf(good(), { keyOf: keyring(A) })).toBe('UNKNOWN_DEVICE');
    const impostor = newKeys(A.deviceId);
    expect(reasonOf(assemble(B, [sealChanges(impostor, 1, null, changes(A.deviceId, 0, 2))]))).toBe('KEY_MISMATCH');
    try {
      verifyBundle(bufferSource(good()), { keyOf: keyring(A) });
    } catch (error) {
      expect((error as SyncFileError).device).toEqual({ deviceId: B.deviceId, offeredPublicKey: B.publicKeyPem });
    }
  });

  it('refuses bodies swapped behind the index and a segment listed twice', () => {
    expect(reasonOf(good({ bodies: [seg2.body, seg1.body, segB.body] }))).toBe('HASH_MISMATCH');
    expect(reasonOf(assemble(B, [seg1, seg1, seg2]))).toBe('BAD_HEADER');
  });

  it('reads two signed segments of one origin with one number, or not linking, as a fork, not as a damaged file', () => {
    // Both histories of a copied device are genuine: the import places each (test/db/sync/forks.test.ts).
    const clone = sealChanges(A, 2, seg1.hash, changes(A.deviceId, 20, 2));
    expect(reasonOf(assemble(B, [seg1, seg2, clone]))).toBe('ACCEPTED');
    const unlinked = sealChanges(A, 2, 'f'.repeat(64), changes(A.deviceId, 3, 3));
    expect(reasonOf(assemble(B, [seg1, unlinked]))).toBe('ACCEPTED');
    // Still forged when another key signed it.
    expect(reasonOf(assemble(B, [seg1, handSeal(A, 2, null, encodeChanges(A.deviceId, changes(A.deviceId, 30, 2)), changes(A.deviceId, 30, 2), B)]))).toBe('BAD_SIGNATURE');
  });

  it('refuses a newer format or schema, in the magic or in the header', () => {
    expect(reasonOf(good({ magic: Buffer.from('CUNJI02\n') }))).toBe('NEWER_FORMAT');
    expect(reasonOf(good({ magic: Buffer.from('PK\u0003\u0004abcd') }))).toBe('BAD_MAGIC');
    expect(reasonOf(good({ header: (h) => ({ ...h, format: 2, shiny: true }) }))).toBe('NEWER_FORMAT');
    expect(reasonOf(good({ header: (h) => ({ ...h, schema: 990 }) }))).toBe('NEWER_SCHEMA');
    expect(reasonOf(assemble(B, [newerSchemaSegment(990)]))).toBe('NEWER_SCHEMA');
  });

  it('refuses a compression bomb (expanding past what it declares, or declaring too much)', () => {
    const zeros = brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } });
    expect(zeros.length).toBeLessThan(100_000);
    const bomb = Buffer.concat([Buffer.from([0xc5, 1, 1, 0x80, 0x20]), zeros]); // declares 4,096 bytes
    const bombSegment = handSeal(A, 1, null, bomb, changes(A.deviceId, 0, 3));
    expect(reasonOf(assemble(B, [bombSegment]))).toBe('BOMB');
    const huge = Buffer.concat([Buffer.from([0xc5, 1, 1, 0x80, 0x80, 0x80, 0x80, 0x04]), zeros]); // declares 1 GiB
    expect(reasonOf(assemble(B, [handSeal(A, 1, null, huge, changes(A.deviceId, 0, 3))]))).toBe('BOMB');
  });

  it('refuses a huge header, a deeply nested one, and __proto__ keys', () => {
    expect(reasonOf(good({ header: (h) => ({ ...h, app: 'x'.repeat(9 * 1024 * 1024) }) }))).toBe('TOO_LARGE');
    expect(reasonOf(good({ headerText: (t) => `${t.slice(0, -1)},"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}` }))).toBe('BAD_HEADER');
    expect(messageOf(good({ headerText: (t) => `${t.slice(0, -1)},"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}` }))).toContain('nested');
    const proto = good({ headerText: (t) => `{"__proto__":{"polluted":true},${t.slice(1)}` });
    expect(reasonOf(proto)).toBe('BAD_HEADER');
    const protoInEntry = good({ headerText: (t) => t.replace('"origin":', '"__proto__":{"seq":1},"origin":') });
    expect(reasonOf(protoInEntry)).toBe('BAD_HEADER');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(reasonOf(good({ headerText: () => 'not json' }))).toBe('BAD_HEADER');
    expect(reasonOf(good({ header: (h) => ({ ...h, segments: h.segments.map((e) => ({ ...e, offset: e.offset + 1 })) }) }))).toBe('BAD_HEADER');
  });

  it('refuses table and column names that are not ours, naming them', () => {
    const cases: [Partial<Change>, SyncFileReason, string][] = [
      [{ tbl: 'sqlite_master' as never }, 'UNKNOWN_TABLE', 'sqlite_master'],
      [{ tbl: 'villages; DROP TABLE villages' as never }, 'UNKNOWN_TABLE', 'villages; DROP TABLE villages'],
      [{ tbl: '__proto__' as never }, 'UNKNOWN_TABLE', '__proto__'],
      [{ col: 'name"; DROP TABLE villages; --' }, 'UNKNOWN_COLUMN', 'DROP TABLE'],
      [{ col: 'population_2030' }, 'UNKNOWN_COLUMN', 'population_2030'],
      [{ col: 'year' }, 'UNKNOWN_COLUMN', '"year"'], // a column of another ledger
    ];
    for (const [over, reason, named] of cases) {
      const list = changes(A.deviceId, 0, 2, over);
      const bundle = assemble(B, [handSeal(A, 1, null, encodeWithoutNameChecksForTests(A.deviceId, list), list)]);
      expect(reasonOf(bundle), named).toBe(reason);
      expect(messageOf(bundle)).toContain(named);
    }
  });

  it('refuses an index out of range inside a segment body', () => {
    const list = changes(A.deviceId, 0, 1);
    const body = encodeWithoutNameChecksForTests(A.deviceId, list, 'none');
    // body: c5 01 00 <raw length> | count runs <9 stream lengths> | streams; the column stream is the 4th.
    const raw = body.subarray(4); // raw length < 128: one byte
    const lengths = [...raw.subarray(2, 11)];
    const colsAt = 4 + 11 + lengths[0]! + lengths[1]! + lengths[2]!;
    expect(body[colsAt]).toBe(0);
    const broken = Buffer.from(body);
    broken[colsAt] = 5;
    const bundle = assemble(B, [handSeal(A, 1, null, broken, list)]);
    expect(reasonOf(bundle)).toBe('BAD_SEGMENT');
    expect(messageOf(bundle)).toContain('a column index 5 is out of range');
  });

  it('refuses a segment whose content disagrees with its signed header', () => {
    const list = changes(A.deviceId, 0, 3);
    const lying = handSeal(A, 1, null, encodeChanges(A.deviceId, list), list.slice(0, 2));
    expect(reasonOf(assemble(B, [lying]))).toBe('BAD_SEGMENT');
  });

  it('refuses files beyond the size limits', () => {
    expect(reasonOf(good(), { ...trusted, limits: { maxFileBytes: 100 } })).toBe('TOO_LARGE');
    expect(reasonOf(good(), { ...trusted, limits: { maxSegments: 2 } })).toBe('TOO_LARGE');
    expect(reasonOf(good(), { ...trusted, limits: { maxHeaderBytes: 100 } })).toBe('TOO_LARGE');
  });
});

/** A genuine segment from a newer Cunji: the schema changed, hashed and signed by its origin. */
function newerSchemaSegment(schema: number): SealedSegment {
  const list = changes(A.deviceId, 0, 3);
  const body = encodeChanges(A.deviceId, list);
  const header = { ...handSeal(A, 1, null, body, list), schema };
  const hash = segmentHash(header, body);
  return { ...header, hash, signature: signSegmentHash(hash, A.privateKey), body };
}
