// The change log as a whole, wherever its changes are kept (docs/compact-store.md, step 3): the
// rows of `changes` that no stored segment holds (this device's unsealed writes, changes merged
// without a segment) and the changes of the stored segments, less those a segment brought that the
// log does not hold (`segment_exclusions`: set aside, or lost a fork's doubled id). A record's
// changes are found through its clock's segment and `record_segments`, a segment decoded for that
// record alone at first (segments/recordChanges.ts) and whole when another record asks for it;
// both kept in a cache passed in.
import { HLC_HEX_LENGTH } from './hlc';
import { NAME_KIND, recordKey } from './clocks';
import { decodeChanges, SEGMENT_MAX_CHANGES } from './segments/codec';
import { decodeRecordChanges } from './segments/recordChanges';
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

/**
 * Decoded segments, the most recently used kept: whole (by hash) and one record's part of one
 * (decodeRecordChanges, by hash and record). Safe for a process's life: a segment's hash names
 * its bytes.
 */
export interface SegmentCache {
  get(hash: string): readonly Change[] | undefined;
  set(hash: string, changes: readonly Change[]): void;
  getPart(hash: string, tbl: string, rowId: string): readonly Change[] | undefined;
  setPart(hash: string, tbl: string, rowId: string, changes: readonly Change[]): void;
  /** Notes that a segment is read for one record; whether one was before (then it pays to decode it whole). */
  readPartly(hash: string): boolean;
}

/** How many segments read for one record a cache remembers (for readPartly). */
const PARTLY_READ_REMEMBERED = 4096;

/**
 * A cache bounded by the segments it holds whole (`capacity`; then by `capacity` segments at the
 * codec's bound of changes in all) or by the decoded changes it holds, whole and parts (`{ changes }`;
 * a decoded change is ~280 bytes of heap). A part counts one more than its changes.
 */
export function createSegmentCache(capacity: number | { readonly changes: number } = 8): SegmentCache {
  const maxWhole = typeof capacity === 'number' ? capacity : Infinity;
  const maxChanges = typeof capacity === 'number' ? capacity * SEGMENT_MAX_CHANGES : capacity.changes;
  // Every entry in order of use, and the whole ones again (to drop the oldest whole one).
  const held = new Map<string, readonly Change[]>();
  const whole = new Map<string, readonly Change[]>();
  const partlyRead = new Set<string>();
  let changesHeld = 0;
  const weight = (key: string, changes: readonly Change[]) => changes.length + (whole.has(key) ? 0 : 1);
  const drop = (key: string) => {
    const changes = held.get(key);
    if (!changes) return;
    changesHeld -= weight(key, changes);
    held.delete(key);
    whole.delete(key);
  };
  const use = (key: string) => {
    const changes = held.get(key);
    if (changes) {
      held.delete(key);
      held.set(key, changes);
      if (whole.delete(key)) whole.set(key, changes);
    }
    return changes;
  };
  const put = (key: string, changes: readonly Change[], isWhole: boolean) => {
    drop(key);
    const cost = changes.length + (isWhole ? 0 : 1);
    if (cost > maxChanges) return;
    held.set(key, changes);
    if (isWhole) whole.set(key, changes);
    changesHeld += cost;
    while (whole.size > maxWhole) drop(whole.keys().next().value!);
    while (changesHeld > maxChanges && held.size) drop(held.keys().next().value!);
  };
  const partKey = (hash: string, tbl: string, rowId: string) => `${hash}\u0000${tbl}\u0000${rowId}`;
  return {
    get: use,
    set: (hash, changes) => put(hash, changes, true),
    getPart: (hash, tbl, rowId) => use(partKey(hash, tbl, rowId)),
    setPart: (hash, tbl, rowId, changes) => put(partKey(hash, tbl, rowId), changes, false),
    readPartly(hash) {
      const before = partlyRead.delete(hash);
      partlyRead.add(hash);
      if (partlyRead.size > PARTLY_READ_REMEMBERED) partlyRead.delete(partlyRead.values().next().value!);
      return before;
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

/** The changes one read of a record decodes whole at most (beyond one segment): ~50 ms of CPU. */
const WHOLE_DECODES_A_READ = 25_000;

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
  // Prepared at the first record read: the migrations' tests read the log of an older schema whole.
  let segmentsOfRecord: ReturnType<Sqlite['prepare']> | undefined;
  const prepareSegmentsOfRecord = () =>
    sqlite.prepare(
      // The record's first segment is in its clock's row, any further ones in record_segments (never
      // the clock's again; UNION would drop a repeat anyway), each found by its key. Only stored
      // segments: a change merged under a segment name that is not stored (tests do) is a row.
      `SELECT n.text AS hash, s.count AS count
         FROM clocks AS k JOIN names AS t ON t.n = k.tbl JOIN names AS n ON n.n = k.segment JOIN segments AS s ON s.hash = n.text
        WHERE t.kind = ${NAME_KIND.table} AND t.text = @tbl AND k.row_id = @rowId
       UNION
       SELECT n.text, s.count
         FROM record_segments AS r JOIN names AS t ON t.n = r.tbl JOIN names AS n ON n.n = r.segment JOIN segments AS s ON s.hash = n.text
        WHERE t.kind = ${NAME_KIND.table} AND t.text = @tbl AND r.row_id = @rowId`,
    );
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

  /** `changes` of a stored segment less those the log leaves out of it. */
  function held(hash: string, changes: readonly Change[]): readonly Change[] {
    const left = excluded.all(hash) as string[];
    if (!left.length) return changes;
    const out = new Set(left);
    return changes.filter((change) => !out.has(change.id));
  }

  /** The changes of a stored segment the log holds, in the segment's order. */
  const changesOfSegment = (hash: string) => held(hash, decoded(hash));

  /**
   * One record's changes of a stored segment as decoded. A segment not in the cache is decoded for
   * the record only (decodeRecordChanges: ~40% of a whole decode), unless it was so read before
   * for another record and this call has decoded less than WHOLE_DECODES_A_READ changes whole:
   * then whole, and cached, as the next records of it (a village paged, a merge) will want it.
   */
  function recordPart(hash: string, count: number, tbl: string, rowId: string, budget: { changes: number }): readonly Change[] {
    const whole = cache.get(hash);
    if (whole) return whole.filter((c) => c.tbl === tbl && c.row_id === rowId);
    const part = cache.getPart(hash, tbl, rowId);
    if (part) return part;
    if (cache.readPartly(hash) && budget.changes < WHOLE_DECODES_A_READ) {
      budget.changes += count;
      return decoded(hash).filter((c) => c.tbl === tbl && c.row_id === rowId);
    }
    const stored = segmentBody.get(hash) as { origin: string; body: Buffer } | undefined;
    if (!stored) throw new Error(`The log names segment ${hash}, which is not stored`);
    const changes = decodeRecordChanges(stored.origin, stored.body, tbl, rowId);
    cache.setPart(hash, tbl, rowId, changes);
    return changes;
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
    const found = new Map<string, LoggedChange>();
    for (const row of rowsOfRecord.all(tbl, rowId) as Row[]) found.set(row.id, fromRow(row));
    const budget = { changes: 0 };
    for (const { hash, count } of (segmentsOfRecord ??= prepareSegmentsOfRecord()).all({ tbl, rowId: recordKey(rowId) }) as { hash: string; count: number }[]) {
      if (hash === except) continue;
      for (const change of held(hash, recordPart(hash, count, tbl, rowId, budget))) if (!found.has(change.id)) found.set(change.id, { ...change, segment: hash });
    }
    return [...found.values()].sort(inIdOrder);
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
