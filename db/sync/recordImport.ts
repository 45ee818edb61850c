// The import's record path (docs/compact-store.md, "The record-level import"). Nearly every record
// a coordinator meets is new to the database and written by one device in one segment, so the
// work the change-by-change path does for each change — a Change object with its id, HLC and
// value texts, its judging, its place in a row's plan — is done here once per record, from the
// segment's decoded columns. It is the same merge by construction: a record takes this path only
// when today's path would take all its changes and merge them as a new row (every cell one chain
// of changes, so its last change wins), and anything else — a change that would be set aside, a
// record the log has, a village row, a second head, a `seen` naming another segment — sends the
// whole record to today's path, its changes made into Change objects in segment order.
// test/db/sync/recordImport.test.ts imports every history with this path on and off and compares.
import type { Change } from './apply';
import { ROW_COLUMN, type LedgerName } from '../ledgers';
import { changesOfColumns, parsedValueAt, SeenKind, Tag, type SegmentColumns } from './segments/codec';
import { parsedValueProblem } from './valueCheck';

/** A record of a segment merged whole by the record path. */
export interface WholeRecord {
  readonly tbl: LedgerName;
  readonly rowId: string;
  readonly village: string;
  /** Its first and last change (ids increase: its earliest and latest), and how many it has. */
  readonly first: number;
  readonly last: number;
  readonly count: number;
  /** Each written cell's last change, which wins it, in the order the cells were first written. */
  readonly winners: readonly number[];
  /** A change of it deletes it (the clock's mark). */
  readonly deleted: boolean;
  /** Its last `_row` change deletes it (what the import's record tally counts). */
  readonly deletedLast: boolean;
}

/** What the record path asks of the import's judging, once per record. */
export interface RecordJudge {
  /** A change written after this wall time is held (FUTURE_CLOCK). */
  readonly latestWall: number;
  /** The log has no change of the record (it has no clock: every writer of the log writes one). */
  isNew(tbl: LedgerName, rowId: string): boolean;
  /** The segment's device may write to the village (its scope), with no question for a person. */
  inScope(village: string): boolean;
}

export interface SegmentSplit {
  /** Records merged whole (db/sync/bulkMerge.ts `mergeWhole`). */
  readonly whole: WholeRecord[];
  /** The other records' changes, in segment order, for today's judging and merge. */
  readonly rest: Change[];
}

interface Fold {
  readonly tbl: LedgerName;
  readonly rowId: string;
  readonly village: string;
  ok: boolean;
  first: number;
  last: number;
  count: number;
  /** The columns written, in the order first written, and each one's last change so far. */
  readonly columns: number[];
  readonly lasts: number[];
  deleted: boolean;
  deletedLast: boolean;
}

const distinct = (names: readonly string[]) => new Set(names).size === names.length;

/**
 * Whether a segment can be split: its ids increase (each HLC after the one before), and its
 * dictionaries name each table and column once (the encoder's always do; a hostile one naming a
 * column many times would otherwise cost memory a record at a time). The caller also keeps the
 * segments judged for doubled ids, and those whose range of ids holds rows of the log, out.
 */
export const canSplit = (s: SegmentColumns): boolean => s.increasing && distinct(s.tables) && distinct(s.columns);

/** Splits a segment `canSplit` allows into records merged whole and the changes of the rest. */
export function splitSegment(s: SegmentColumns, judge: RecordJudge): SegmentSplit {
  const { tables, columns, runTable, runRow, runVillage, runStart, col, wall, seenKind, seenAt, tag } = s;
  const byTable: Map<string, Fold>[] = tables.map(() => new Map());
  const folds: Fold[] = [];
  const foldOfRun: Fold[] = new Array<Fold>(s.runCount);
  for (let run = 0; run < s.runCount; run++) {
    const tbl = tables[runTable[run]!]!;
    const rowId = runRow[run]!;
    const village = runVillage[run]!;
    const ofTable = byTable[runTable[run]!]!;
    let fold = ofTable.get(rowId);
    if (!fold) {
      // Villages move between townships and are judged for it change by change: never whole.
      const ok = tbl !== 'villages' && judge.isNew(tbl, rowId) && judge.inScope(village);
      fold = { tbl, rowId, village, ok, first: runStart[run]!, last: -1, count: 0, columns: [], lasts: [], deleted: false, deletedLast: false };
      ofTable.set(rowId, fold);
      folds.push(fold);
    }
    foldOfRun[run] = fold;
    // A record claimed for another village later in its segment is set aside there (VILLAGE_MISMATCH).
    if (fold.ok && village !== fold.village) fold.ok = false;
    const end = runStart[run + 1]!;
    for (let i = runStart[run]!; i < end && fold.ok; i++) {
      const c = col[i]!;
      const at = fold.columns.indexOf(c); // a record writes a few columns: a short list
      // A cell's changes form one chain (each saw the one before, the first saw nothing): its
      // last change is its one head. A `seen` naming anything else is today's path's to judge.
      const chained = seenKind[i] === SeenKind.Nothing ? at === -1 : seenKind[i] === SeenKind.Previous && at !== -1 && seenAt[i] === fold.lasts[at];
      const name = columns[c]!;
      // The value check admits only null, text and numbers (the ledgers' kinds), which the
      // projection takes as they are.
      const value = parsedValueAt(s, i);
      if (!chained || wall[i]! > judge.latestWall || parsedValueProblem({ tbl, col: name }, value) !== null) {
        fold.ok = false;
        break;
      }
      if (name === ROW_COLUMN) {
        // A `_row` value written as raw JSON text ("\u0064eleted") deletes by its value but not by
        // its text, which the clock's and the tally's marks compare: today's path decides it.
        if (tag[i] === Tag.Raw) {
          fold.ok = false;
          break;
        }
        fold.deletedLast = value === 'deleted';
        if (fold.deletedLast) fold.deleted = true;
      }
      if (at === -1) {
        fold.columns.push(c);
        fold.lasts.push(i);
      } else fold.lasts[at] = i;
      fold.last = i;
      fold.count++;
    }
  }
  const whole: WholeRecord[] = [];
  for (const fold of folds) {
    if (!fold.ok) continue;
    const { tbl, rowId, village, first, last, count, deleted, deletedLast } = fold;
    whole.push({ tbl, rowId, village, first, last, count, winners: fold.lasts, deleted, deletedLast });
  }
  const rest = whole.length === folds.length ? [] : changesOfColumns(s, (run) => !foldOfRun[run]!.ok);
  return { whole, rest };
}
