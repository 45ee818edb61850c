// The import's record path (db/sync/recordImport.ts, bulkMerge.ts `mergeWhole`) is the same merge
// as the change-by-change path: every history is imported into two fresh databases, one with
// `recordPath` on and one with it off, and everything the import writes must be byte-identical
// (recordImportHistories.ts `expectSameImport`), receipts included. Histories: random villages
// written through the app's store by two secretaries who exchange files, imported file after file
// by a coordinator and relayed on to a district; hand-sealed hostile or odd segments, one by one
// and at random (dictionaries naming a name twice, forks within a file, township scopes judged by
// the file's own village claims among them). It also checks the record path is taken: an ordinary segment splits into whole
// records, a hostile one sends exactly its hostile record to the old path.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import { formatHlc } from '../../../db/sync/hlc';
import { FUTURE_LIMIT_MS, type ImportReceipt } from '../../../db/sync/importBundle';
import { canSplit, splitSegment, type RecordJudge } from '../../../db/sync/recordImport';
import { decodeChanges, decodeColumns, encodeWithoutNameChecksForTests } from '../../../db/sync/segments/codec';
import type { DeviceKeys, SealedSegment } from '../../../db/sync/segments/seal';
import { TOWNSHIP_SCOPE_PREFIX } from '../../../db/sync/trust';
import { START_TIME } from '../../helpers/device';
import { useTempDirs } from '../../helpers/tempDir';
import { handSeal, newKeys, sealChanges } from './bundleHelpers';
import { bundleFile, openTwins } from './recordImportHistories';
import { deviceIdOf, openPeer, villageWithHouseholds, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const TOWNSHIP = `${TOWNSHIP_SCOPE_PREFIX}青石镇`;

/** A judge that lets every record through: what the segment alone decides. */
const openJudge: RecordJudge = { latestWall: Number.MAX_SAFE_INTEGER, isNew: () => true, inScope: () => true };

function bodiesOf(peer: Peer): { origin: string; body: Buffer }[] {
  return peer.sqlite.prepare('SELECT origin, body FROM segments WHERE origin = ? ORDER BY seq').all(peer.id) as { origin: string; body: Buffer }[];
}

// ---------------------------------------------------------------------------------------------
// Random villages written through the app

// Candidate values per column; some the contract refuses (set aside as VALUE_INVALID everywhere but their writer).
const VALUES: Record<string, readonly (string | number | null)[]> = {
  head_name: ['甲', '乙', '丙', '丁'],
  notes: ['记', null, '—'],
  address: ['1 号', '2 号'],
  phone: ['13800000000', 'abc'],
  category: ['ordinary', 'lifted', 'bogus'],
  goal: ['修路', '种茶'],
  target_value: [12.5, 4, 0.25, -1, null],
  actual_value: [7.75, 3],
  status: ['planned', 'in_progress', 'done'],
};
const COLUMNS = { households: ['head_name', 'notes', 'address', 'phone', 'category'], plans: ['goal', 'target_value', 'actual_value', 'status'] } as const;
type Table = keyof typeof COLUMNS;

type Op =
  | { kind: 'create'; dev: number; village: number; table: Table; v: number }
  | { kind: 'edit'; dev: number; pick: number; col: number; v: number }
  | { kind: 'delete'; dev: number; pick: number }
  | { kind: 'exchange'; from: number }
  | { kind: 'up'; dev: number }
  | { kind: 'time'; ms: number };

const dev = fc.integer({ min: 0, max: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), dev, village: fc.integer({ min: 0, max: 1 }), table: fc.constantFrom<Table>('households', 'plans'), v: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), dev, pick: fc.nat(), col: fc.nat(), v: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), dev, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: dev }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('up' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 10 * MINUTE }) }) },
);

const pickValue = (col: string, v: number) => VALUES[col]![v % VALUES[col]!.length]!;

function liveRows(peer: Peer): { table: Table; id: string }[] {
  return peer.sqlite
    .prepare("SELECT 'households' AS 'table', id FROM households WHERE deleted_at IS NULL UNION ALL SELECT 'plans', id FROM plans WHERE deleted_at IS NULL ORDER BY 1, 2")
    .all() as { table: Table; id: string }[];
}

function play(peers: Peer[], villages: string[], o: Op, send: (from: Peer, to: Peer, folder: string) => void, up: (from: Peer) => void): void {
  if (o.kind === 'time') {
    for (const peer of peers) peer.advance(o.ms);
    return;
  }
  if (o.kind === 'exchange') return send(peers[o.from]!, peers[1 - o.from]!, `x-${o.from}`);
  const peer = peers[o.dev]!;
  if (o.kind === 'up') return up(peer);
  peer.advance(1_000);
  const { store } = peer.device;
  if (o.kind === 'create') {
    if (o.table === 'households') store.create('households', villages[o.village]!, { head_name: pickValue('head_name', o.v), category: 'ordinary', address: pickValue('address', o.v >> 2) });
    else store.create('plans', villages[o.village]!, { year: 2026, duty: '产业', goal: pickValue('goal', o.v), target_value: pickValue('target_value', o.v) as number | null, status: 'planned' });
    return;
  }
  const rows = liveRows(peer);
  if (!rows.length) return;
  const row = rows[o.pick % rows.length]!;
  if (o.kind === 'delete') return store.remove(row.table, row.id);
  const col = COLUMNS[row.table][o.col % COLUMNS[row.table].length]!;
  store.update(row.table, row.id, { [col]: pickValue(col, o.v) });
}

describe('the record path against the change-by-change path', () => {
  it('imports random villages written through the app alike, file after file and relayed on', async () => {
    let run = 0;
    let wholeRecords = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 18 }), async (script) => {
        run++;
        const dir = tempDir();
        const peers = [await openPeer(join(dir, 'a'), deviceIdOf(run, 1)), await openPeer(join(dir, 'b'), deviceIdOf(run, 2))];
        const [a, b] = peers as [Peer, Peer];
        const villages = [villageWithHouseholds(a, 2), villageWithHouseholds(b, 1)];
        for (const [x, y] of [[a, b], [b, a]] as const) x.trust(y, villages);
        const coordinatorKeys = newKeys(deviceIdOf(run, 0xc));
        // B is not enrolled for A's village at the coordinator: its writes there are set aside.
        const coordinator = await openTwins(join(dir, 'c'), coordinatorKeys.deviceId, coordinatorKeys, (c) => {
          c.trust(a, villages);
          c.trust(b, [villages[1]!]);
        });
        const files: string[] = [];
        const send = (from: Peer, to: Peer, folder: string) => {
          const file = from.exportTo(join(dir, 'out', folder));
          if (file) expect(to.importFile(file).refusal).toBeNull();
        };
        const up = (from: Peer) => {
          const file = from.exportTo(join(dir, 'up', from.id));
          if (file) files.push(file);
        };
        send(a, b, 'x-0');
        send(b, a, 'x-1');
        for (const o of script) play(peers, villages, o, send, up);
        for (const peer of peers) up(peer);

        const receipts: ImportReceipt[] = [];
        for (const file of files) receipts.push(coordinator.importBoth(file));
        wholeRecords += receipts.reduce((n, r) => n + (r.records?.reduce((m, c) => m + c.created, 0) ?? 0), 0);

        // Relayed: the coordinator's file, everything it holds, imported by a district.
        const districtKeys = newKeys(deviceIdOf(run, 0xd));
        const district = await openTwins(join(dir, 'd'), districtKeys.deviceId, districtKeys, (d) => {
          d.trust(coordinator.on, [TOWNSHIP], 'coordinator');
          d.trust(a, villages);
          d.trust(b, [villages[1]!]);
        });
        const relayed = coordinator.on.exportTo(join(dir, 'relay'), { full: true });
        expect(relayed).not.toBeNull();
        district.importBoth(relayed!);
        // And the secretaries' files once more after the relay: every segment known.
        for (const file of files.slice(-2)) district.importBoth(file);

        for (const peer of peers) peer.device.close();
        coordinator.close();
        district.close();
      }),
      // Shrinking a failure replays whole histories: bounded, so a failure reports in time.
      { numRuns: 12, interruptAfterTimeLimit: 30_000 },
    );
    // The runs did merge records new to the coordinator (the record path's case).
    expect(wholeRecords).toBeGreaterThan(0);
  }, 60_000);

  it('splits an ordinary village segment into whole records, and imports it alike', async () => {
    const dir = tempDir();
    const secretary = await openPeer(join(dir, 's'), deviceIdOf(0xffff, 1));
    const village = secretary.device.store.create('villages', null, { name: '石桥村', township: '青石镇' });
    const first = secretary.exportTo(join(dir, 'out'))!;
    secretary.advance(MINUTE);
    const households: string[] = [];
    secretary.device.store.transaction(() => {
      for (let i = 0; i < 12; i++) {
        const id = secretary.device.store.create('households', village, { head_name: `户主${i}`, category: 'ordinary', address: `${i} 号` });
        households.push(id);
        // Edited in the same segment: its cell a chain of two.
        if (i % 3 === 0) secretary.device.store.update('households', id, { head_name: `新户主${i}`, notes: '改' });
      }
      secretary.device.store.create('plans', village, { year: 2026, duty: '产业', goal: '种茶', target_value: 12.5, due_date: '2026-12-31', status: 'planned' });
    });
    secretary.device.store.remove('households', households[5]!);
    const second = secretary.exportTo(join(dir, 'out'))!;
    const [villageSegment, recordsSegment] = bodiesOf(secretary);

    // The first holds the village row only: never whole.
    const villageSplit = splitSegment(decodeColumns(villageSegment!.origin, villageSegment!.body), openJudge);
    expect(villageSplit.whole).toEqual([]);
    expect(villageSplit.rest).toEqual(decodeChanges(villageSegment!.origin, villageSegment!.body));
    // The second: every record whole, nothing left to judge change by change, but the delete
    // (its seen names every head of the row: not one chain, so today's path's).
    const columns = decodeColumns(recordsSegment!.origin, recordsSegment!.body);
    const split = splitSegment(columns, openJudge);
    expect(split.whole).toHaveLength(12);
    expect(split.whole.map((w) => w.rowId)).not.toContain(households[5]);
    expect(split.rest).toEqual(decodeChanges(recordsSegment!.origin, recordsSegment!.body).filter((c) => c.row_id === households[5]));
    const plan = split.whole.find((w) => w.tbl === 'plans')!;
    expect(plan.count).toBe(6);
    const edited = split.whole.find((w) => w.rowId === households[3])!;
    expect([edited.count, edited.winners.length]).toEqual([5, 4]);

    // A secretary's segment with no delete at all: rest empty.
    secretary.advance(MINUTE);
    secretary.device.store.create('households', village, { head_name: '新户', category: 'lifted' });
    secretary.device.store.create('households', village, { head_name: '又一户', category: 'ordinary', phone: '13900000000' });
    const third = secretary.exportTo(join(dir, 'out'))!;
    const plain = bodiesOf(secretary)[2]!;
    const plainSplit = splitSegment(decodeColumns(plain.origin, plain.body), openJudge);
    expect([plainSplit.whole.length, plainSplit.rest]).toEqual([2, []]);

    const keys = newKeys(deviceIdOf(0xffff, 0xc));
    const twins = await openTwins(join(dir, 'c'), keys.deviceId, keys, (c) => c.trust(secretary, [village]));
    for (const file of [first, second, third]) twins.importBoth(file);
    const records = twins.on.sqlite.prepare('SELECT count(*) FROM households').pluck().get();
    expect(records).toBe(14);
    secretary.device.close();
    twins.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-sealed segments

const VILLAGE_A = '0190a000-0000-7000-8000-00000000000a';
const VILLAGE_B = '0190a000-0000-7000-8000-00000000000b';
const row = (n: number) => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const R1 = row(0xc1);
const R2 = row(0xc2); // the hostile record of each case
const R3 = row(0xc3);

/** Changes of one hostile device, each written a second after the one before (ids increase in call order). */
function writer(deviceId: string) {
  let tick = 0;
  const base = START_TIME - 60 * MINUTE;
  const change = (rowId: string, col: string, value: string, o: { tbl?: Change['tbl']; village?: string; seen?: string[]; wall?: number } = {}): Change => {
    const hlc = formatHlc({ wall: o.wall ?? base + ++tick * 1000, counter: 0 });
    return { id: hlc + deviceId, tbl: o.tbl ?? 'households', row_id: rowId, village_id: o.village ?? VILLAGE_A, col, value, hlc, origin: deviceId, seen: o.seen ?? [] };
  };
  /** A household of three cells, its name written twice (a chain of two). */
  const household = (rowId: string, village = VILLAGE_A): Change[] => {
    const name = change(rowId, 'head_name', '"王一"', { village });
    return [name, change(rowId, 'category', '"ordinary"', { village }), change(rowId, 'address', '"村东"', { village }), change(rowId, 'head_name', '"王二"', { village, seen: [name.id] })];
  };
  return { change, household };
}

interface HandCase {
  readonly name: string;
  /** Files in import order, each its segments. */
  readonly files: SealedSegment[][];
  /** The segment to split, the records expected in its rest, and the judge (default: let everything through). */
  readonly split?: { segment: SealedSegment; rest: string[]; judge?: RecordJudge };
  readonly setAside?: Record<string, number>;
  readonly conflicts?: number;
  /** Run on each twin after its trust is set up (both alike). */
  readonly setup?: (peer: Peer) => void;
  /** A file's segment is placed on a fork's branch. */
  readonly forked?: boolean;
  /** The hostile device's scope at the coordinator, as a coordinator (default: village A, as a secretary). */
  readonly scope?: readonly string[];
}

// A dictionary naming a table or column twice, which no honest encoder writes (it dedups names):
// the second name is encoded as a stand-in of the same length, whose bytes are then overwritten
// with the real name's in the uncompressed body.
const standIns = new Map<string, string>();
const twice = (name: string): string => {
  const standIn = `${name.slice(0, -1)}~`;
  standIns.set(standIn, name);
  return standIn;
};

/** The changes sealed naming a name twice, and the same changes (real names) sealed as usual. */
function sealNamingTwice(keys: DeviceKeys, changes: Change[]): { twice: SealedSegment; plain: SealedSegment } {
  const body = encodeWithoutNameChecksForTests(keys.deviceId, changes, 'none');
  for (const [standIn, name] of standIns) {
    const at = body.indexOf(standIn);
    if (at < 0) continue;
    expect(body.indexOf(standIn, at + 1)).toBe(-1);
    body.write(name, at);
  }
  const real = changes.map((c) => ({ ...c, tbl: (standIns.get(c.tbl) ?? c.tbl) as Change['tbl'], col: standIns.get(c.col) ?? c.col }));
  const segment = handSeal(keys, 1, null, body, real);
  expect(decodeChanges(segment.origin, segment.body)).toEqual(real);
  return { twice: segment, plain: sealChanges(keys, 1, null, real) };
}

function handCases(keys: ReturnType<typeof newKeys>, forkKeys: ReturnType<typeof newKeys>): HandCase[] {
  const cases: HandCase[] = [];
  const add = (name: string, build: (w: ReturnType<typeof writer>, seal: (changes: Change[], seq?: number, prev?: SealedSegment | null) => SealedSegment) => Omit<HandCase, 'name'>) => {
    const w = writer(keys.deviceId);
    const seal = (changes: Change[], seq = 1, prev: SealedSegment | null = null) => sealChanges(keys, seq, prev?.hash ?? null, changes);
    cases.push({ name, ...build(w, seal) });
  };
  // Written in segment order (each call takes the next second): the hostile changes after R1's.
  const around = (w: ReturnType<typeof writer>, hostile: () => Change[]) => {
    const before = w.household(R1);
    const middle = hostile();
    return [...before, ...middle, ...w.household(R3)];
  };

  add('a value the schema refuses in the middle of a record', (w, seal) => {
    const s = seal(around(w, () => [w.change(R2, 'head_name', '"王"'), w.change(R2, 'category', '"bogus"'), w.change(R2, 'address', '"村西"')]));
    return { files: [[s]], split: { segment: s, rest: [R2] }, setAside: { VALUE_INVALID: 1 } };
  });
  add('a value not of its column’s kind', (w, seal) => {
    const s = seal(around(w, () => [w.change(R2, 'head_name', '"王"'), w.change(R2, 'address', '123')]));
    return { files: [[s]], split: { segment: s, rest: [R2] }, setAside: { BAD_VALUE: 1 } };
  });
  add('a boolean (Raw) where a column takes 0 or 1', (w, seal) => {
    const attachment = (rowId: string, keep: string) => [
      w.change(rowId, 'record_table', '"visits"', { tbl: 'attachments' }), w.change(rowId, 'record_id', JSON.stringify(R1), { tbl: 'attachments' }),
      w.change(rowId, 'kind', '"photo"', { tbl: 'attachments' }), w.change(rowId, 'file_name', '"a.jpg"', { tbl: 'attachments' }),
      w.change(rowId, 'mime', '"image/jpeg"', { tbl: 'attachments' }), w.change(rowId, 'size_bytes', '2048', { tbl: 'attachments' }),
      w.change(rowId, 'sha256', JSON.stringify('a'.repeat(64)), { tbl: 'attachments' }), w.change(rowId, 'keep_location', keep, { tbl: 'attachments' }),
    ];
    const s = seal([...w.household(R1), ...attachment(R2, 'true'), ...attachment(R3, '1')]);
    return { files: [[s]], split: { segment: s, rest: [R2] }, setAside: { BAD_VALUE: 1 } };
  });
  add('real numbers (Raw), a date, a null and an id reference, all whole', (w, seal) => {
    const s = seal(
      around(w, () => [
      w.change(R2, 'year', '2026', { tbl: 'plans' }), w.change(R2, 'duty', '"产业"', { tbl: 'plans' }), w.change(R2, 'goal', '"种茶"', { tbl: 'plans' }),
      w.change(R2, 'target_value', '12.5', { tbl: 'plans' }), w.change(R2, 'actual_value', '0.5e1', { tbl: 'plans' }), w.change(R2, 'due_date', '"2026-12-31"', { tbl: 'plans' }),
      w.change(R2, 'measures', 'null', { tbl: 'plans' }), w.change(R2, 'status', '"planned"', { tbl: 'plans' }),
      w.change(row(0xd1), 'household_id', JSON.stringify(R1), { tbl: 'household_members' }), w.change(row(0xd1), 'name', '"王小"', { tbl: 'household_members' }),
      ]),
    );
    return { files: [[s]], split: { segment: s, rest: [] } };
  });
  add('a future clock at the end of a record', (w, seal) => {
    const future = START_TIME + FUTURE_LIMIT_MS + 60 * MINUTE;
    const s = seal([...w.household(R1), ...w.household(R3), w.change(R2, 'head_name', '"王"'), w.change(R2, 'address', '"村西"', { wall: future })]);
    return { files: [[s]], split: { segment: s, rest: [R2], judge: { ...openJudge, latestWall: START_TIME + FUTURE_LIMIT_MS } }, setAside: { FUTURE_CLOCK: 1 } };
  });
  add('a record switching village mid-segment', (w, seal) => {
    const s = seal(around(w, () => [w.change(R2, 'head_name', '"王"'), w.change(R2, 'address', '"村西"', { village: VILLAGE_B }), w.change(R2, 'category', '"ordinary"')]));
    return { files: [[s]], split: { segment: s, rest: [R2] }, setAside: { VILLAGE_MISMATCH: 1 } };
  });
  add('a record out of its device’s scope', (w, seal) => {
    const s = seal(around(w, () => w.household(R2, VILLAGE_B)));
    return { files: [[s]], split: { segment: s, rest: [R2], judge: { ...openJudge, inScope: (v) => v === VILLAGE_A } }, setAside: { OUT_OF_SCOPE: 4 } };
  });
  add('two heads in one cell', (w, seal) => {
    const s = seal(around(w, () => [w.change(R2, 'head_name', '"王"'), w.change(R2, 'category', '"ordinary"'), w.change(R2, 'head_name', '"李"')]));
    return { files: [[s]], split: { segment: s, rest: [R2] }, conflicts: 1 };
  });
  add('a seen naming a change of an earlier segment, and a later segment editing a record the log has', (w, seal) => {
    const one = w.household(R1);
    const s1 = seal(one);
    const s2 = seal([w.change(R1, 'address', '"村北"', { seen: [one[2]!.id] }), w.change(R2, 'head_name', '"王"', { seen: [one[0]!.id] }), ...w.household(R3)], 2, s1);
    return { files: [[s1], [s2]], split: { segment: s2, rest: [R1, R2] } };
  });
  add('a delete, an undelete, and a delete written as escaped text', (w, seal) => {
    const d = (rowId: string, value: string, seen: Change[] = []) => w.change(rowId, '_row', value, { seen: seen.map((c) => c.id) });
    const changes = [w.change(R1, 'head_name', '"李"')];
    const deleted = d(R1, '"deleted"');
    changes.push(deleted, d(R1, '"alive"', [deleted]), w.change(R3, 'head_name', '"王"'), d(R3, '"deleted"'));
    // "\u0064eleted" is 'deleted' by its value, not by its text: a Raw value, today's path's to judge.
    changes.push(w.change(R2, 'head_name', '"王"'), d(R2, '"\\u0064eleted"'), d(row(0xc4), '"alive"'));
    const s = seal(changes);
    return { files: [[s]], split: { segment: s, rest: [R2] } };
  });
  add('a village row', (w, seal) => {
    const s = seal(around(w, () => [w.change(VILLAGE_A, 'name', '"石桥村"', { tbl: 'villages' }), w.change(VILLAGE_A, 'township', '"青石镇"', { tbl: 'villages' })]));
    return { files: [[s]], split: { segment: s, rest: [VILLAGE_A] } };
  });
  add('a record over two runs with another record’s run between', (w, seal) => {
    const name = w.change(R1, 'head_name', '"王一"');
    const s = seal([name, w.change(R1, 'category', '"ordinary"'), ...w.household(R3), w.change(R1, 'address', '"村东"'), w.change(R1, 'head_name', '"王三"', { seen: [name.id] })]);
    return { files: [[s]], split: { segment: s, rest: [] } };
  });
  add('ids that do not increase within a segment', (w, seal) => {
    const early = w.household(R3);
    const late = w.household(R1);
    const swapped = [w.change(R2, 'head_name', '"王"'), w.change(R2, 'address', '"村西"')].reverse();
    const s = seal([...late, ...early, ...swapped]);
    expect(decodeColumns(s.origin, s.body).increasing).toBe(false);
    return { files: [[s]] };
  });
  add('the coordinator’s own unsealed writes within the segment’s ids', (w, seal) => {
    const changes = around(w, () => w.household(R2));
    const s = seal(changes);
    const setup = (peer: Peer) => {
      // Written 6.5 s into the segment's 12 s: its log keeps them as rows between the segment's
      // first and last id, so the record path stands aside for the segment.
      peer.advance(-60 * MINUTE + 6_500);
      peer.device.store.create('households', VILLAGE_A, { head_name: '本机', category: 'ordinary' });
      peer.advance(60 * MINUTE - 6_500);
      const between = peer.sqlite.prepare('SELECT count(*) FROM changes WHERE id BETWEEN ? AND ?').pluck().get(changes[0]!.id, changes.at(-1)!.id);
      expect(between).toBe(2);
    };
    return { files: [[s]], setup };
  });
  add('the coordinator’s own unsealed writes after the segment’s ids', (w, seal) => {
    const s = seal(around(w, () => w.household(R2)));
    return { files: [[s]], split: { segment: s, rest: [] }, setup: (peer) => void peer.device.store.create('households', VILLAGE_A, { head_name: '本机', category: 'ordinary' }) };
  });
  add('changes at the future limit and just past it', (w, seal) => {
    const limit = START_TIME + FUTURE_LIMIT_MS;
    const s = seal([...w.household(R1), w.change(R3, 'head_name', '"王"', { wall: limit - 1 }), w.change(R3, 'address', '"村西"', { wall: limit }), w.change(R2, 'head_name', '"李"', { wall: limit + 1 })]);
    return { files: [[s]], split: { segment: s, rest: [R2], judge: { ...openJudge, latestWall: limit } }, setAside: { FUTURE_CLOCK: 1 } };
  });
  add('odd texts and numbers, all whole', (w, seal) => {
    const s = seal(
      around(w, () => [
        w.change(R2, 'head_name', '"\\u738b\\u4e00"'), w.change(R2, 'notes', JSON.stringify(R1)), w.change(R2, 'address', '"00000000000000ff"'),
        w.change(R2, 'villager_group', '""'), w.change(R2, 'grid_cell', 'null'), w.change(R2, 'category', '"ordinary"'),
        w.change(row(0xe1), 'year', '2026', { tbl: 'plans' }), w.change(row(0xe1), 'duty', '"产业"', { tbl: 'plans' }), w.change(row(0xe1), 'goal', '"修路"', { tbl: 'plans' }),
        w.change(row(0xe1), 'target_value', '-0', { tbl: 'plans' }), w.change(row(0xe1), 'actual_value', '1E2', { tbl: 'plans' }), w.change(row(0xe1), 'status', '"done"', { tbl: 'plans' }),
      ]),
    );
    return { files: [[s]], split: { segment: s, rest: [] } };
  });
  add('a value that is not JSON', (w, seal) => {
    const s = seal(around(w, () => [w.change(R2, 'head_name', '"王"'), w.change(R2, 'address', 'nope')]));
    return { files: [[s]], split: { segment: s, rest: [R2] }, setAside: { BAD_VALUE: 1 } };
  });
  add('two segments in one file, the second editing a record of the first', (w, seal) => {
    const one = w.household(R1);
    const s1 = seal(one);
    const s2 = seal([w.change(R1, 'address', '"村北"', { seen: [one[2]!.id] }), ...w.household(R3)], 2, s1);
    return { files: [[s1, s2]], split: { segment: s2, rest: [R1], judge: { ...openJudge, isNew: (_tbl, id) => id !== R1 } } };
  });
  add('a record only deleted, and one written after its delete', (w, seal) => {
    const s = seal([w.change(R1, '_row', '"deleted"'), w.change(R3, 'head_name', '"王"'), w.change(R3, '_row', '"deleted"'), w.change(R3, 'address', '"村东"'), w.change(R3, 'notes', '"删后"')]);
    return { files: [[s]], split: { segment: s, rest: [] } };
  });
  // Named twice: the whole segment takes the change-by-change path, which judges cells by name.
  const namedTwice = (name: string, build: (w: ReturnType<typeof writer>) => Change[], expected: Omit<HandCase, 'name' | 'files'> = {}) =>
    add(name, (w) => {
      const { twice: s, plain } = sealNamingTwice(keys, build(w));
      expect(canSplit(decodeColumns(s.origin, s.body)), name).toBe(false);
      expect(canSplit(decodeColumns(plain.origin, plain.body)), name).toBe(true);
      return { files: [[s]], ...expected };
    });
  namedTwice('a column named twice, the second written over the first', (w) => {
    const one = w.household(R1);
    return [...one, w.change(R1, twice('address'), '"村西"', { seen: [one[2]!.id] }), ...w.household(R3)];
  });
  namedTwice('a column named twice, each written seeing nothing', (w) => [...w.household(R1), w.change(R1, twice('address'), '"村西"'), ...w.household(R3)], { conflicts: 1 });
  namedTwice('a table named twice, a record over both and one cell under each', (w) => {
    const name = w.change(R1, 'head_name', '"王"');
    return [name, ...w.household(R3), w.change(R1, 'category', '"ordinary"', { tbl: twice('households') as Change['tbl'] }), w.change(R1, 'head_name', '"李"', { tbl: twice('households') as Change['tbl'], seen: [name.id] })];
  });
  add('a record merged whole before a record today’s path takes (names numbered alike)', (w, seal) => {
    const plan = [w.change(R2, 'year', '2026', { tbl: 'plans' }), w.change(R2, 'duty', '"产业"', { tbl: 'plans' }), w.change(R2, 'goal', '"种茶"', { tbl: 'plans' }), w.change(R2, 'status', '"planned"', { tbl: 'plans' })];
    const s = seal([...plan, ...w.household(R1), w.change(R1, 'head_name', '"李"')]);
    return { files: [[s]], split: { segment: s, rest: [R1] }, conflicts: 1 };
  });
  add('a township scope judged by the villages the file itself claims', (w, seal) => {
    const village = (id: string, name: string, township: string) => [w.change(id, 'name', name, { tbl: 'villages', village: id }), w.change(id, 'township', township, { tbl: 'villages', village: id })];
    const s1 = seal([...village(VILLAGE_A, '"石桥村"', '"青石镇"'), ...village(VILLAGE_B, '"外村"', '"别镇"')]);
    const s2 = seal([...w.household(R1), ...w.household(R2, VILLAGE_B), ...w.household(R3)], 2, s1);
    return { files: [[s1, s2]], scope: [TOWNSHIP], split: { segment: s2, rest: [R2], judge: { ...openJudge, inScope: (v) => v === VILLAGE_A } }, setAside: { OUT_OF_SCOPE: 6 } };
  });
  // A device forking within one file, before or after segments of it merged whole: one branch
  // writes the other's ids (for another record), so only judging it as a fork sets them aside.
  const forkLate = (name: string, order: (a1: SealedSegment, a2: SealedSegment, b1: SealedSegment) => SealedSegment[]) =>
    cases.push(
      ((): HandCase => {
        const w = writer(forkKeys.deviceId);
        const a1 = sealChanges(forkKeys, 1, null, w.household(R1));
        const two = w.household(R2);
        const a2 = sealChanges(forkKeys, 2, a1.hash, two);
        const b1 = sealChanges(forkKeys, 1, null, two.map((c) => ({ ...c, row_id: R3 })));
        return { name, files: [order(a1, a2, b1)], forked: true, setAside: { DUPLICATE_ID: 4 } };
      })(),
    );
  forkLate('a fork arriving after its device’s segments were merged whole', (a1, a2, b1) => [a1, a2, b1]);
  forkLate('a device’s segment merged after its fork, in one file', (a1, a2, b1) => [a1, b1, a2]);
  forkLate('a fork merged whole before the branch it forks from, in one file', (a1, a2, b1) => [b1, a1, a2]);
  // A forked device: a second history from the same start, then a segment following it.
  cases.push(
    ((): HandCase => {
      const w = writer(forkKeys.deviceId);
      const a1 = sealChanges(forkKeys, 1, null, w.household(R1));
      const b1 = sealChanges(forkKeys, 1, null, [w.change(R1, 'address', '"村南"'), ...w.household(R2)]);
      const b2 = sealChanges(forkKeys, 2, b1.hash, [...w.household(R3)]);
      // R1's address is written on both branches, neither seeing the other: a conflict.
      return { name: 'a segment from a forked device', files: [[a1], [b1, b2]], conflicts: 1, forked: true };
    })(),
  );
  return cases;
}

describe('the record path on hand-sealed segments', () => {
  it('merges hostile and odd segments alike, and sends exactly their hostile records to the old path', async () => {
    const dir = tempDir();
    const keys = newKeys(deviceIdOf(0xfffe, 1));
    const forkKeys = newKeys(deviceIdOf(0xfffe, 2));
    const cases = handCases(keys, forkKeys);
    const coordinatorKeys = newKeys(deviceIdOf(0xfffe, 0xc));
    for (const [n, c] of cases.entries()) {
      const twins = await openTwins(join(dir, `case-${n}`), coordinatorKeys.deviceId, coordinatorKeys, (p) => {
        p.trust({ id: keys.deviceId, keys }, c.scope ?? [VILLAGE_A], c.scope ? 'coordinator' : undefined);
        p.trust({ id: forkKeys.deviceId, keys: forkKeys }, [VILLAGE_A]);
        c.setup?.(p);
      });
      const receipts = c.files.map((segments, f) => twins.importBoth(bundleFile(dir, `case-${n}-${f}.cunji`, segments[0]!.origin === keys.deviceId ? keys : forkKeys, segments)));
      const setAside: Record<string, number> = {};
      for (const r of receipts) for (const [reason, count] of Object.entries(r.setAside)) setAside[reason] = (setAside[reason] ?? 0) + count!;
      expect(setAside, c.name).toEqual(c.setAside ?? {});
      expect(receipts.reduce((sum, r) => sum + r.conflictsCreated, 0), c.name).toBe(c.conflicts ?? 0);
      expect(receipts.some((r) => r.forks !== undefined), c.name).toBe(c.forked ?? false);
      if (c.split) {
        const { segment, rest, judge } = c.split;
        const columns = decodeColumns(segment.origin, segment.body);
        expect(columns.increasing, c.name).toBe(true);
        const split = splitSegment(columns, judge ?? openJudge);
        const all = decodeChanges(segment.origin, segment.body);
        expect(split.rest, c.name).toEqual(all.filter((change) => rest.includes(change.row_id)));
        const others = [...new Set(all.filter((change) => !rest.includes(change.row_id)).map((change) => change.row_id))];
        expect(split.whole.map((w) => w.rowId), c.name).toEqual(others);
      }
      twins.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Random hand-sealed segments: records in two tables sharing ids, two villages (one out of
// scope), values good and bad, `seen` of every kind, now and then a change from the future or
// written out of order, over several segments and files.

// Per column: values its schema takes (some Raw), then values set aside.
const HAND_VALUES: Record<string, readonly [good: readonly string[], bad: readonly string[]]> = {
  head_name: [['"王"', '"李"', '"\\u738b"', '""'], ['5']],
  address: [['"村东"', 'null'], [`"${'长'.repeat(120)}"`]],
  category: [['"ordinary"', '"lifted"'], ['"bogus"']],
  goal: [['"修路"', '"种茶"'], ['7']],
  target_value: [['12.5', '3', '0.5e1'], ['-1', '"3"']],
  status: [['"planned"', '"done"'], ['"later"']],
  _row: [['"deleted"', '"alive"', '"deleted"'], ['"\\u0064eleted"', '"gone"']],
};
const HAND_COLUMNS = { households: ['head_name', 'address', 'category', '_row'], plans: ['goal', 'target_value', 'status', '_row'] } as const;

interface HandOp {
  readonly row: number;
  readonly tbl: keyof typeof HAND_COLUMNS;
  readonly col: number;
  readonly v: number;
  readonly bad: boolean;
  readonly otherVillage: boolean;
  readonly seen: 'nothing' | 'previous' | 'earlier' | 'later' | 'stranger';
  readonly pick: number;
  readonly future: boolean;
  readonly back: boolean;
}

const handOp: fc.Arbitrary<HandOp> = fc.record({
  row: fc.integer({ min: 0, max: 3 }),
  tbl: fc.constantFrom<keyof typeof HAND_COLUMNS>('households', 'households', 'plans'),
  col: fc.nat(),
  v: fc.nat(),
  // Mostly what an honest device writes, so many records are whole; now and then something else.
  bad: fc.constantFrom(false, ...Array<boolean>(11).fill(false), true),
  otherVillage: fc.constantFrom(false, ...Array<boolean>(15).fill(false), true),
  seen: fc.constantFrom<HandOp['seen']>('nothing', 'nothing', ...Array<'previous'>(12).fill('previous'), 'earlier', 'later', 'stranger'),
  pick: fc.nat(),
  future: fc.constantFrom(false, ...Array<boolean>(24).fill(false), true),
  back: fc.constantFrom(false, ...Array<boolean>(16).fill(false), true),
});

describe('the record path on random hand-sealed segments', () => {
  it('merges them alike', async () => {
    const dir = tempDir();
    const keys = newKeys(deviceIdOf(0xfffd, 1));
    const coordinatorKeys = newKeys(deviceIdOf(0xfffd, 0xc));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(handOp, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 2 }), async (ops, cuts, fileCuts) => {
        round++;
        const base = START_TIME - 60 * MINUTE;
        const ids: string[] = [];
        const lastOfCell = new Map<string, string>();
        let wall = base;
        const changes = ops.map((o): Change => {
          wall += 1000;
          const at = o.future ? START_TIME + FUTURE_LIMIT_MS + wall - base : o.back ? wall - 5_500 : wall;
          const hlc = formatHlc({ wall: at, counter: 0 });
          const id = hlc + keys.deviceId;
          const col = HAND_COLUMNS[o.tbl][o.col % HAND_COLUMNS[o.tbl].length]!;
          const rowId = row(0xa0 + o.row);
          const cell = `${o.tbl}\u0000${rowId}\u0000${col}`;
          const previous = lastOfCell.get(cell);
          const seen =
            o.seen === 'previous' ? (previous ? [previous] : [])
            : o.seen === 'earlier' && ids.length ? [ids[o.pick % ids.length]!]
            : o.seen === 'later' ? [`${formatHlc({ wall: at + 500, counter: 0 })}${keys.deviceId}`]
            : o.seen === 'stranger' ? [`${formatHlc({ wall: base, counter: 7 })}00000000000000ee`]
            : [];
          lastOfCell.set(cell, id);
          ids.push(id);
          const values = HAND_VALUES[col]![o.bad ? 1 : 0];
          const value = values[o.v % values.length]!;
          return { id, tbl: o.tbl, row_id: rowId, village_id: o.otherVillage ? VILLAGE_B : VILLAGE_A, col, value, hlc, origin: keys.deviceId, seen };
        });
        // Cut into segments, and the segments into files.
        const at = [...new Set(cuts.map((c) => c % changes.length))].filter((c) => c > 0).sort((x, y) => x - y);
        const parts = [0, ...at, changes.length].slice(1).map((end, k, ends) => changes.slice(k === 0 ? 0 : ends[k - 1]!, end));
        const segments: SealedSegment[] = [];
        for (const part of parts) segments.push(sealChanges(keys, segments.length + 1, segments.at(-1)?.hash ?? null, part));
        const fileAt = [...new Set(fileCuts.map((c) => c % segments.length))].filter((c) => c > 0).sort((x, y) => x - y);
        const files = [0, ...fileAt, segments.length].slice(1).map((end, k, ends) => segments.slice(k === 0 ? 0 : ends[k - 1]!, end));

        const twins = await openTwins(join(dir, `r-${round}`), coordinatorKeys.deviceId, coordinatorKeys, (p) => p.trust({ id: keys.deviceId, keys }, [VILLAGE_A]));
        for (const [f, file] of files.entries()) twins.importBoth(bundleFile(dir, `r-${round}-${f}.cunji`, keys, file));
        twins.close();
      }),
      { numRuns: 60, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});
