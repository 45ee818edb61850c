// The compact store's clock (docs/compact-store.md, step 2): per record one packed blob giving,
// for each written column, the cell's greatest change (its HLC as integers, its origin as a name
// number, its `seen` when not empty) and the first segment holding its changes, and an index from a
// record to its further segments (`record_segments`: few records have any); tables, columns,
// devices and segments interned as small integers in `names`. Written
// beside the change log, in the same transaction, by every writer of the log, and read by the
// applier, the conflict list, the ledgers' listings and (the record index) the change log, so it
// must always equal what the log says.
import { formatHlc, hexDigit, parseHlc, type HlcParts } from './hlc';
import type { Change } from './apply';
import type { Sqlite } from '../open';

/** What a name number stands for. */
export const NAME_KIND = { table: 1, column: 2, device: 3, segment: 4 } as const;

/** One cell of a record's clock: its greatest change, with the column and origin as name numbers. */
export interface CellClock {
  readonly col: number;
  /** The greatest change's HLC (16 hex digits). */
  readonly hlc: string;
  readonly origin: number;
  /** That change's `seen` as the log stores it (JSON), '' when it saw nothing. */
  readonly seen: string;
}

const DASH = 0x2d;

/**
 * A record id as the clock keys it: 16 bytes for a lowercase UUID (every id Cunji makes), else
 * the text itself. Read digit by digit: a merge asks this twice for every record it writes.
 */
export function recordKey(rowId: string): Buffer | string {
  if (rowId.length !== 36) return rowId;
  const key = Buffer.allocUnsafe(16);
  let k = 0;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (rowId.charCodeAt(i) !== DASH) return rowId;
      i--; // the next pair starts right after the dash
      continue;
    }
    const high = hexDigit(rowId.charCodeAt(i));
    const low = hexDigit(rowId.charCodeAt(i + 1));
    if (high < 0 || low < 0) return rowId;
    key[k++] = high * 16 + low;
  }
  return key;
}

/** The record id back from its key. */
export function recordIdOf(key: Buffer | string): string {
  if (typeof key === 'string') return key;
  const hex = key.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const zigzag = (v: number) => (v < 0 ? -2 * v - 1 : 2 * v);
const unzigzag = (v: number) => (v % 2 === 1 ? -(v + 1) / 2 : v / 2);

/** A record's clock: its first change (who recorded it), whether any change of it is not causal, its cells. */
export interface RecordClock {
  /** The record's smallest change: its HLC and its origin's name number. */
  readonly first: { readonly hlc: string; readonly origin: number };
  /**
   * A change of the record names, in `seen`, an id not smaller than its own (no honest writer
   * does: a history that is not causal). Until then the clock alone answers "has a later change
   * seen this one?" for a change newer than the cell's greatest: none can have.
   */
  readonly nonCausal: boolean;
  readonly cells: readonly CellClock[];
}

/** Causal: every change named in `seen` sorts before the change itself. */
export const isCausal = (change: Pick<Change, 'id' | 'seen'>) => change.seen.every((id) => id < change.id);

/**
 * The blob: a flags number (1: not causal), the first change's wall time, counter and origin; then
 * per cell (by column number) the column, the wall time's difference from the first change's, the
 * counter, the origin, the length of `seen` and its bytes.
 */
export function encodeClock(clock: RecordClock): Buffer {
  const first = parseHlc(clock.first.hlc);
  const cells = clock.cells.map(({ col, hlc, origin, seen }) => ({ col, ...parseHlc(hlc), origin, seen }));
  return encodeClockParts(clock.nonCausal, { ...first, origin: clock.first.origin }, cells);
}

/** A cell of a clock with its HLC as two numbers (what encodeClock writes). */
export interface CellClockParts {
  readonly col: number;
  readonly wall: number;
  readonly counter: number;
  readonly origin: number;
  readonly seen: string;
}

/** encodeClock from HLCs already held as numbers (the import's record path has no HLC text). */
export function encodeClockParts(nonCausal: boolean, first: { readonly wall: number; readonly counter: number; readonly origin: number }, unsorted: readonly CellClockParts[]): Buffer {
  const cells = unsorted.length > 1 ? [...unsorted].sort((a, b) => a.col - b.col) : unsorted;
  // Written straight into one buffer sized for the worst case (a varint of a safe integer takes at
  // most 8 bytes, a UTF-16 unit at most 3 in UTF-8): this runs for every record a merge writes.
  let bound = 4 * 8;
  for (const cell of cells) bound += 5 * 8 + 3 * cell.seen.length;
  const out = Buffer.allocUnsafe(bound);
  const base = first.wall;
  let at = writeVarint(out, 0, nonCausal ? 1 : 0);
  at = writeVarint(out, at, base);
  at = writeVarint(out, at, first.counter);
  at = writeVarint(out, at, first.origin);
  for (const cell of cells) {
    at = writeVarint(out, at, cell.col);
    at = writeVarint(out, at, zigzag(cell.wall - base));
    at = writeVarint(out, at, cell.counter);
    at = writeVarint(out, at, cell.origin);
    at = writeText(out, at, cell.seen);
  }
  return out.subarray(0, at);
}

/** Unsigned LEB128 of a safe integer at `at` (a wall time is 48 bits: plain numbers suffice); where the next byte goes. */
function writeVarint(out: Buffer, at: number, value: number): number {
  let v = value;
  let i = at;
  while (v >= 0x80) {
    out[i++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[i++] = v;
  return i;
}

/** A text's length in UTF-8 bytes, then its bytes; where the next byte goes. */
function writeText(out: Buffer, at: number, text: string): number {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  if (ascii) {
    let i = writeVarint(out, at, text.length);
    for (let k = 0; k < text.length; k++) out[i++] = text.charCodeAt(k);
    return i;
  }
  const bytes = Buffer.from(text, 'utf8');
  const i = writeVarint(out, at, bytes.length);
  bytes.copy(out, i);
  return i + bytes.length;
}

export function decodeClock(blob: Uint8Array): RecordClock {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= blob.length) throw new Error('A record clock ends inside a number');
      const byte = blob[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  const flags = varint();
  const base = varint();
  const first = { hlc: formatHlc({ wall: base, counter: varint() }), origin: varint() };
  const cells: CellClock[] = [];
  while (at < blob.length) {
    const col = varint();
    const wall = base + unzigzag(varint());
    const counter = varint();
    const origin = varint();
    const length = varint();
    const seen = Buffer.from(blob.subarray(at, at + length)).toString('utf8');
    at += length;
    cells.push({ col, hlc: formatHlc({ wall, counter }), origin, seen });
  }
  return { first, nonCausal: (flags & 1) === 1, cells };
}

export interface ClockWriter {
  /**
   * Folds changes new to the log into their records' clocks and segments (one read and write a
   * record). A record's segments name, for each of its changes, one segment holding it as it is,
   * not every copy: a segment that brings only changes the log holds already (sealed a second time
   * by a copy of their device, or relayed) is not added; the change log's record reads need one.
   */
  note(changes: readonly Change[], segment: string | null): void;
  /**
   * Recomputes records' clocks, deletes and segments from their logged changes (after a fork's
   * doubled id changed hands); `changesOf` gives a record's changes in id order with their segments.
   */
  refresh(records: readonly { tbl: string; row_id: string }[], changesOf: (tbl: string, rowId: string) => readonly (Change & { readonly segment: string | null })[]): void;
  /** A sealed segment: the records of its changes gain it. */
  sealed(segment: string, changes: readonly Pick<Change, 'tbl' | 'row_id'>[]): void;
  /**
   * Clocks of records new to the log, merged whole by the bulk merger from a batch of `segment`:
   * what `note` would write, from what the merger has already worked out (no clock to read, no
   * regrouping).
   * Use the returned writer for that one batch only (its name numbers live as long as the call).
   */
  newRecords(segment: string | null): NewRecordClocks;
  /**
   * Numbers a stored segment's names before it is merged — the segment, its device, then its
   * dictionary's tables and columns in order — so that they do not depend on which of the
   * import's paths (record by record, change by change) meets them first.
   */
  internSegment(segment: string, origin: string, tables: readonly string[], columns: readonly string[]): void;
}

export interface NewRecordClocks {
  /**
   * One record's clock: `first` its smallest change, `greatest` each written cell's greatest
   * change (its changes causal, as the merger checked), `deleted` whether a change deletes it.
   */
  add(tbl: string, rowId: string, first: Change, greatest: Iterable<Change>, deleted: boolean): void;
  /** `add` for a record whose changes are all of `origin`, their HLCs as numbers (the import's record path). */
  addParts(tbl: string, rowId: string, origin: string, first: HlcParts, greatest: readonly NewCellParts[], deleted: boolean): void;
}

/** A written cell of a record new to the log: its column, its greatest change's HLC, and that change's `seen` (JSON, '' when none). */
export interface NewCellParts {
  readonly col: string;
  readonly wall: number;
  readonly counter: number;
  readonly seen: string;
}

// db/ledgers' ROW_COLUMN written out: the migrations import this file, and db/ledgers reads the
// migrations, so importing it here would make a cycle.
/** A change that deletes its record (the `_row` cell set to "deleted"). */
export const isDelete = (change: Pick<Change, 'col' | 'value'>) => change.col === '_row' && change.value === DELETED_VALUE;
/** A cell clock's `seen`: the change's as JSON, '' when it saw nothing. */
const seenText = (seen: readonly string[]) => (seen.length ? JSON.stringify(seen) : '');

/** The value of a change that deletes its record, as the log holds it (JSON). */
export const DELETED_VALUE = JSON.stringify('deleted');

/** Texts of name numbers, each looked up once for the caller's call (see the writer on why not longer). */
function nameTexts(nameText: ReturnType<Sqlite['prepare']>): (n: number) => string {
  const texts = new Map<number, string>();
  return (n) => {
    let text = texts.get(n);
    if (text === undefined) {
      text = nameText.get(n) as string;
      texts.set(n, text);
    }
    return text;
  };
}

export function createClockWriter(sqlite: Sqlite): ClockWriter {
  const findName = sqlite.prepare('SELECT n FROM names WHERE kind = ? AND text = ?').pluck();
  const nameText = sqlite.prepare('SELECT text FROM names WHERE n = ?').pluck();
  const addName = sqlite.prepare('INSERT INTO names (kind, text) VALUES (?, ?)');
  // A record's first segment is kept in its clock's row, its further ones in record_segments
  // (never the clock's own): a merge writes one row for a record new to the log, not two.
  const readClock = sqlite.prepare('SELECT cells, segment FROM clocks WHERE tbl = ? AND row_id = ?').raw();
  const writeClock = sqlite.prepare('INSERT INTO clocks (tbl, row_id, cells, segment) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id) DO UPDATE SET cells = excluded.cells, segment = excluded.segment');
  // A record new to the log has no clock: a plain insert, the merge's hot path.
  const addClock = sqlite.prepare('INSERT INTO clocks (tbl, row_id, cells, segment) VALUES (?, ?, ?, ?)');
  const clockSegment = sqlite.prepare('SELECT segment FROM clocks WHERE tbl = ? AND row_id = ?').raw();
  const setClockSegment = sqlite.prepare('UPDATE clocks SET segment = ? WHERE tbl = ? AND row_id = ?');
  const dropClock = sqlite.prepare('DELETE FROM clocks WHERE tbl = ? AND row_id = ?');
  const addSegment = sqlite.prepare('INSERT OR IGNORE INTO record_segments (tbl, row_id, segment) VALUES (?, ?, ?)');
  const dropSegments = sqlite.prepare('DELETE FROM record_segments WHERE tbl = ? AND row_id = ?');
  const addDelete = sqlite.prepare('INSERT OR IGNORE INTO record_deletes (tbl, row_id) VALUES (?, ?)');
  const dropDelete = sqlite.prepare('DELETE FROM record_deletes WHERE tbl = ? AND row_id = ?');

  // Name numbers are looked up per call, never kept across calls: a call runs inside its
  // caller's transaction, and a number kept past a rollback could name nothing, or another name.
  function interner(): { nameOf(kind: number, text: string): number; textOf(n: number): string } {
    const known = new Map<number, Map<string, number>>(); // kind → text → number
    return {
      nameOf(kind, text) {
        let ofKind = known.get(kind);
        if (!ofKind) {
          ofKind = new Map();
          known.set(kind, ofKind);
        }
        let n = ofKind.get(text);
        if (n === undefined) {
          n = (findName.get(kind, text) as number | undefined) ?? Number(addName.run(kind, text).lastInsertRowid);
          ofKind.set(text, n);
        }
        return n;
      },
      textOf: nameTexts(nameText),
    };
  }

  return {
    note(changes, segment) {
      if (!changes.length) return;
      const names = interner();
      const segmentN = segment === null ? null : names.nameOf(NAME_KIND.segment, segment);
      // table number → record key text → the record's changes
      const records = new Map<string, { tbl: number; rowId: string; changes: Change[] }>();
      for (const change of changes) {
        const tbl = names.nameOf(NAME_KIND.table, change.tbl);
        const key = `${tbl}\u0000${change.row_id}`;
        let record = records.get(key);
        if (!record) {
          record = { tbl, rowId: change.row_id, changes: [] };
          records.set(key, record);
        }
        record.changes.push(change);
      }
      for (const { tbl, rowId, changes: ofRecord } of records.values()) {
        const key = recordKey(rowId);
        const stored = readClock.get(tbl, key) as [Buffer, number | null] | undefined;
        const clock = stored ? decodeClock(stored[0]) : undefined;
        // The clock's segment: a record without one (new, or only segment-less changes) takes this one.
        let ownSegment = stored ? stored[1] : null;
        let changed = false;
        if (segmentN !== null && ownSegment === null) {
          ownSegment = segmentN;
          changed = true;
        }
        const cells = new Map<number, CellClock>();
        if (clock) for (const cell of clock.cells) cells.set(cell.col, cell);
        // A held change's id, for comparing: its HLC then its origin's text.
        const idOf = (held: { hlc: string; origin: number }) => held.hlc + names.textOf(held.origin);
        let first = clock?.first;
        let nonCausal = clock?.nonCausal ?? false;
        for (const change of ofRecord) {
          if (!first || change.id < idOf(first)) {
            first = { hlc: change.hlc, origin: names.nameOf(NAME_KIND.device, change.origin) };
            changed = true;
          }
          if (!nonCausal && !isCausal(change)) {
            nonCausal = true;
            changed = true;
          }
          if (isDelete(change)) addDelete.run(tbl, key);
          const col = names.nameOf(NAME_KIND.column, change.col);
          const held = cells.get(col);
          if (held && idOf(held) >= change.id) continue;
          cells.set(col, { col, hlc: change.hlc, origin: names.nameOf(NAME_KIND.device, change.origin), seen: seenText(change.seen) });
          changed = true;
        }
        if (changed) writeClock.run(tbl, key, encodeClock({ first: first!, nonCausal, cells: [...cells.values()] }), ownSegment);
        if (segmentN !== null && ownSegment !== segmentN) addSegment.run(tbl, key, segmentN);
      }
    },
    refresh(records, changesOf) {
      const names = interner();
      for (const { tbl: table, row_id } of records) {
        const tbl = names.nameOf(NAME_KIND.table, table);
        const key = recordKey(row_id);
        const logged = changesOf(table, row_id);
        const greatest = new Map<string, Change>();
        let nonCausal = false;
        const segments = new Set<number>();
        dropDelete.run(tbl, key);
        dropSegments.run(tbl, key);
        for (const change of logged) {
          greatest.set(change.col, change); // id order: the last of a column is its greatest
          if (!isCausal(change)) nonCausal = true;
          if (isDelete(change)) addDelete.run(tbl, key);
          if (change.segment !== null) segments.add(names.nameOf(NAME_KIND.segment, change.segment));
        }
        // The smallest number in the clock (as the migration that moved it there chose), the rest beside.
        const ownSegment = segments.size ? Math.min(...segments) : null;
        for (const segment of segments) if (segment !== ownSegment) addSegment.run(tbl, key, segment);
        const cells = [...greatest].map(([col, change]) => ({
          col: names.nameOf(NAME_KIND.column, col),
          hlc: change.hlc,
          origin: names.nameOf(NAME_KIND.device, change.origin),
          seen: seenText(change.seen),
        }));
        const first = logged[0];
        if (first) writeClock.run(tbl, key, encodeClock({ first: { hlc: first.hlc, origin: names.nameOf(NAME_KIND.device, first.origin) }, nonCausal, cells }), ownSegment);
        else dropClock.run(tbl, key);
      }
    },
    newRecords(segment) {
      const names = interner();
      const segmentN = segment === null ? null : names.nameOf(NAME_KIND.segment, segment);
      const cellOf = (col: string, { wall, counter }: HlcParts, origin: string, seen: string): CellClockParts => ({
        col: names.nameOf(NAME_KIND.column, col), wall, counter, origin: names.nameOf(NAME_KIND.device, origin), seen,
      });
      // Names are interned in the order the clock is read: table, cells, the first change's device.
      const write = (tbl: number, rowId: string, cells: CellClockParts[], { wall, counter }: HlcParts, origin: string, deleted: boolean) => {
        const key = recordKey(rowId);
        addClock.run(tbl, key, encodeClockParts(false, { wall, counter, origin: names.nameOf(NAME_KIND.device, origin) }, cells), segmentN);
        if (deleted) addDelete.run(tbl, key);
      };
      return {
        add(table, rowId, first, greatest, deleted) {
          const tbl = names.nameOf(NAME_KIND.table, table);
          const cells: CellClockParts[] = [];
          for (const change of greatest) cells.push(cellOf(change.col, parseHlc(change.hlc), change.origin, seenText(change.seen)));
          write(tbl, rowId, cells, parseHlc(first.hlc), first.origin, deleted);
        },
        addParts(table, rowId, origin, first, greatest, deleted) {
          const tbl = names.nameOf(NAME_KIND.table, table);
          write(tbl, rowId, greatest.map((cell) => cellOf(cell.col, cell, origin, cell.seen)), first, origin, deleted);
        },
      };
    },
    internSegment(segment, origin, tables, columns) {
      const names = interner();
      names.nameOf(NAME_KIND.segment, segment);
      names.nameOf(NAME_KIND.device, origin);
      for (const table of tables) names.nameOf(NAME_KIND.table, table);
      for (const column of columns) names.nameOf(NAME_KIND.column, column);
    },
    sealed(segment, sealedChanges) {
      const names = interner();
      const segmentN = names.nameOf(NAME_KIND.segment, segment);
      const done = new Set<string>();
      for (const { tbl, row_id } of sealedChanges) {
        const key = `${tbl}\u0000${row_id}`;
        if (done.has(key)) continue;
        done.add(key);
        const tblN = names.nameOf(NAME_KIND.table, tbl);
        const rowKey = recordKey(row_id);
        // A clock whose record had only unsealed writes takes the segment; a record with no clock
        // (rows written into the log by hand, as tests do) keeps it in record_segments as before.
        const own = clockSegment.get(tblN, rowKey) as [number | null] | undefined;
        if (own && own[0] === null) setClockSegment.run(segmentN, tblN, rowKey);
        else if (!own || own[0] !== segmentN) addSegment.run(tblN, rowKey, segmentN);
      }
    },
  };
}

/** A record's clock with its names as text: what the readers of the log ask of it. */
export interface ReadClock {
  /** The record's smallest change id (its HLC and origin): who recorded it, and when. */
  readonly firstId: string;
  readonly nonCausal: boolean;
  /** Column → the cell's greatest change: its id and `seen`. */
  readonly cells: ReadonlyMap<string, { readonly id: string; readonly seen: readonly string[] }>;
}

export interface ClockReader {
  /** The record's clock; undefined when the log has no change of it. */
  read(tbl: string, rowId: string): ReadClock | undefined;
  /** Every record's clock, a table at a time (for listings over the whole log). */
  all(): Iterable<{ readonly tbl: string; readonly rowId: string; readonly clock: ReadClock }>;
}

/**
 * Reads clocks. Names are looked up afresh by each call (a number kept past a rolled-back
 * transaction could name another name), so one reader can serve a long-lived applier.
 */
export function createClockReader(sqlite: Sqlite): ClockReader {
  const tableNumber = sqlite.prepare(`SELECT n FROM names WHERE kind = ${NAME_KIND.table} AND text = ?`).pluck();
  const readClock = sqlite.prepare('SELECT cells FROM clocks WHERE tbl = ? AND row_id = ?').pluck();
  const allClocks = sqlite.prepare('SELECT tbl, row_id, cells FROM clocks');
  const nameText = sqlite.prepare('SELECT text FROM names WHERE n = ?').pluck();
  const namer = () => nameTexts(nameText);
  const readable = (blob: Buffer, textOf: (n: number) => string): ReadClock => {
    const clock = decodeClock(blob);
    return {
      firstId: clock.first.hlc + textOf(clock.first.origin),
      nonCausal: clock.nonCausal,
      cells: new Map(clock.cells.map((cell) => [textOf(cell.col), { id: cell.hlc + textOf(cell.origin), seen: cell.seen ? (JSON.parse(cell.seen) as string[]) : [] }])),
    };
  };
  return {
    read(tbl, rowId) {
      const n = tableNumber.get(tbl) as number | undefined;
      if (n === undefined) return undefined;
      const blob = readClock.get(n, recordKey(rowId)) as Buffer | undefined;
      return blob ? readable(blob, namer()) : undefined;
    },
    *all() {
      const textOf = namer();
      const rows = allClocks.raw().all() as [number, Buffer | string, Buffer][];
      for (const [tbl, key, blob] of rows) yield { tbl: textOf(tbl), rowId: recordIdOf(key), clock: readable(blob, textOf) };
    },
  };
}
