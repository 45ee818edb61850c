// Arbitrary changes of one origin for the segment codec's tests: rows, villages and seen lists
// that refer to each other as real ones do, values of every kind the codec types.
import fc from 'fast-check';
import type { Change } from '../../../../db/sync/apply';
import { LEDGER_NAMES, ledgerColumns, ROW_COLUMN, type LedgerName } from '../../../../db/ledgers';

export const ORIGIN = '00000000000000a1';
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const uuid = fc.uuid();
const someId = fc.oneof(uuid, fc.string({ unit: 'binary', maxLength: 40 }), hex(16));
const hlc = hex(16);
const jsonValue = fc.oneof(
  fc.constant('null'),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map((n) => JSON.stringify(n)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'grapheme', maxLength: 2000 }).map((s) => JSON.stringify(s)),
  uuid.map((s) => JSON.stringify(s)),
  fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => JSON.stringify(d.toISOString().slice(0, 10))),
  fc.constantFrom('"deleted"', '"alive"', 'true', '1e3', '-0', '"2026-02-30"', '" 2026-01-01"'),
  fc.string({ unit: 'binary' }), // not JSON at all: kept as raw text
);
const cell = fc.constantFrom(...LEDGER_NAMES).chain((tbl) =>
  fc.record({ tbl: fc.constant(tbl), col: fc.constantFrom(...ledgerColumns(tbl), ROW_COLUMN) }),
);

interface Draft {
  tbl: LedgerName;
  col: string;
  row: number;
  village: number;
  hlc: string;
  value: string;
  seen: ({ kind: 'earlier'; back: number } | { kind: 'foreign'; hlc: string; origin: string } | { kind: 'text'; text: string })[];
}

const draft: fc.Arbitrary<Draft> = fc.record({
  tbl: cell.map((c) => c.tbl),
  col: fc.constant(''),
  row: fc.nat(6),
  village: fc.nat(3),
  hlc,
  value: jsonValue,
  seen: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('earlier' as const), back: fc.nat(10) }),
      fc.record({ kind: fc.constant('foreign' as const), hlc, origin: fc.oneof(hex(16), fc.constant(ORIGIN), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 })) }),
      fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
    ),
    { maxLength: 4 },
  ),
});

/** Arbitrary changes, rows and seen lists that refer to each other as real ones do. */
export const changesArb: fc.Arbitrary<Change[]> = fc
  .tuple(fc.array(someId, { minLength: 1, maxLength: 7 }), fc.array(fc.tuple(draft, cell), { maxLength: 60 }), fc.boolean())
  .map(([ids, drafts, sorted]) => {
    const out: Change[] = [];
    const list = drafts.map(([d, c]) => ({ ...d, tbl: c.tbl, col: c.col }));
    if (sorted) list.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    for (const d of list) {
      const rowId = ids[d.row % ids.length]!;
      const seen = d.seen.map((s) => {
        if (s.kind === 'earlier') return out[out.length - 1 - s.back]?.id ?? `${d.hlc}${ORIGIN}`;
        if (s.kind === 'foreign') return s.hlc + s.origin;
        return s.text;
      });
      out.push({
        id: d.hlc + ORIGIN,
        tbl: d.tbl,
        row_id: rowId,
        village_id: d.tbl === 'villages' ? rowId : ids[d.village % ids.length]!,
        col: d.col,
        value: d.value,
        hlc: d.hlc,
        origin: ORIGIN,
        seen,
      });
    }
    return out;
  });

