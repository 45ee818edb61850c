// The change log as a whole, wherever its changes are kept (docs/compact-store.md, step 3): the
// rows of `changes` that no stored segment holds (this device's unsealed writes, changes merged
// without a segment) and the changes of the stored segments, less those a segment brought that the
// log does not hold (`segment_exclusions`: set aside, or lost a fork's doubled id). A record's
// changes are found through `record_segments`; a decoded segment is kept in a small cache passed in.
import { HLC_HEX_LENGTH } from './hlc';
import { NAME_KIND, recordKey } from './clocks';
import { decodeChanges } from './segments/codec';
import type { Change } from './apply';
import type { Sqlite } from '../open';

/** A logged change and the stored segment it is read from (null: a row of `changes`). */
export type LoggedChange = Change & { readonly segment: string | null };

/** Two changes with one id are the same change: every field equal. */
export function sameChange(a: Change, b: Change): boolean {
  return (
    a.id === b.id && a.tbl === b.tbl && a.row_id === b.row_id && a.village_id === b.village_id && a.col === b.col && a.value === b.value &&
    a.seen.length === b.seen.length && a.seen.every((id, i) => id === b.seen[i])
  );
}

/** Decoded segments by hash, the most recently used kept (one segment is at most 50,000 changes). */
export interface SegmentCache {
  get(hash: string): readonly Change[] | undefined;
  set(hash: string, changes: readonly Change[]): void;
}

export function createSegmentCache(capacity = 8): SegmentCache {
  const held = new Map<string, readonly Change[]>();
  return {
    get(hash) {
      const changes = held.get(hash);
      if (changes) {
        held.delete(hash);
        held.set(hash, changes);
      }
      return changes;
    },
    set(hash, changes) {
      held.delete(hash);
      held.set(hash, changes);
      while (held.size > capacity) held.delete(held.keys().next().value!);
    },
  };
}

export interface ChangeLog {
  /** Every change of one record, in id order; `except`: leave that segment out (one being merged). */
  ofRecord(tbl: string, rowId: string, except?: string | null): LoggedChange[];
  /** Every change of one cell, in id order; `except` as for ofRecord. */
  ofCell(tbl: string, rowId: string, col: string, except?: string | null): LoggedChange[];
  /** The logged change with this id, or undefined; `except` as for ofRecord. */
  byId(id: string, except?: string | null): LoggedChange | undefined;
  /** Whether the log holds this very change, other than in `except` (a segment being merged). */
  holds(change: Change, except?: string | null): boolean;
  /** The stored segments that hold this very change as decoded, their exclusions aside (a copy of its device may have sealed it twice). */
  segmentsHolding(change: Change): string[];
  /** Whether a logged change is kept as a row of `changes` (not read from a stored segment). */
  isRow(change: Pick<Change, 'id'>): boolean;
  /** Every change of one origin (the device that wrote it), in id order: a log too big to hold whole, an origin at a time. */
  ofOrigin(origin: string): LoggedChange[];
  /** Every change, in id order (tests): holds the whole log in memory. */
  all(): LoggedChange[];
  /** The log a piece at a time: its rows of `changes` (one piece), then each stored segment less its exclusions. */
  pieces(): Iterable<{ readonly segment: string | null; readonly changes: readonly LoggedChange[] }>;
  /** The greatest change id in the log, or null when it is empty. */
  greatestId(): string | null;
}

interface Row extends Omit<Change, 'seen'> {
  seen: string;
  segment: string | null;
}

// A row is read from `changes` only when its segment is not stored: a stored segment is read whole.
const ROW_NOT_IN_STORED_SEGMENT = 'AND (c.segment IS NULL OR NOT EXISTS (SELECT 1 FROM segments AS s WHERE s.hash = c.segment))';
const ROW_COLUMNS = 'c.id, c.tbl, c.row_id, c.village_id, c.col, c.value, c.hlc, c.origin, c.seen, c.segment';

const fromRow = (row: Row): LoggedChange => ({ ...row, seen: JSON.parse(row.seen) as string[] });
const inIdOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createChangeLog(sqlite: Sqlite, cache: SegmentCache = createSegmentCache()): ChangeLog {
  const rowsOfRecord = sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM changes AS c WHERE c.tbl = ? AND c.row_id = ? ${ROW_NOT_IN_STORED_SEGMENT}`);
  const rowsOfOrigin = sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM changes AS c WHERE c.origin = ? ${ROW_NOT_IN_STORED_SEGMENT}`);
  // A segment holds the changes of its origin only (the codec writes the origin once).
  const segmentsOfOrigin = sqlite.prepare('SELECT hash FROM segments WHERE origin = ?').pluck();
  const rowById = sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM changes AS c WHERE c.id = ? ${ROW_NOT_IN_STORED_SEGMENT}`);
  const segmentsCovering = sqlite.prepare('SELECT hash FROM segments WHERE origin = ? AND hlc_min <= ? AND hlc_max >= ? ORDER BY hash').pluck();
  const allRows = sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM changes AS c WHERE 1 ${ROW_NOT_IN_STORED_SEGMENT}`);
  const segmentsOfRecord = sqlite
    .prepare(
      // Only stored segments: a change merged under a segment name that is not stored (tests do) is a row.
      `SELECT n.text FROM record_segments AS r JOIN names AS t ON t.n = r.tbl JOIN names AS n ON n.n = r.segment
        WHERE t.kind = ${NAME_KIND.table} AND t.text = ? AND r.row_id = ? AND EXISTS (SELECT 1 FROM segments AS s WHERE s.hash = n.text)`,
    )
    .pluck();
  const segmentBody = sqlite.prepare('SELECT origin, body FROM segments WHERE hash = ?');
  const allSegments = sqlite.prepare('SELECT hash FROM segments').pluck();
  const excluded = sqlite.prepare('SELECT change_id FROM segment_exclusions WHERE segment = ?').pluck();
  const greatestRow = sqlite.prepare(`SELECT max(c.id) FROM changes AS c WHERE 1 ${ROW_NOT_IN_STORED_SEGMENT}`).pluck();
  // The greatest HLC a segment holds; its change ids start with it.
  const greatestSegments = sqlite.prepare('SELECT hash, hlc_max FROM segments ORDER BY hlc_max DESC');

  /** A stored segment's changes as decoded, all of them; the cache holds them so (what is set aside can change; the bytes cannot). */
  function decoded(hash: string): readonly Change[] {
    let changes = cache.get(hash);
    if (!changes) {
      const stored = segmentBody.get(hash) as { origin: string; body: Buffer } | undefined;
      if (!stored) throw new Error(`The log names segment ${hash}, which is not stored`);
      changes = decodeChanges(stored.origin, stored.body);
      cache.set(hash, changes);
    }
    return changes;
  }

  /** The segments of an id's origin whose HLC range covers it, but `except`. */
  const covering = (id: string, except: string | null) => {
    const hlc = id.slice(0, HLC_HEX_LENGTH);
    return (segmentsCovering.all(id.slice(HLC_HEX_LENGTH), hlc, hlc) as string[]).filter((hash) => hash !== except);
  };

  /** The changes of a stored segment the log holds, in the segment's order. */
  function changesOfSegment(hash: string): readonly Change[] {
    const changes = decoded(hash);
    const left = excluded.all(hash) as string[];
    if (!left.length) return changes;
    const out = new Set(left);
    return changes.filter((change) => !out.has(change.id));
  }

  /** One entry per id: a change can come in two segments (a relay of a fork); they are equal. */
  function collect(rows: readonly Row[], segments: Iterable<string>, keep: (change: Change) => boolean): LoggedChange[] {
    const found = new Map<string, LoggedChange>();
    for (const row of rows) found.set(row.id, fromRow(row));
    for (const hash of segments) for (const change of changesOfSegment(hash)) if (keep(change) && !found.has(change.id)) found.set(change.id, { ...change, segment: hash });
    return [...found.values()].sort(inIdOrder);
  }

  function byId(id: string, except: string | null = null): LoggedChange | undefined {
    const row = rowById.get(id) as Row | undefined;
    if (row) return fromRow(row);
    for (const hash of covering(id, except)) {
      const change = changesOfSegment(hash).find((c) => c.id === id);
      if (change) return { ...change, segment: hash };
    }
    return undefined;
  }

  function ofRecord(tbl: string, rowId: string, except: string | null = null): LoggedChange[] {
    const segments = (segmentsOfRecord.all(tbl, recordKey(rowId)) as string[]).filter((hash) => hash !== except);
    return collect(rowsOfRecord.all(tbl, rowId) as Row[], segments, (c) => c.tbl === tbl && c.row_id === rowId);
  }

  return {
    ofRecord,
    ofCell: (tbl, rowId, col, except) => ofRecord(tbl, rowId, except).filter((change) => change.col === col),
    byId,
    holds(change, except = null) {
      const held = byId(change.id, except);
      return held !== undefined && sameChange(held, change);
    },
    segmentsHolding: (change) => covering(change.id, null).filter((hash) => decoded(hash).some((c) => sameChange(c, change))),
    isRow: (change) => rowById.get(change.id) !== undefined,
    ofOrigin: (origin) => collect(rowsOfOrigin.all(origin) as Row[], segmentsOfOrigin.all(origin) as string[], () => true),
    all: () => collect(allRows.all() as Row[], allSegments.all() as string[], () => true),
    *pieces() {
      yield { segment: null, changes: (allRows.all() as Row[]).map(fromRow) };
      for (const hash of allSegments.all() as string[]) yield { segment: hash, changes: changesOfSegment(hash).map((change) => ({ ...change, segment: hash })) };
    },
    greatestId() {
      let greatest = greatestRow.get() as string | null;
      // Segments by their greatest HLC: the first whose changes the log holds gives the answer
      // (a segment's HLC range bounds its ids, and all its changes may have been set aside).
      for (const { hash, hlc_max } of greatestSegments.all() as { hash: string; hlc_max: string }[]) {
        if (greatest !== null && hlc_max < greatest.slice(0, HLC_HEX_LENGTH)) break;
        for (const change of changesOfSegment(hash)) if (greatest === null || change.id > greatest) greatest = change.id;
      }
      return greatest;
    },
  };
}
