// One record's changes of a segment (the change log's `ofRecord`, db/sync/changeLog.ts), without
// building the others: the body is walked and checked exactly as decodeChanges walks it — ids and
// `seen` references are positional, so every run and change is read — but another record's change
// keeps only its HLC, as two numbers, and its values and texts are passed over, not decoded.
import type { Change } from '../apply';
import type { ByteReader } from './bytes';
import { dateOfDays } from '../civilTime';
import { ColumnAndClockReader, counterHex, villageAndLength, DATE_BIAS, DEFAULT_DECODE_LIMITS, hex, HEX16, IdKind, MAX_COUNTER, MAX_WALL, NOTHING_SEEN, openBody, Tag, UUID, type DecodeLimits } from './codec';

/** Passes over a text as `r.text(keep)` reads it, refusing what it refuses, decoding nothing. */
function skipText(r: ByteReader, keep = Infinity): void {
  const header = r.bounded(r.remaining * 2 + 1, 'a text length');
  const length = Math.floor(header / 2);
  r.skip(length);
  // text(keep) checks a UTF-16 text's length only when it keeps all of it (a cut is even).
  if (header % 2 === 1 && length <= keep && length % 2 !== 0) r.fail('a UTF-16 text has an odd length');
}

/** Thrown by the quick pass when the body names an id twice in its dictionary (the encoder never does). */
const NAMED_TWICE = Symbol('an id named twice');
const giveUp = (): never => {
  throw NAMED_TWICE;
};

/**
 * The changes of `tbl`'s record `rowId` in a segment body of `origin`, in segment order: equal to
 * decodeChanges' output filtered to that record. Throws the same SyncFileError as decodeChanges
 * for anything malformed, wherever in the body it is.
 */
export function decodeRecordChanges(origin: string, body: Buffer, tbl: string, rowId: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Change[] {
  try {
    return decodeRecord(origin, body, tbl, rowId, limits, false);
  } catch (error) {
    if (error !== NAMED_TWICE) throw error;
    return decodeRecord(origin, body, tbl, rowId, limits, true);
  }
}

/**
 * decodeChanges tracks a row's cells by the row id's text, so two dictionary entries of one id are
 * one row. The quick pass (`sameIds` false) tracks them by dictionary entry, which is the same as
 * long as no id is named twice: it gives up (NAMED_TWICE) where that could matter — the asked id
 * named twice, or a change referring to an earlier change of its cell it cannot find — and the
 * second pass maps each entry to the first of its text (a map of every id: slower).
 */
function decodeRecord(origin: string, body: Buffer, tbl: string, rowId: string, limits: DecodeLimits, sameIds: boolean): Change[] {
  const opened = openBody(origin, body, limits);
  const { count, runCount, streams: s, tables, origins } = opened;
  const [, idsR, runsR, , , seenR, tagsR, numsR, textR] = s;

  const askedKind = UUID.test(rowId) ? IdKind.Uuid : HEX16.test(rowId) ? IdKind.Hex16 : IdKind.Text;
  const askedBytes = Buffer.from(askedKind === IdKind.Text ? '' : rowId.replace(/-/g, ''), 'hex');

  // The id dictionary: where each entry's bytes are, its text only once something needs it (most
  // are other records' ids), whether it is the asked id, and the entry a row's cells are tracked by.
  const { raw } = opened;
  const kinds: number[] = [];
  const starts: number[] = [];
  const texts: (string | undefined)[] = [];
  const isAsked: boolean[] = [];
  const firstOf = new Map<string, number>();
  const sameAs: number[] = [];
  let askedEntries = 0;
  const idText = (k: number): string => {
    let text = texts[k];
    if (text === undefined) {
      // As readId makes it.
      if (kinds[k] === IdKind.Hex16) text = raw.toString('hex', starts[k]!, starts[k]! + 8);
      else {
        const hex = raw.toString('hex', starts[k]!, starts[k]! + 16);
        text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      }
      texts[k] = text;
    }
    return text;
  };
  // From the last byte: a UUID's last bytes are random, so another id differs at the first compared.
  const sameBytes = (at: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) if (raw[at + i] !== askedBytes[i]) return false;
    return true;
  };
  const idRef = (r: ByteReader): number => {
    const ref = r.bounded(kinds.length, 'an id reference');
    if (ref !== 0) return kinds.length - ref;
    const k = kinds.length;
    const kind = idsR.u8();
    const start = idsR.offset;
    let asked: boolean;
    if (kind === IdKind.Uuid || kind === IdKind.Hex16) {
      const length = kind === IdKind.Uuid ? 16 : 8;
      idsR.skip(length);
      // A UUID entry's text is a lower-case UUID, a Hex16 one's 16 lower-case hex digits: the asked
      // id is one of them exactly when it is that text, so when the bytes are equal.
      asked = kind === askedKind && sameBytes(start, length);
      texts.push(undefined);
    } else if (kind === IdKind.Text) {
      const text = idsR.text();
      asked = text === rowId;
      texts.push(text);
    } else return idsR.fail(`unknown id kind ${kind}`);
    kinds.push(kind);
    starts.push(start);
    isAsked.push(asked);
    if (sameIds) {
      const text = idText(k);
      const first = firstOf.get(text);
      if (first === undefined) firstOf.set(text, k);
      sameAs.push(first ?? k);
    } else {
      if (asked && ++askedEntries > 1) throw NAMED_TWICE;
      sameAs.push(k);
    }
    return k;
  };

  // Every change's HLC as numbers: a `seen` of the record may name any earlier change by position.
  const walls = new Float64Array(count);
  const counters = new Uint16Array(count);
  const idAt = (i: number) => hex(walls[i]!, 12) + counterHex(counters[i]!) + origin;

  const out: Change[] = [];
  const lastOfCell = new Map<number, number[]>();
  const step = new ColumnAndClockReader(opened);
  let walked = 0;
  let village = -1; // the entry of the run's village
  for (let run = 0; run < runCount; run++) {
    const tableIndex = runsR.bounded(tables.length - 1, 'a table index');
    const table = tables[tableIndex] ?? runsR.fail('a run names no table');
    const row = idRef(runsR);
    const rowKey = sameAs[row]! * tables.length + tableIndex;
    let lastOfRow = lastOfCell.get(rowKey);
    if (!lastOfRow) {
      lastOfRow = [];
      lastOfCell.set(rowKey, lastOfRow);
    }
    const [runVillage, length] = villageAndLength(runsR, run, row, village, idRef, count - walked);
    village = runVillage;
    const asked = table === tbl && isAsked[row]!;
    for (let k = 0; k < length; k++) {
      const i = walked++;
      step.next(tableIndex, i);
      const { columnIndex, col, wall, counter } = step;
      walls[i] = wall;
      counters[i] = counter;

      const seenCode = seenR.bounded(limits.maxSeen + 1, 'a seen count');
      let seen: readonly string[] = NOTHING_SEEN;
      if (seenCode === 1) {
        const at = lastOfRow[columnIndex] ?? (sameIds ? seenR.fail('a change refers to an earlier change of its cell that is not there') : giveUp());
        if (asked) seen = [idAt(at)];
      } else if (seenCode > 1) {
        const named: string[] = [];
        if (asked) seen = named;
        for (let n = 0; n < seenCode - 1; n++) {
          const kind = seenR.bounded(i + 1, 'a seen reference');
          if (kind === 0) {
            if (asked) named.push(seenR.text());
            else skipText(seenR);
          } else if (kind === 1) {
            const seenOrigin = origins[seenR.bounded(origins.length - 1, 'a device index')]!;
            const sw = wall - seenR.svarint();
            const sc = seenR.varint();
            if (sw < 0 || sw > MAX_WALL || sc > MAX_COUNTER) seenR.fail('a seen HLC is out of range');
            if (asked) named.push(hex(sw, 12) + hex(sc, 4) + seenOrigin);
          } else if (asked) named.push(idAt(i - (kind - 1)));
        }
      }
      lastOfRow[columnIndex] = i;

      // Each value read as decodeChanges reads it; only the asked record's is made a string.
      let value = '';
      const tag = tagsR.u8();
      switch (tag) {
        case Tag.Null:
          value = 'null';
          break;
        case Tag.Int: {
          const magnitude = numsR.varint();
          if (asked) value = String(magnitude);
          break;
        }
        case Tag.NegInt: {
          const magnitude = numsR.varint();
          if (magnitude === 0) numsR.fail('a negative zero');
          if (asked) value = String(-magnitude);
          break;
        }
        case Tag.Str:
          if (asked) value = JSON.stringify(textR.text(limits.maxValueBytes));
          else skipText(textR, limits.maxValueBytes);
          break;
        case Tag.Raw:
          if (asked) value = textR.text(limits.maxValueBytes);
          else skipText(textR, limits.maxValueBytes);
          break;
        case Tag.IdRef: {
          const ref = idRef(numsR);
          if (asked) value = JSON.stringify(idText(ref));
          break;
        }
        case Tag.Date: {
          const days = numsR.svarint() + DATE_BIAS;
          if (days < -354_285 || days > 2_932_896) numsR.fail('a date is out of range');
          if (asked) value = JSON.stringify(dateOfDays(days));
          break;
        }
        default:
          return tagsR.fail(`unknown value tag ${tag}`);
      }
      if (asked) {
        const hlc = hex(wall, 12) + counterHex(counter);
        out.push({ id: hlc + origin, tbl: table, row_id: idText(row), village_id: idText(village), col, value, hlc, origin, seen });
      }
    }
  }
  if (walked !== count) runsR.fail(`it holds ${walked} changes, not the ${count} it declares`);
  for (const r of s) if (r.remaining !== 0) r.fail('a stream has bytes left over');
  return out;
}
