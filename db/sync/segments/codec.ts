// The segment codec: one origin's changes ⇄ compact bytes. Columnar: dictionaries of tables,
// columns, devices and row ids (a UUID is 16 raw bytes), changes grouped in runs of one row,
// HLCs as deltas against the previous change, `seen` as references (most name nothing, or the
// previous change of the same cell in this segment), values typed (null, integer, date, id
// reference, text). Each column is its own stream, then all of them go through brotli.
//
// The decoder takes hostile bytes: every length and index is bounds-checked, counts are capped
// before anything is allocated, nothing recurses, dictionaries are arrays (no object is keyed by
// file text), and table and column names are taken only if db/ledgers names them.
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import type { Change } from '../apply';
import { isLedger, isLedgerColumn, LEDGERS, ROW_COLUMN, type LedgerName } from '../../ledgers';
import { ByteReader, ByteWriter, isWellFormed } from './bytes';
import { shown, SyncFileError } from './errors';
import { dateOfDays } from '../civilTime';
import { safeParse } from '../valueText';

export const CODEC_VERSION = 1;
const BODY_MAGIC = 0xc5;

export type Compression = 'brotli-5' | 'gzip-6' | 'none';
const COMPRESSION_CODES: Record<Compression, number> = { none: 0, 'brotli-5': 1, 'gzip-6': 2 };

export interface DecodeLimits {
  /** Changes in one segment. */
  readonly maxChanges: number;
  /** Bytes of one segment once decompressed. */
  readonly maxDecompressedBytes: number;
  /** Change ids in one change's `seen`. */
  readonly maxSeen: number;
  /**
   * Bytes of one value's text that are decoded; a longer one is cut there (no column takes
   * that much: the import sets it aside as VALUE_INVALID, db/sync/valueCheck.ts).
   */
  readonly maxValueBytes: number;
}

/**
 * The most changes any version of the app sealed into one segment (50,000 at first, 10,000
 * since: seal.ts), so what a segment decodes to is bounded by what the app writes, not by what
 * a hostile file claims: a small file declaring a million tiny changes is refused unread.
 */
export const SEGMENT_MAX_CHANGES = 50_000;

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxChanges: SEGMENT_MAX_CHANGES,
  // Room for 10,000 notes of 1,100 Chinese characters each in one segment.
  maxDecompressedBytes: 32 * 1024 * 1024,
  maxSeen: 1024,
  maxValueBytes: 16 * 1024,
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const HEX16 = /^[0-9a-f]{16}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
// The next three, and UUID, HEX16, Tag, IdKind, hex and NOTHING_SEEN, are shared with the one-record decoder (recordChanges.ts).
export const DATE_BIAS = 20_000; // days since 1970 near the present: small zigzag numbers
export const MAX_WALL = 2 ** 48 - 1;
export const MAX_COUNTER = 0xffff;

const enum Stream {
  Dict,
  Ids,
  Runs,
  Cols,
  Hlcs,
  Seen,
  Tags,
  Nums,
  Text,
  Count,
}

export const enum Tag {
  Null,
  Int,
  NegInt,
  Str,
  Raw,
  IdRef,
  Date,
}

export const enum IdKind {
  Uuid,
  Text,
  Hex16,
}

// --------------------------------------------------------------------------------------------
// Encoding

function hlcParts(hlc: string): [number, number] {
  if (!HEX16.test(hlc)) throw new Error(`Not an HLC: ${shown(hlc)}`);
  return [parseInt(hlc.slice(0, 12), 16), parseInt(hlc.slice(12), 16)];
}

function writeId(w: ByteWriter, id: string): void {
  if (UUID.test(id)) {
    w.u8(IdKind.Uuid);
    w.bytes(Buffer.from(id.replace(/-/g, ''), 'hex'));
  } else if (HEX16.test(id)) {
    w.u8(IdKind.Hex16);
    w.bytes(Buffer.from(id, 'hex'));
  } else {
    w.u8(IdKind.Text);
    w.text(id);
  }
}

/** A dictionary built in order of first use. */
class Dict {
  readonly index = new Map<string, number>();
  readonly list: string[] = [];
  constructor(seed: readonly string[] = []) {
    for (const s of seed) this.add(s);
  }
  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

function dateDays(s: string): number | null {
  if (!DATE.test(s)) return null;
  const ms = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  if (!Number.isFinite(ms) || Number(s.slice(0, 4)) < 1000) return null;
  const days = ms / DAY_MS;
  return dateOfDays(days) === s ? days : null;
}

/** Encodes changes that all come from `origin` (which the bytes do not repeat). */
export function encodeChanges(origin: string, changes: readonly Change[], compression: Compression = 'brotli-5'): Buffer {
  return encode(origin, changes, compression, true);
}

/** Without the allow-list check: only for tests that prove the decoder refuses foreign names. */
export function encodeWithoutNameChecksForTests(origin: string, changes: readonly Change[], compression: Compression = 'none'): Buffer {
  return encode(origin, changes, compression, false);
}

function encode(origin: string, changes: readonly Change[], compression: Compression, checkNames: boolean): Buffer {
  const s = Array.from({ length: Stream.Count }, () => new ByteWriter());
  const tables = new Dict();
  const columns = new Dict();
  const origins = new Dict([origin]);
  const ids = new Dict();
  const position = new Map<string, number>(); // change id → index in this segment
  const lastOfCell = new Map<string, number>();

  const idRef = (w: ByteWriter, id: string) => {
    const known = ids.index.get(id);
    if (known === undefined) {
      w.varint(0);
      writeId(s[Stream.Ids]!, id);
      ids.add(id);
    } else {
      w.varint(ids.list.length - known);
    }
  };

  let runs = 0;
  let runStart = 0;
  let prevVillage: string | null = null;
  let prevWall = 0;
  let prevCounter = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (c.origin !== origin) throw new Error(`Change ${c.id} comes from ${c.origin}, not from ${origin}`);
    if (c.id !== c.hlc + origin) throw new Error(`Change ${shown(c.id)} is not its HLC followed by its origin`);
    if (checkNames && (!isLedger(c.tbl) || !isLedgerColumn(c.tbl, c.col))) throw new Error(`Not a ledger column: ${c.tbl}.${c.col}`);

    // Runs: consecutive changes of one row.
    const prev = changes[i - 1];
    if (!prev || prev.tbl !== c.tbl || prev.row_id !== c.row_id || prev.village_id !== c.village_id) {
      if (prev) s[Stream.Runs]!.varint(i - runStart);
      runStart = i;
      runs++;
      const r = s[Stream.Runs]!;
      r.varint(tables.add(c.tbl));
      idRef(r, c.row_id);
      if (c.village_id === prevVillage) r.varint(0);
      else if (c.village_id === c.row_id) r.varint(1);
      else {
        r.varint(2);
        idRef(r, c.village_id);
      }
      prevVillage = c.village_id;
    }

    s[Stream.Cols]!.varint(columns.add(c.col));

    const [wall, counter] = hlcParts(c.hlc);
    const h = s[Stream.Hlcs]!;
    if (i > 0 && wall === prevWall && counter === prevCounter + 1) h.varint(0);
    else {
      h.varint(1 + (wall >= prevWall ? (wall - prevWall) * 2 : (prevWall - wall) * 2 - 1));
      if (wall === prevWall && i > 0) h.svarint(counter - prevCounter);
      else h.varint(counter);
    }
    prevWall = wall;
    prevCounter = counter;

    const cell = `${c.tbl}\u0000${c.row_id}\u0000${c.col}`;
    const seenW = s[Stream.Seen]!;
    const previousOfCell = lastOfCell.get(cell);
    if (c.seen.length === 0) seenW.varint(0);
    else if (c.seen.length === 1 && previousOfCell !== undefined && c.seen[0] === changes[previousOfCell]!.id) seenW.varint(1);
    else {
      seenW.varint(1 + c.seen.length);
      for (const seenId of c.seen) {
        const at = position.get(seenId);
        if (at !== undefined) {
          seenW.varint(1 + (i - at));
          continue;
        }
        const seenOrigin = seenId.slice(16);
        if (seenId.length > 16 && HEX16.test(seenId.slice(0, 16)) && isWellFormed(seenOrigin)) {
          const [sw, sc] = hlcParts(seenId.slice(0, 16));
          seenW.varint(1);
          const known = origins.index.get(seenOrigin);
          if (known === undefined) {
            seenW.varint(origins.list.length);
            origins.add(seenOrigin);
          } else seenW.varint(known);
          seenW.svarint(wall - sw);
          seenW.varint(sc);
        } else {
          seenW.varint(0);
          seenW.text(seenId);
        }
      }
    }
    if (!position.has(c.id)) position.set(c.id, i);
    lastOfCell.set(cell, i);

    writeValue(c.value, s[Stream.Tags]!, s[Stream.Nums]!, s[Stream.Text]!, idRef);
  }
  if (changes.length) s[Stream.Runs]!.varint(changes.length - runStart);

  // The dictionaries (tables, columns, devices other than the origin), written last, read first.
  const d = s[Stream.Dict]!;
  d.varint(tables.list.length);
  for (const t of tables.list) d.text(t);
  d.varint(columns.list.length);
  for (const c of columns.list) d.text(c);
  d.varint(origins.list.length - 1);
  for (const o of origins.list.slice(1)) writeId(d, o);

  const payload = new ByteWriter(1024 + s.reduce((n, w) => n + w.length, 0));
  payload.varint(changes.length);
  payload.varint(runs);
  for (const w of s) payload.varint(w.length);
  for (const w of s) payload.bytes(w.finish());
  const raw = payload.finish();

  const packed =
    compression === 'brotli-5'
      ? brotliCompressSync(raw, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [zlibConstants.BROTLI_PARAM_LGWIN]: 22,
          },
        })
      : compression === 'gzip-6'
        ? gzipSync(raw, { level: 6 })
        : raw;
  const body = new ByteWriter(packed.length + 16);
  body.u8(BODY_MAGIC);
  body.u8(CODEC_VERSION);
  body.u8(COMPRESSION_CODES[compression]);
  body.varint(raw.length);
  body.bytes(packed);
  return body.finish();
}

function writeValue(value: string, tags: ByteWriter, nums: ByteWriter, text: ByteWriter, idRef: (w: ByteWriter, id: string) => void): void {
  if (value === 'null') return tags.u8(Tag.Null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'number' && Number.isSafeInteger(parsed) && String(parsed) === value) {
    tags.u8(parsed >= 0 ? Tag.Int : Tag.NegInt);
    return nums.varint(Math.abs(parsed));
  }
  if (typeof parsed === 'string' && JSON.stringify(parsed) === value) {
    if (UUID.test(parsed)) {
      tags.u8(Tag.IdRef);
      return idRef(nums, parsed);
    }
    const days = dateDays(parsed);
    if (days !== null) {
      tags.u8(Tag.Date);
      return nums.svarint(days - DATE_BIAS);
    }
    tags.u8(Tag.Str);
    return text.text(parsed);
  }
  tags.u8(Tag.Raw);
  text.text(value);
}

// --------------------------------------------------------------------------------------------
// Decoding

function bomb(message: string): never {
  throw new SyncFileError('BOMB', message);
}

/** The decompressed payload, refusing to expand past the declared size or the limit. */
function unpack(body: Buffer, limits: DecodeLimits): Buffer {
  const r = new ByteReader(body);
  if (r.u8() !== BODY_MAGIC) r.fail('it does not start as a segment body');
  const version = r.u8();
  if (version > CODEC_VERSION) throw new SyncFileError('NEWER_FORMAT', `A segment was written in format ${version}; this version of Cunji reads up to ${CODEC_VERSION}. Update Cunji to read it.`);
  if (version !== CODEC_VERSION) r.fail(`unknown codec version ${version}`);
  const compression = r.u8();
  const rawLength = r.varint();
  if (rawLength > limits.maxDecompressedBytes) {
    bomb(`A segment says it expands to ${rawLength} bytes, more than the limit of ${limits.maxDecompressedBytes}.`);
  }
  if (rawLength === 0) r.fail('it is empty');
  const packed = r.bytes(r.remaining);
  let raw: Buffer;
  try {
    if (compression === 1) raw = brotliDecompressSync(packed, { maxOutputLength: rawLength });
    else if (compression === 2) raw = gunzipSync(packed, { maxOutputLength: rawLength });
    else if (compression === 0) raw = packed;
    else return r.fail(`unknown compression ${compression}`);
  } catch (error) {
    if (error instanceof SyncFileError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) bomb(`A segment expands past the ${rawLength} bytes it declares (a compression bomb?).`);
    return r.fail('its compressed data is damaged');
  }
  if (raw.length !== rawLength) r.fail(`it expands to ${raw.length} bytes, not the ${rawLength} it declares`);
  return raw;
}

/** The character codes of a byte's two hex digits, high then low, by byte. */
const HEX_CODES = Uint8Array.from({ length: 512 }, (_, i) => '0123456789abcdef'.charCodeAt(i % 2 === 0 ? (i >> 1) >> 4 : (i >> 1) & 15));
/** Where each of a UUID's 16 bytes goes in its text (after the dashes before it). */
const UUID_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** A UUID's text from its 16 bytes, written as one run of ASCII (not sliced and joined: a record's id is read once a record). */
function uuidText(bytes: Buffer): string {
  const out = Buffer.allocUnsafe(36);
  out[8] = out[13] = out[18] = out[23] = 0x2d;
  for (let i = 0; i < 16; i++) {
    const at = UUID_AT[i]!;
    out[at] = HEX_CODES[bytes[i]! * 2]!;
    out[at + 1] = HEX_CODES[bytes[i]! * 2 + 1]!;
  }
  return out.toString('latin1');
}

function readId(r: ByteReader): string {
  const kind = r.u8();
  if (kind === IdKind.Uuid) return uuidText(r.bytes(16));
  if (kind === IdKind.Hex16) return r.bytes(8).toString('hex');
  if (kind === IdKind.Text) return r.text();
  return r.fail(`unknown id kind ${kind}`);
}

/** The `seen` of the many changes that have seen nothing: one frozen array, not one each. */
export const NOTHING_SEEN: readonly string[] = Object.freeze([]);

export function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** Every byte's two hex digits. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => hex(byte, 2));

/** An HLC's counter (0–0xffff) as its four hex digits: every decoded change has one. */
export function counterHex(counter: number): string {
  return HEX_PAIRS[counter >> 8]! + HEX_PAIRS[counter & 0xff]!;
}

/** A segment body opened: its counts, its streams and its dictionaries, all checked. */
export interface OpenedBody {
  readonly raw: Buffer;
  readonly count: number;
  readonly runCount: number;
  /** The streams in order: dictionaries, ids, runs, columns, HLCs, seen, tags, numbers, text. */
  readonly streams: readonly [ByteReader, ByteReader, ByteReader, ByteReader, ByteReader, ByteReader, ByteReader, ByteReader, ByteReader];
  readonly tables: readonly LedgerName[];
  readonly columns: readonly string[];
  /** The devices `seen` names: `origin` first. */
  readonly origins: readonly string[];
}

/** Unpacks a segment body and reads its counts, streams and dictionaries (both decoders start so). */
export function openBody(origin: string, body: Buffer, limits: DecodeLimits): OpenedBody {
  const raw = unpack(body, limits);
  const p = new ByteReader(raw);
  // Every change takes at least 4 bytes (column, HLC, seen, tag): caps the count before allocating.
  const count = p.bounded(Math.min(limits.maxChanges, Math.floor(raw.length / 4)), 'the change count');
  const runCount = p.bounded(count, 'the run count');
  const lengths: number[] = [];
  for (let i = 0; i < Stream.Count; i++) lengths.push(p.bounded(raw.length, 'a stream length'));
  const streams = lengths.map((n, i) => p.slice(n, `stream ${i}`)) as unknown as OpenedBody['streams'];
  if (p.remaining !== 0) p.fail('bytes follow the last stream');
  const d = streams[Stream.Dict];

  const tableCount = d.bounded(Object.keys(LEDGERS).length, 'the table count');
  const tables: LedgerName[] = [];
  for (let i = 0; i < tableCount; i++) {
    const name = d.text();
    if (!isLedger(name)) throw new SyncFileError('UNKNOWN_TABLE', `A segment writes to a table Cunji does not have: ${shown(name)}.`);
    tables.push(name);
  }
  const columnCount = d.bounded(1024, 'the column count');
  const columns: string[] = [];
  for (let i = 0; i < columnCount; i++) {
    const name = d.text();
    if (name !== ROW_COLUMN && !tables.some((t) => isLedgerColumn(t, name))) {
      throw new SyncFileError('UNKNOWN_COLUMN', `A segment writes to a column Cunji does not have: ${shown(name)}.`);
    }
    columns.push(name);
  }
  const originCount = d.bounded(d.remaining, 'the device count');
  const origins: string[] = [origin];
  for (let i = 0; i < originCount; i++) origins.push(readId(d));
  return { raw, count, runCount, streams, tables, columns, origins };
}

/**
 * What every change of a body begins with, read the same way by both decoders (this one and the
 * one-record decoder): its column, checked against its run's table once per pair, and its HLC,
 * relative to the change before. After `next`, the fields are the change's.
 */
export class ColumnAndClockReader {
  columnIndex = 0;
  col = '';
  wall = 0;
  counter = 0;
  // Whether a table (by index) has a column (by index): 0 not decided yet, 1 yes, -1 no.
  private readonly columnOk: Int8Array;
  private readonly colsR: ByteReader;
  private readonly hlcsR: ByteReader;

  constructor(private readonly opened: Pick<OpenedBody, 'tables' | 'columns' | 'streams'>) {
    this.columnOk = new Int8Array(opened.tables.length * opened.columns.length);
    this.colsR = opened.streams[Stream.Cols];
    this.hlcsR = opened.streams[Stream.Hlcs];
  }

  /** Reads change `i` (its index in the body) of a run of table `tableIndex`. */
  next(tableIndex: number, i: number): void {
    const { tables, columns } = this.opened;
    const { colsR, hlcsR } = this;
    const columnIndex = colsR.bounded(columns.length - 1, 'a column index');
    const col = columns[columnIndex] ?? colsR.fail('a change names no column');
    const pair = tableIndex * columns.length + columnIndex;
    if (this.columnOk[pair] === 0) this.columnOk[pair] = isLedgerColumn(tables[tableIndex]!, col) ? 1 : -1;
    if (this.columnOk[pair] === -1) throw new SyncFileError('UNKNOWN_COLUMN', `A segment writes to ${shown(`${tables[tableIndex]!}.${col}`)}, a column Cunji does not have.`);
    this.columnIndex = columnIndex;
    this.col = col;

    let { wall, counter } = this;
    const a = hlcsR.varint();
    if (a === 0) {
      if (i === 0) hlcsR.fail('the first HLC is relative');
      counter++;
    } else {
      const z = a - 1;
      const delta = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      wall += delta;
      counter = delta === 0 && i > 0 ? counter + hlcsR.svarint() : hlcsR.varint();
    }
    if (wall < 0 || wall > MAX_WALL || counter < 0 || counter > MAX_COUNTER) hlcsR.fail('an HLC is out of range');
    this.wall = wall;
    this.counter = counter;
  }
}

/**
 * The rest of a run's header after its table and row, read the same way by both decoders: its
 * village (the row itself, the run before's, or another id) and its number of changes (1 to
 * `remaining`). `Id` is how the decoder holds an id: its text, or its dictionary entry.
 */
export function villageAndLength<Id>(runsR: ByteReader, run: number, row: Id, village: Id, idRef: (r: ByteReader) => Id, remaining: number): [village: Id, length: number] {
  const villageCode = runsR.bounded(2, 'a village code');
  if (villageCode === 0 && run === 0) runsR.fail('the first run has no village');
  const next = villageCode === 1 ? row : villageCode === 2 ? idRef(runsR) : village;
  const length = runsR.bounded(remaining, 'a run length');
  if (length === 0) runsR.fail('a run is empty');
  return [next, length];
}

/** What a change's `seen` is in a decoded segment: nothing, the previous change of its cell in the segment, or named ids. */
export const enum SeenKind {
  Nothing,
  Previous,
  Named,
}

/**
 * A segment body decoded into columns, without an object per change: what decodeChanges makes
 * of it (decodeChanges is this, made into changes), and what the import's record path reads
 * (db/sync/recordImport.ts). Values are decoded, not turned back into JSON text.
 */
export interface SegmentColumns {
  readonly origin: string;
  readonly count: number;
  readonly tables: readonly LedgerName[];
  readonly columns: readonly string[];
  /** Runs (consecutive changes of one row): table index, row id, village, first change. */
  readonly runCount: number;
  readonly runTable: Uint8Array;
  readonly runRow: readonly string[];
  readonly runVillage: readonly string[];
  /** `runCount + 1` entries: run r holds changes runStart[r] to runStart[r + 1] - 1. */
  readonly runStart: Uint32Array;
  /** Per change: its column index, its HLC as two numbers, its `seen`, its value. */
  readonly col: Uint16Array;
  readonly wall: Float64Array;
  readonly counter: Uint16Array;
  readonly seenKind: Uint8Array;
  /** For SeenKind.Previous: the index of the change it saw. */
  readonly seenAt: Int32Array;
  /** For SeenKind.Named: the ids, by change index. */
  readonly named: ReadonlyMap<number, readonly string[]>;
  readonly tag: Uint8Array;
  /** A number (Int, NegInt), a string (Str, IdRef, Date), the JSON text itself (Raw), or null. */
  readonly value: readonly (string | number | null)[];
  /** Each change's HLC after the one before it (so its id too: one origin). */
  readonly increasing: boolean;
  /** The indexes of the smallest and the greatest HLC. */
  readonly minAt: number;
  readonly maxAt: number;
}

/** A change's HLC text in decoded columns. */
export const hlcAt = (s: SegmentColumns, i: number): string => hex(s.wall[i]!, 12) + counterHex(s.counter[i]!);

/** A change's id in decoded columns: its HLC and the segment's origin. */
export const idAt = (s: SegmentColumns, i: number): string => hlcAt(s, i) + s.origin;

/** A change's value as the log holds it (JSON text). */
export function valueTextAt(s: SegmentColumns, i: number): string {
  const value = s.value[i]!;
  switch (s.tag[i]) {
    case Tag.Null:
      return 'null';
    case Tag.Int:
    case Tag.NegInt:
      return String(value);
    case Tag.Raw:
      return value as string;
    default:
      return JSON.stringify(value);
  }
}

/** A change's value parsed (undefined: its text is not JSON), as valueOfText reads the text valueTextAt gives. */
export function parsedValueAt(s: SegmentColumns, i: number): unknown {
  const value = s.value[i]!;
  return s.tag[i] === Tag.Raw ? safeParse(value as string) : value;
}

/** Decodes a segment body of `origin` into columns. Throws SyncFileError for anything malformed. */
export function decodeColumns(origin: string, body: Buffer, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): SegmentColumns {
  const opened = openBody(origin, body, limits);
  const { count, runCount, streams: s, tables, origins } = opened;
  const [, idsR, runsR, , , seenR, tagsR, numsR, textR] = s;

  const ids: string[] = [];
  const idRef = (r: ByteReader): string => {
    const ref = r.bounded(ids.length, 'an id reference');
    if (ref === 0) {
      const id = readId(idsR);
      ids.push(id);
      return id;
    }
    return ids[ids.length - ref]!;
  };

  const runTable = new Uint8Array(runCount);
  const runRow: string[] = new Array<string>(runCount);
  const runVillage: string[] = new Array<string>(runCount);
  const runStart = new Uint32Array(runCount + 1);
  const colOf = new Uint16Array(count);
  const wallOf = new Float64Array(count);
  const counterOf = new Uint16Array(count);
  const seenKind = new Uint8Array(count);
  const seenAt = new Int32Array(count);
  const named = new Map<number, string[]>();
  const tagOf = new Uint8Array(count);
  const valueOf: (string | number | null)[] = new Array<string | number | null>(count);
  let increasing = true;
  let minAt = 0;
  let maxAt = 0;

  // The last change of each cell so far, by row (table index and row id) then column index:
  // one array per row rather than one key string per change (this loop runs for every change).
  const lastOfCell = new Map<string, number[]>();
  const step = new ColumnAndClockReader(opened);
  let village = '';
  let i = 0;
  let run = 0;
  for (; run < runCount; run++) {
    const tableIndex = runsR.bounded(tables.length - 1, 'a table index');
    if (tables[tableIndex] === undefined) runsR.fail('a run names no table');
    const rowId = idRef(runsR);
    const rowKey = `${tableIndex}\u0000${rowId}`;
    let lastOfRow = lastOfCell.get(rowKey);
    if (!lastOfRow) {
      lastOfRow = [];
      lastOfCell.set(rowKey, lastOfRow);
    }
    const [runVillageId, length] = villageAndLength(runsR, run, rowId, village, idRef, count - i);
    village = runVillageId;
    runTable[run] = tableIndex;
    runRow[run] = rowId;
    runVillage[run] = village;
    runStart[run] = i;
    for (let k = 0; k < length; k++, i++) {
      step.next(tableIndex, i);
      const { columnIndex, wall, counter } = step;
      colOf[i] = columnIndex;
      wallOf[i] = wall;
      counterOf[i] = counter;
      if (i > 0) {
        const before = wallOf[i - 1]!;
        if (wall < before || (wall === before && counter <= counterOf[i - 1]!)) increasing = false;
        const least = wallOf[minAt]!;
        if (wall < least || (wall === least && counter < counterOf[minAt]!)) minAt = i;
        const most = wallOf[maxAt]!;
        if (wall > most || (wall === most && counter > counterOf[maxAt]!)) maxAt = i;
      }

      const seenCode = seenR.bounded(limits.maxSeen + 1, 'a seen count');
      if (seenCode === 1) {
        seenKind[i] = SeenKind.Previous;
        seenAt[i] = lastOfRow[columnIndex] ?? seenR.fail('a change refers to an earlier change of its cell that is not there');
      } else if (seenCode > 1) {
        const ofChange: string[] = [];
        seenKind[i] = SeenKind.Named;
        named.set(i, ofChange);
        for (let n = 0; n < seenCode - 1; n++) {
          const kind = seenR.bounded(i + 1, 'a seen reference');
          if (kind === 0) ofChange.push(seenR.text());
          else if (kind === 1) {
            const seenOrigin = origins[seenR.bounded(origins.length - 1, 'a device index')]!;
            const sw = wall - seenR.svarint();
            const sc = seenR.varint();
            if (sw < 0 || sw > MAX_WALL || sc > MAX_COUNTER) seenR.fail('a seen HLC is out of range');
            ofChange.push(hex(sw, 12) + hex(sc, 4) + seenOrigin);
          } else {
            const at = i - (kind - 1);
            ofChange.push(hex(wallOf[at]!, 12) + counterHex(counterOf[at]!) + origin);
          }
        }
      }
      lastOfRow[columnIndex] = i;

      const tag = tagsR.u8();
      tagOf[i] = tag;
      switch (tag) {
        case Tag.Null:
          valueOf[i] = null;
          break;
        case Tag.Int:
          valueOf[i] = numsR.varint();
          break;
        case Tag.NegInt: {
          const magnitude = numsR.varint();
          if (magnitude === 0) numsR.fail('a negative zero');
          valueOf[i] = -magnitude;
          break;
        }
        case Tag.Str:
        case Tag.Raw:
          valueOf[i] = textR.text(limits.maxValueBytes);
          break;
        case Tag.IdRef:
          valueOf[i] = idRef(numsR);
          break;
        case Tag.Date: {
          const days = numsR.svarint() + DATE_BIAS;
          if (days < -354_285 || days > 2_932_896) numsR.fail('a date is out of range');
          valueOf[i] = dateOfDays(days);
          break;
        }
        default:
          return tagsR.fail(`unknown value tag ${tag}`);
      }
    }
  }
  runStart[run] = i;
  if (i !== count) runsR.fail(`it holds ${i} changes, not the ${count} it declares`);
  for (const r of s) if (r.remaining !== 0) r.fail('a stream has bytes left over');
  return {
    origin, count, tables, columns: opened.columns, runCount, runTable, runRow, runVillage, runStart, col: colOf, wall: wallOf, counter: counterOf,
    seenKind, seenAt, named, tag: tagOf, value: valueOf, increasing, minAt, maxAt,
  };
}

/**
 * The changes of decoded columns, in segment order: of every run, or of the runs `take` chooses,
 * which must take every run of a record or none (a `seen` names an earlier change of its record).
 */
export function changesOfColumns(s: SegmentColumns, take?: (run: number) => boolean): Change[] {
  const { origin, tables, columns, runTable, runRow, runVillage, runStart, col, wall, counter, seenKind, seenAt, named } = s;
  const out: Change[] = [];
  const ids: string[] = new Array<string>(s.count);
  let wallHex = '';
  let wallOfHex = -1;
  for (let run = 0; run < s.runCount; run++) {
    if (take && !take(run)) continue;
    const tbl = tables[runTable[run]!]!;
    const rowId = runRow[run]!;
    const village = runVillage[run]!;
    for (let i = runStart[run]!; i < runStart[run + 1]!; i++) {
      // Consecutive changes mostly share a millisecond: its hex is reused.
      if (wall[i] !== wallOfHex) {
        wallOfHex = wall[i]!;
        wallHex = hex(wallOfHex, 12);
      }
      const hlc = wallHex + counterHex(counter[i]!);
      const id = hlc + origin;
      ids[i] = id;
      const kind = seenKind[i];
      // A change sees an earlier one of its own row, which `take` took with it.
      const seen = kind === SeenKind.Nothing ? NOTHING_SEEN : kind === SeenKind.Previous ? [ids[seenAt[i]!]!] : named.get(i)!;
      out.push({ id, tbl, row_id: rowId, village_id: village, col: columns[col[i]!]!, value: valueTextAt(s, i), hlc, origin, seen });
    }
  }
  return out;
}

/** Decodes a segment body of `origin`. Throws SyncFileError for anything malformed. */
export function decodeChanges(origin: string, body: Buffer, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Change[] {
  return changesOfColumns(decodeColumns(origin, body, limits));
}
