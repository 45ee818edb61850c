// The compact store's clock (docs/compact-store.md, step 2): per record one packed blob giving,
// for each written column, the cell's greatest change (its HLC as integers, its origin as a name
// number, its `seen` when not empty), and an index from a record to the segments holding its
// changes; tables, columns, devices and segments interned as small integers in `names`. Written
// beside the change log, in the same transaction, by every writer of the log; nothing reads it
// yet (step 3 moves the readers), so it must always equal what the log says.
import { HLC_HEX_LENGTH, parseHlc, formatHlc } from './hlc';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A record id as the clock keys it: 16 bytes for a lowercase UUID (every id Cunji makes), else the text itself. */
export function recordKey(rowId: string): Buffer | string {
  return UUID.test(rowId) ? Buffer.from(rowId.replace(/-/g, ''), 'hex') : rowId;
}

/** The record id back from its key. */
export function recordIdOf(key: Buffer | string): string {
  if (typeof key === 'string') return key;
  const hex = key.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Unsigned LEB128 over safe integers (a wall time is 48 bits, so plain numbers suffice).
function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

const zigzag = (v: number) => (v < 0 ? -2 * v - 1 : 2 * v);
const unzigzag = (v: number) => (v % 2 === 1 ? -(v + 1) / 2 : v / 2);

/**
 * The blob: the first cell's wall time, then per cell (by column number) the column, the wall
 * time's difference from the first, the counter, the origin, the length of `seen` and its bytes.
 */
export function encodeClock(cells: readonly CellClock[]): Buffer {
  const sorted = [...cells].sort((a, b) => a.col - b.col);
  const out: number[] = [];
  const base = sorted.length ? parseHlc(sorted[0]!.hlc).wall : 0;
  pushVarint(out, base);
  const parts: Buffer[] = [];
  for (const cell of sorted) {
    const { wall, counter } = parseHlc(cell.hlc);
    pushVarint(out, cell.col);
    pushVarint(out, zigzag(wall - base));
    pushVarint(out, counter);
    pushVarint(out, cell.origin);
    const seen = Buffer.from(cell.seen, 'utf8');
    pushVarint(out, seen.length);
    parts.push(Buffer.from(out.splice(0)), seen);
  }
  parts.unshift(Buffer.from(out));
  return Buffer.concat(parts);
}

export function decodeClock(blob: Uint8Array): CellClock[] {
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
  const base = varint();
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
  return cells;
}

export interface ClockWriter {
  /**
   * Folds changes new to the log into their records' clocks and segments (one read and write a
   * record). `newRecords`: the log had no change of these records before (the bulk merger knows),
   * so there is no clock to read.
   */
  note(changes: readonly Change[], segment: string | null, newRecords?: boolean): void;
  /** Recomputes records' clocks and segments from the log (after a log row was rewritten in place). */
  refresh(records: readonly { tbl: string; row_id: string }[]): void;
  /** A sealed segment: the records of its changes gain it. */
  sealed(segment: string): void;
}

export function createClockWriter(sqlite: Sqlite): ClockWriter {
  const findName = sqlite.prepare('SELECT n FROM names WHERE kind = ? AND text = ?').pluck();
  const nameText = sqlite.prepare('SELECT text FROM names WHERE n = ?').pluck();
  const addName = sqlite.prepare('INSERT INTO names (kind, text) VALUES (?, ?)');
  const readClock = sqlite.prepare('SELECT cells FROM clocks WHERE tbl = ? AND row_id = ?').pluck();
  const writeClock = sqlite.prepare('INSERT OR REPLACE INTO clocks (tbl, row_id, cells) VALUES (?, ?, ?)');
  const dropClock = sqlite.prepare('DELETE FROM clocks WHERE tbl = ? AND row_id = ?');
  const addSegment = sqlite.prepare('INSERT OR IGNORE INTO record_segments (tbl, row_id, segment) VALUES (?, ?, ?)');
  const dropSegments = sqlite.prepare('DELETE FROM record_segments WHERE tbl = ? AND row_id = ?');
  const greatestOfRecord = sqlite.prepare('SELECT col, max(id) AS id, seen FROM changes WHERE tbl = ? AND row_id = ? GROUP BY col');
  const segmentsOfRecord = sqlite.prepare('SELECT DISTINCT segment FROM changes WHERE tbl = ? AND row_id = ? AND segment IS NOT NULL').pluck();
  const recordsOfSegment = sqlite.prepare('SELECT DISTINCT tbl, row_id FROM changes WHERE segment = ?');

  // Name numbers are looked up per call, never kept across calls: a call runs inside its
  // caller's transaction, and a number kept past a rollback could name nothing, or another name.
  function interner(): (kind: number, text: string) => number {
    const known = new Map<string, number>();
    return (kind, text) => {
      const key = `${kind}\u0000${text}`;
      let n = known.get(key);
      if (n === undefined) {
        n = (findName.get(kind, text) as number | undefined) ?? Number(addName.run(kind, text).lastInsertRowid);
        known.set(key, n);
      }
      return n;
    };
  }

  return {
    note(changes, segment, newRecords = false) {
      if (!changes.length) return;
      const nameOf = interner();
      const segmentN = segment === null ? null : nameOf(NAME_KIND.segment, segment);
      // table number → record key text → the record's changes
      const records = new Map<string, { tbl: number; rowId: string; changes: Change[] }>();
      for (const change of changes) {
        const tbl = nameOf(NAME_KIND.table, change.tbl);
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
        const stored = newRecords ? undefined : (readClock.get(tbl, key) as Buffer | undefined);
        const cells = new Map<number, CellClock>();
        const origins = new Map<number, string>();
        if (stored) for (const cell of decodeClock(stored)) cells.set(cell.col, cell);
        let changed = false;
        for (const change of ofRecord) {
          const col = nameOf(NAME_KIND.column, change.col);
          const held = cells.get(col);
          if (held) {
            // The held change's id, for comparing: its HLC then its origin's text.
            let origin = origins.get(held.origin);
            if (origin === undefined) {
              origin = nameText.get(held.origin) as string;
              origins.set(held.origin, origin);
            }
            if (held.hlc + origin >= change.id) continue;
          }
          const origin = nameOf(NAME_KIND.device, change.origin);
          cells.set(col, { col, hlc: change.hlc, origin, seen: change.seen.length ? JSON.stringify(change.seen) : '' });
          origins.set(origin, change.origin);
          changed = true;
        }
        if (changed) writeClock.run(tbl, key, encodeClock([...cells.values()]));
        if (segmentN !== null) addSegment.run(tbl, key, segmentN);
      }
    },
    refresh(records) {
      const nameOf = interner();
      for (const { tbl: table, row_id } of records) {
        const tbl = nameOf(NAME_KIND.table, table);
        const key = recordKey(row_id);
        const cells = (greatestOfRecord.all(table, row_id) as { col: string; id: string; seen: string }[]).map((row) => ({
          col: nameOf(NAME_KIND.column, row.col),
          hlc: row.id.slice(0, HLC_HEX_LENGTH),
          origin: nameOf(NAME_KIND.device, row.id.slice(HLC_HEX_LENGTH)),
          seen: row.seen === '[]' ? '' : row.seen,
        }));
        if (cells.length) writeClock.run(tbl, key, encodeClock(cells));
        else dropClock.run(tbl, key);
        dropSegments.run(tbl, key);
        for (const segment of segmentsOfRecord.all(table, row_id) as string[]) addSegment.run(tbl, key, nameOf(NAME_KIND.segment, segment));
      }
    },
    sealed(segment) {
      const nameOf = interner();
      const segmentN = nameOf(NAME_KIND.segment, segment);
      for (const { tbl, row_id } of recordsOfSegment.all(segment) as { tbl: string; row_id: string }[]) {
        addSegment.run(nameOf(NAME_KIND.table, tbl), recordKey(row_id), segmentN);
      }
    },
  };
}
