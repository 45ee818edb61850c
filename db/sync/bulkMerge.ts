// The set-based merge of a batch of changes (an imported segment, a page of a merge): the same
// database the per-change applier (apply.ts) reaches, at a fraction of the statements.
//
// A row the log has never seen, whose changes each name only smaller ids in `seen` (true of any
// honest history: a writer has received what it overwrites, so its HLC is greater), is merged in
// memory: a cell's heads are its changes no change of the cell has seen (rows in cell_heads only
// when there are several: a conflict), the winner is the greatest head, and the row is one upsert of its winning values with the earliest and latest
// change times as created_at/updated_at — exactly where change-by-change application ends. Every
// other row (it had changes before, or its history is not causal) goes through the applier,
// change by change in batch order, so even a hostile file ends where the old path ended.
// Callers run this inside their transaction; one batch is held in memory at a time.
import { createChangeApplier, idMismatch, projectedValue, quote, type Change } from './apply';
import { createChangeLog } from './changeLog';
import { createProjectedRows } from './projectedRows';
import { createClockWriter, isCausal, isDelete, NAME_KIND, recordKey, type NewCellParts, type NewRecordClocks } from './clocks';
import { hlcToIso } from './hlc';
import { isoOfWall } from './civilTime';
import { hlcAt, idAt, parsedValueAt, SeenKind, type SegmentColumns } from './segments/codec';
import type { WholeRecord } from './recordImport';
import { isLedger, isLedgerColumn, ROW_COLUMN, type LedgerName } from '../ledgers';
import type BetterSqlite3 from 'better-sqlite3';
import type { Sqlite } from '../open';

export interface BatchResult {
  /** Changes this database had not seen. */
  readonly added: number;
  /** Changes it already had (or that came twice in the batch). */
  readonly known: number;
  /** The greatest HLC in the batch ('' when empty), for the clock. */
  readonly greatest: string;
}

/** Told about cells as they are merged (the import counts the conflicts a file creates). */
export interface BatchObserver {
  /** A cell about to be merged change by change (its row had changes before, or is not causal). */
  beforeCellByChange?(tbl: LedgerName, rowId: string, col: string): void;
  /** A cell of a row new to this database that the batch leaves with more than one head. */
  newRowConflict?(tbl: LedgerName, rowId: string, col: string): void;
}

export interface BulkMerger {
  /** Merges one batch; call inside a transaction (a failure must roll the batch back). */
  mergeBatch(changes: readonly Change[], segment: string | null): BatchResult;
  /**
   * The village of a row the log already has changes of (undefined when it has none). The
   * import's judging asks this of the batch it is about to merge; the answer is kept for the
   * batch's plan, so a row's log is probed once, not twice.
   */
  loggedVillageOf(tbl: LedgerName, rowId: string): string | undefined;
  /** The log was written outside the merger (a fork's change took another's id): forget what was probed. */
  forgetProbes(): void;
  /** Whether the log has a change of the record (kept for the coming batch, as loggedVillageOf is). */
  isLogged(tbl: LedgerName, rowId: string): boolean;
  /** Whether the log keeps, as rows, a change with an id from `smallest` to `greatest`. */
  hasRowsBetween(smallest: string, greatest: string): boolean;
  /**
   * Records of a stored segment new to the log, each merged whole (db/sync/recordImport.ts): one
   * upsert and one clock, as a new row of a batch is. Call inside a transaction.
   */
  mergeWhole(s: SegmentColumns, records: readonly WholeRecord[], segment: string): BatchResult;
}

interface RowPlan {
  readonly tbl: LedgerName;
  readonly rowId: string;
  /** Change by change through the applier (the row had changes before, or is not causal). */
  byChange: boolean;
  /** The batch's changes of the row the log did not have, in batch order. */
  readonly added: Change[];
}

type Statement = BetterSqlite3.Statement<unknown[]>;
/** A step of the upserts' tree: the statement for the columns walked so far, and the next columns. */
interface UpsertNode {
  statement?: Statement;
  readonly next: Map<string, UpsertNode>;
}

/** A change's id is its HLC then its origin (checked without building the text again). */
const isIdOf = (change: Change) =>
  change.id.length === change.hlc.length + change.origin.length && change.id.startsWith(change.hlc) && change.id.endsWith(change.origin);

/** `seen` as the log stores it (most changes, a row's first writes, have seen nothing). */
const seenText = (seen: readonly string[]) => (seen.length === 0 ? '[]' : JSON.stringify(seen));


export function createBulkMerger(sqlite: Sqlite, observer: BatchObserver = {}): BulkMerger {
  const applier = createChangeApplier(sqlite);
  const insertChange = sqlite.prepare(
    `INSERT OR IGNORE INTO changes (id, tbl, row_id, village_id, col, value, seen, segment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The compact store's clock, written beside the log (docs/compact-store.md, step 2).
  const clocks = createClockWriter(sqlite);
  const exclusionsOf = sqlite.prepare('SELECT change_id FROM segment_exclusions WHERE segment = ?').pluck();
  const include = sqlite.prepare('DELETE FROM segment_exclusions WHERE segment = ? AND change_id = ?');
  const rowIdsBetween = sqlite.prepare('SELECT id FROM changes WHERE id BETWEEN ? AND ?').pluck();
  const log = createChangeLog(sqlite);

  // A record the log has a change of has a clock (the applier and this merger write both) and,
  // once merged, a row in its ledger holding its village (a record never changes village). A
  // fork's change that takes another's id is logged before the ledgers are replayed: its record
  // then has a clock and no row yet.
  const clocked = sqlite.prepare(`SELECT 1 FROM clocks WHERE tbl = (SELECT n FROM names WHERE kind = ${NAME_KIND.table} AND text = ?) AND row_id = ?`).pluck();
  const projected = createProjectedRows(sqlite);
  /** The record's village in the log: null when the log has no change of it, '' when it has no row yet. */
  const probe = (tbl: LedgerName, rowId: string): string | null => (clocked.get(tbl, recordKey(rowId)) === undefined ? null : (projected(tbl, rowId)?.villageId ?? ''));
  // Records probed for the coming batch: table → row id → what `probe` said.
  const probed = new Map<LedgerName, Map<string, string | null>>();
  function probeOf(tbl: LedgerName, rowId: string): string | null {
    let ofTable = probed.get(tbl);
    if (!ofTable) {
      ofTable = new Map();
      probed.set(tbl, ofTable);
    }
    let village = ofTable.get(rowId);
    if (village === undefined) {
      village = probe(tbl, rowId);
      ofTable.set(rowId, village);
    }
    return village;
  }
  const loggedVillageOf = (tbl: LedgerName, rowId: string): string | undefined => probeOf(tbl, rowId) || undefined;
  const addHead = sqlite.prepare('INSERT OR IGNORE INTO cell_heads (tbl, row_id, col, change_id) VALUES (?, ?, ?, ?)');
  // One upsert per (table, winning columns): the row's values, created_at/updated_at widened the
  // way the applier widens them (min and max with what the row already holds). Found by walking
  // the columns one by one from the table (no key text built for every row).
  const upserts = new Map<string, UpsertNode>();
  function upsertOf(tbl: LedgerName, targets: readonly string[]): Statement {
    let node: UpsertNode | undefined = upserts.get(tbl);
    if (!node) upserts.set(tbl, (node = { next: new Map() }));
    for (const target of targets) {
      let next: UpsertNode | undefined = node.next.get(target);
      if (!next) node.next.set(target, (next = { next: new Map() }));
      node = next;
    }
    let statement = node.statement;
    if (!statement) {
      const columns = targets.map(quote);
      statement = sqlite.prepare(
        `INSERT INTO ${quote(tbl)} (id, village_id, created_at, updated_at${columns.map((c) => `, ${c}`).join('')})
         VALUES (?, ?, ?, ?${', ?'.repeat(columns.length)})
         ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}, `).join('')}created_at = min(created_at, excluded.created_at), updated_at = max(updated_at, excluded.updated_at)`,
      );
      node.statement = statement;
    }
    return statement;
  }

  function projectNewRow(plan: RowPlan, clocksOfBatch: NewRecordClocks): void {
    // A cell written once (the common case: a row's creation) is its change itself.
    const cells = new Map<string, Change | Change[]>();
    // The smallest id is the earliest HLC; HLCs are fixed-width hex, so text order is time order.
    let first = plan.added[0]!;
    let last = first.hlc;
    let deleted = false;
    for (const change of plan.added) {
      const cell = cells.get(change.col);
      if (cell === undefined) cells.set(change.col, change);
      else if (Array.isArray(cell)) cell.push(change);
      else cells.set(change.col, [cell, change]);
      if (change.id < first.id) first = change;
      if (change.hlc > last) last = change.hlc;
      if (!deleted && isDelete(change)) deleted = true;
    }
    const targets: string[] = [];
    const values: (string | number | null)[] = [];
    const winners: Change[] = [];
    for (const [col, cell] of cells) {
      let winner: Change | null = null;
      // A cell with one head, its greatest change, has no head row (apply.ts says why); causal
      // changes never see the greatest, so only a cell with several heads gets rows.
      if (!Array.isArray(cell)) winner = cell;
      else {
        const seen = new Set<string>();
        for (const change of cell) for (const id of change.seen) seen.add(id);
        const heads = cell.filter((change) => !seen.has(change.id));
        for (const change of heads) if (!winner || change.id > winner.id) winner = change;
        if (heads.length > 1) {
          for (const change of heads) addHead.run(plan.tbl, plan.rowId, col, change.id);
          observer.newRowConflict?.(plan.tbl, plan.rowId, col);
        }
      }
      // Causal changes: the greatest id of a cell is seen by none, so a winner always exists, and
      // it is the cell's greatest change — what the record's clock keeps.
      winners.push(winner!);
      targets.push(col === ROW_COLUMN ? 'deleted_at' : col);
      values.push(projectedValue(winner!));
    }
    upsertOf(plan.tbl, targets).run(plan.rowId, first.village_id, hlcToIso(first.hlc), hlcToIso(last), ...values);
    clocksOfBatch.add(plan.tbl, plan.rowId, first, winners, deleted);
  }

  return {
    mergeBatch(changes, segment) {
      // 1. Decide, before anything of the batch is written, how each row is merged.
      const rows = new Map<LedgerName, Map<string, RowPlan>>(); // table → row id → plan
      const plans: RowPlan[] = new Array<RowPlan>(changes.length); // plans[i]: the plan of changes[i]
      let greatest = '';
      let smallestId = '';
      let greatestId = '';
      // Whether the batch's ids increase (a sealed segment's do: it is written in id order).
      let increasing = true;
      let plan: RowPlan | undefined;
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i]!;
        if (!isLedger(change.tbl) || !isLedgerColumn(change.tbl, change.col)) throw new Error(`Not a ledger column: ${change.tbl}.${change.col}`);
        // A segment keeps a record's changes together, so most changes take the plan before theirs.
        if (plan === undefined || plan.rowId !== change.row_id || plan.tbl !== change.tbl) {
          let ofTable = rows.get(change.tbl);
          if (!ofTable) {
            ofTable = new Map();
            rows.set(change.tbl, ofTable);
          }
          plan = ofTable.get(change.row_id);
          if (!plan) {
            plan = { tbl: change.tbl, rowId: change.row_id, byChange: probeOf(change.tbl, change.row_id) !== null, added: [] };
            ofTable.set(change.row_id, plan);
          }
        }
        if (!plan.byChange && change.seen.length && !isCausal(change)) plan.byChange = true;
        plans[i] = plan;
        if (change.hlc > greatest) greatest = change.hlc;
        if (i === 0 || change.id < smallestId) smallestId = change.id;
        if (change.id > greatestId) greatestId = change.id;
        else increasing = false;
      }
      if (observer.beforeCellByChange) {
        const told = new Set<string>();
        for (let i = 0; i < changes.length; i++) {
          const change = changes[i]!;
          if (!plans[i]!.byChange) continue;
          const key = `${change.tbl}\u0000${change.row_id}\u0000${change.col}`;
          if (told.has(key)) continue;
          told.add(key);
          observer.beforeCellByChange(change.tbl, change.row_id, change.col);
        }
      }

      // A change its segment brought but the log did not take (set aside, then released now) is
      // the log's from here on: its segment's exclusion goes (one probe a batch; rows are few).
      const excluded = segment === null ? [] : (exclusionsOf.all(segment) as string[]);
      const stillOut = excluded.length ? new Set(excluded) : null;
      const taken = stillOut ? new Set<string>() : null; // ids of the batch new to the log

      // 2. Log every change in batch order; rows merged change by change are applied as they go.
      // A change of a stored segment is read from it from then on (no row); only one this log
      // already has — a row (a segment-less merge), or one this merge took from the segment
      // before (a segment may name an id twice) — is known. The rows are probed once a batch,
      // over the batch's range of ids (the log keeps few rows: this device's unsealed writes).
      const backed = applier.isStored(segment);
      const inRows = backed && changes.length ? new Set(rowIdsBetween.all(smallestId, greatestId) as string[]) : null;
      const fromSegment = backed ? applier.mergedFrom(segment) : null;
      // Increasing, and after every id taken from the segment before: the batch names none twice
      // and none taken already, so only the log's rows are asked, and its ids are kept as one run.
      const fresh = fromSegment !== null && increasing && fromSegment.allBefore(smallestId);
      const freshIds: string[] = [];
      let added = 0;
      let known = 0;
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i]!;
        const plan = plans[i]!;
        if (plan.byChange) {
          if (applier.record(change, segment)) {
            applier.apply(change);
            taken?.add(change.id);
            added++;
          } else known++;
          continue;
        }
        const { id, tbl, row_id, village_id, col, value } = change;
        if (!isIdOf(change)) throw new Error(idMismatch(change));
        const isNew = backed
          ? !inRows!.has(id) && (fresh || !fromSegment!.has(id))
          : insertChange.run(id, tbl, row_id, village_id, col, value, seenText(change.seen), segment).changes === 1;
        if (isNew) {
          if (fresh) freshIds.push(id);
          else fromSegment?.add(id);
          plan.added.push(change);
          taken?.add(id);
          added++;
        } else known++;
      }
      if (fresh) fromSegment.addRun(freshIds);

      // Released now, so the log's own from here on: the log took it in this batch, or holds it as
      // it is elsewhere. Another change with its id (a fork's copy wrote it) keeps the id, and this
      // one stays out of its segment.
      if (stillOut) for (const change of changes) if (stillOut.has(change.id) && (taken!.has(change.id) || log.holds(change, segment))) include.run(segment, change.id);

      // 3. For each row new to this database: the head rows of its conflicts, one upsert, its clock.
      const clocksOfBatch = clocks.newRecords(segment);
      for (const ofTable of rows.values()) for (const rowPlan of ofTable.values()) if (!rowPlan.byChange && rowPlan.added.length) projectNewRow(rowPlan, clocksOfBatch);
      probed.clear(); // the batch has written: what was probed may be stale
      return { added, known, greatest };
    },
    loggedVillageOf,
    forgetProbes: () => probed.clear(),
    isLogged: (tbl, rowId) => probeOf(tbl, rowId) !== null,
    hasRowsBetween: (smallest, greatest) => rowIdsBetween.get(smallest, greatest) !== undefined,
    mergeWhole(s, records, segment) {
      const clocksOfBatch = clocks.newRecords(segment);
      const { columns, col, wall, counter, seenKind, seenAt, origin } = s;
      let added = 0;
      let greatestAt = -1;
      for (const record of records) {
        const targets: string[] = [];
        const values: (string | number | null)[] = [];
        const cells: NewCellParts[] = [];
        for (const i of record.winners) {
          const name = columns[col[i]!]!;
          // As projectedValue makes the winner's value: the split let only null, text and numbers through.
          const value = parsedValueAt(s, i) as string | number | null;
          if (name === ROW_COLUMN) {
            targets.push('deleted_at');
            values.push(value === 'deleted' ? isoOfWall(wall[i]!) : null);
          } else {
            targets.push(name);
            values.push(value);
          }
          const seen = seenKind[i] === SeenKind.Previous ? JSON.stringify([idAt(s, seenAt[i]!)]) : '';
          cells.push({ col: name, wall: wall[i]!, counter: counter[i]!, seen });
        }
        const { first, last } = record;
        upsertOf(record.tbl, targets).run(record.rowId, record.village, isoOfWall(wall[first]!), isoOfWall(wall[last]!), ...values);
        clocksOfBatch.addParts(record.tbl, record.rowId, origin, { wall: wall[first]!, counter: counter[first]! }, cells, record.deleted);
        added += record.count;
        if (last > greatestAt) greatestAt = last;
      }
      probed.clear(); // written: what was probed may be stale
      return { added, known: 0, greatest: greatestAt < 0 ? '' : hlcAt(s, greatestAt) };
    },
  };
}

/** Splits an iterable into arrays of at most `size` (a merge holds one batch at a time). */
export function* batchesOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
