// Growable byte writer and a bounds-checked reader for the segment codec. The reader treats its
// input as hostile: every read checks what is left, varints stop at 8 bytes and 2^53.
import { SyncFileError } from './errors';

const LONE_SURROGATE = /\p{Cs}/u;

/** False for a string with an unpaired surrogate (which UTF-8 cannot carry). */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

export class ByteWriter {
  private buf: Buffer;
  private len = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(value: number): void {
    this.room(1);
    this.buf[this.len++] = value;
  }

  /** Unsigned integer up to 2^53 - 1, 7 bits a byte, low bits first. */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    this.room(8);
    while (value >= 0x80) {
      this.buf[this.len++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buf[this.len++] = value;
  }

  /** Signed integer with |value| < 2^51, zigzagged. */
  svarint(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  bytes(data: Uint8Array): void {
    this.room(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** Text with its length; UTF-8, or UTF-16LE for a string with lone surrogates (exact either way). */
  text(value: string): void {
    const utf8 = isWellFormed(value);
    const data = Buffer.from(value, utf8 ? 'utf8' : 'utf16le');
    this.varint(data.length * 2 + (utf8 ? 0 : 1));
    this.bytes(data);
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

export class ByteReader {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    start = 0,
    private readonly end = buf.length,
    private readonly what = 'segment',
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Where the next read starts, in the whole buffer. */
  get offset(): number {
    return this.pos;
  }

  fail(message: string): never {
    throw new SyncFileError('BAD_SEGMENT', `The ${this.what} is damaged: ${message}.`);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('it ends early');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) this.fail('a number is too large');
        return value;
      }
      scale *= 0x80;
    }
    return this.fail('a number is too long');
  }

  /** A varint that must be ≤ max (a count, an index, a length). */
  bounded(max: number, what: string): number {
    const value = this.varint();
    if (value > max) this.fail(`${what} ${value} is out of range (at most ${max})`);
    return value;
  }

  svarint(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  bytes(n: number): Buffer {
    if (n > this.remaining) this.fail('a length runs past the end');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Passes over n bytes (bytes(n) without making a view of them). */
  skip(n: number): void {
    if (n > this.remaining) this.fail('a length runs past the end');
    this.pos += n;
  }

  /**
   * A length-prefixed text. Past `keep` bytes it is passed over, not decoded: what is returned
   * is its first `keep` bytes, so a hostile text costs no memory beyond them.
   */
  text(keep = Infinity): string {
    const header = this.bounded(this.remaining * 2 + 1, 'a text length');
    const length = Math.floor(header / 2);
    if (length > this.remaining) this.fail('a length runs past the end');
    // Decoded from the buffer in place: a view of each text would be one more object per value.
    const start = this.pos;
    const end = start + (length > keep ? keep - (keep % 2) : length);
    this.pos += length;
    if (header % 2 === 0) return this.buf.toString('utf8', start, end);
    if ((end - start) % 2 !== 0) this.fail('a UTF-16 text has an odd length');
    return this.buf.toString('utf16le', start, end);
  }

  /** A sub-reader over the next n bytes. */
  slice(n: number, what: string): ByteReader {
    if (n > this.remaining) this.fail(`the ${what} runs past the end`);
    const sub = new ByteReader(this.buf, this.pos, this.pos + n, this.what);
    this.pos += n;
    return sub;
  }
}
