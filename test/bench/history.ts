// Bench: a record's full history (records.history → db/history.ts `rowHistory`) read from the
// change log — its stored segments found through the record's index (its clock's segment and
// record_segments) and decoded for the record, plus its unsealed rows — against the target of
// 100 ms, cold (a fresh cache: every segment decoded) and warm (the history service's cache
// already holding them). The read before segments were decoded
// for one record (the record's segments decoded whole, then filtered) is timed in the same run as
// the reference. Wall and CPU (user + system of this process) milliseconds; the load average is
// printed with them.
//   node scripts/bench.mjs history --db <coordinator.sqlite> [--runs N]
//     the records of a database made by `npm run bench:sync -- --keep` (it stays unchanged but for
//     a migration the code may bring): the one in most segments, the one with most changes, the
//     one whose segments hold most changes; every segment's decoding cost and decoded size
//   node scripts/bench.mjs history --weeks N --per-week N [--runs N]
//     a made-up worst case: a village record edited once a week for N weeks by a device that
//     seals each week's N changes as one segment, so its history is spread over N segments
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HISTORY_CACHE_CHANGES, rowHistory } from '../../db/history';
import { createUuidV7Source, newDeviceId } from '../../db/ids';
import type { LedgerName } from '../../db/ledgers';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createStore } from '../../db/store';
import { createSegmentCache } from '../../db/sync/changeLog';
import { NAME_KIND, recordIdOf, recordKey } from '../../db/sync/clocks';
import { createHlcClock } from '../../db/sync/hlc';
import { decodeChanges } from '../../db/sync/segments/codec';
import { decodeRecordChanges } from '../../db/sync/segments/recordChanges';
import { sealSegment } from '../../db/sync/segments/seal';
import { villagesMovedAway } from '../../db/sync/villageMoves';
import { arg, int, newKeys } from './syncFixture';

/** A record's index to its segments (migration 0270): its clock's segment, then record_segments' further ones. */
const RECORD_SEGMENTS = '(SELECT tbl, row_id, segment FROM clocks WHERE segment IS NOT NULL UNION ALL SELECT tbl, row_id, segment FROM record_segments)';

const TARGET_MS = 100;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed<T>(fn: () => T): Timing & { result: T } {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(u0);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(1);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

function summary(label: string, runs: Timing[]): string {
  const wall = runs.map((r) => r.wallMs);
  const cpu = runs.map((r) => r.cpuMs);
  const verdict = Math.max(...wall) < TARGET_MS ? 'under' : median(wall) < TARGET_MS ? 'median under' : 'OVER';
  return `  ${label.padEnd(34)} wall ms median ${ms(median(wall)).padStart(6)} max ${ms(Math.max(...wall)).padStart(6)} | CPU ms median ${ms(median(cpu)).padStart(6)} max ${ms(Math.max(...cpu)).padStart(6)} | ${verdict} ${TARGET_MS} ms   (wall: ${wall.map(ms).join(', ')})`;
}

interface Picked {
  why: string;
  tbl: LedgerName;
  rowId: string;
}

/** The record's stored segments (through its index) and how many changes each holds. */
function describeRecord(db: OpenedDatabase, tbl: string, rowId: string): string {
  const segs = db.sqlite
    .prepare(
      `SELECT s.count FROM ${RECORD_SEGMENTS} AS r JOIN names AS t ON t.n = r.tbl AND t.kind = ${NAME_KIND.table}
         JOIN names AS n ON n.n = r.segment JOIN segments AS s ON s.hash = n.text
        WHERE t.text = ? AND r.row_id = ?`,
    )
    .pluck()
    .all(tbl, recordKey(rowId)) as number[];
  const shown = segs.length > 12 ? `${segs.slice(0, 12).map(int).join(', ')}, …` : segs.map(int).join(', ');
  return `in ${segs.length} segment(s) holding ${int(segs.reduce((a, b) => a + b, 0))} changes (${shown})`;
}

/** The record's stored segments, as the change log finds them, with their origin and body. */
function segmentsOf(db: OpenedDatabase, tbl: string, rowId: string): { hash: string; origin: string; body: Buffer }[] {
  return db.sqlite
    .prepare(
      `SELECT s.hash, s.origin, s.body FROM ${RECORD_SEGMENTS} AS r JOIN names AS t ON t.n = r.tbl AND t.kind = ${NAME_KIND.table}
         JOIN names AS n ON n.n = r.segment JOIN segments AS s ON s.hash = n.text
        WHERE t.text = ? AND r.row_id = ?`,
    )
    .all(tbl, recordKey(rowId)) as { hash: string; origin: string; body: Buffer }[];
}

/**
 * Times one record's history, cold and warm, and as a reference the read before the change log
 * decoded a segment for one record: its segments decoded whole (decodeChanges) and filtered, as
 * a cold ofRecord did.
 */
function timeRecord(db: OpenedDatabase, pick: Picked, runs: number): void {
  const { sqlite } = db;
  console.log(`\n${pick.why}: ${pick.tbl} ${pick.rowId}\n  ${describeRecord(db, pick.tbl, pick.rowId)}`);
  const segments = segmentsOf(db, pick.tbl, pick.rowId);
  const unsealed = sqlite.prepare('SELECT count(*) FROM changes WHERE tbl = ? AND row_id = ? AND segment IS NULL').pluck();
  const whole: Timing[] = [];
  const cold: Timing[] = [];
  const warm: Timing[] = [];
  let changes = 0;
  let steps = 0;
  const historyCache = () => createSegmentCache({ changes: HISTORY_CACHE_CHANGES });
  // The first call fills the warm cache (and warms the JIT: a first history after the app starts
  // costs more than these figures).
  const warmCache = historyCache();
  rowHistory(sqlite, pick.tbl, pick.rowId, warmCache);
  // No forced collection between runs: the app does none, and a heap just shrunk by one makes the
  // next decode pay for growing it again.
  for (let i = 0; i < runs; i++) {
    const c = timed(() => rowHistory(sqlite, pick.tbl, pick.rowId, historyCache()).length);
    cold.push(c);
    steps = c.result;
    warm.push(timed(() => rowHistory(sqlite, pick.tbl, pick.rowId, warmCache)));
  }
  // The reference in its own runs: the garbage of its whole decodes would land in the next run's time.
  for (let i = 0; i < runs; i++) {
    const w = timed(() => segments.reduce((n, s) => n + decodeChanges(s.origin, s.body).filter((c) => c.tbl === pick.tbl && c.row_id === pick.rowId).length, 0));
    whole.push(w);
    changes = w.result + (unsealed.get(pick.tbl, pick.rowId) as number);
  }
  // A change in two segments (a relay of a fork) is one step: at most as many steps as changes.
  if (steps > changes || steps === 0) throw new Error(`rowHistory gave ${steps} steps, the record's segments and rows hold ${changes} changes`);
  console.log(`  ${steps} changes in its history`);
  console.log(summary('segments decoded whole (before)', whole));
  console.log(summary('rowHistory, cold (fresh cache)', cold));
  console.log(summary('rowHistory, warm (history cache)', warm));
}

/** A segment body's compressed part inflated, as the codec does first (magic, version, compression, raw length, data). */
function inflate(body: Buffer): Buffer {
  let at = 3;
  let shift = 0;
  let rawLength = 0;
  for (;;) {
    const byte = body[at++]!;
    rawLength += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  const packed = body.subarray(at);
  if (body[2] === 1) return brotliDecompressSync(packed, { maxOutputLength: rawLength });
  if (body[2] === 2) return gunzipSync(packed, { maxOutputLength: rawLength });
  return packed;
}

/** Each stored segment decoded: CPU µs a change (how much of it is inflating, and decoding one record's changes alone), heap bytes a decoded change. */
function segmentCosts(db: OpenedDatabase): void {
  const segments = db.sqlite.prepare('SELECT hash, origin, body, count FROM segments ORDER BY count DESC').all() as { hash: string; origin: string; body: Buffer; count: number }[];
  const perChangeUs: number[] = [];
  const inflateShare: number[] = [];
  const decodeMs: number[] = [];
  const oneRecordUs: number[] = [];
  const oneRecordShare: number[] = [];
  // Each segment's decodes three times, alternately, the least kept: a collection that one decode
  // leaves due lands in the next one's time (forcing one first makes the next decode regrow the heap).
  const cpu = (fn: () => unknown) => timed(fn).cpuMs;
  for (const s of segments) {
    const all = decodeChanges(s.origin, s.body);
    if (all.length !== s.count) throw new Error(`segment ${s.hash} decoded to ${all.length} changes, not ${s.count}`);
    // The record of the segment's middle change decoded alone, as the change log reads a segment not in its cache.
    const { tbl, row_id } = all[Math.floor(s.count / 2)]!;
    if (JSON.stringify(decodeRecordChanges(s.origin, s.body, tbl, row_id)) !== JSON.stringify(all.filter((c) => c.tbl === tbl && c.row_id === row_id))) {
      throw new Error(`segment ${s.hash}: decodeRecordChanges differs for ${tbl} ${row_id}`);
    }
    let inflateCpu = Infinity;
    let wholeCpu = Infinity;
    let oneCpu = Infinity;
    let wholeWall = Infinity;
    for (let i = 0; i < 3; i++) {
      inflateCpu = Math.min(inflateCpu, cpu(() => inflate(s.body)));
      const t = timed(() => decodeChanges(s.origin, s.body).length);
      wholeCpu = Math.min(wholeCpu, t.cpuMs);
      wholeWall = Math.min(wholeWall, t.wallMs);
      oneCpu = Math.min(oneCpu, cpu(() => decodeRecordChanges(s.origin, s.body, tbl, row_id)));
    }
    perChangeUs.push((wholeCpu * 1000) / s.count);
    inflateShare.push(inflateCpu / wholeCpu);
    decodeMs.push(wholeWall);
    oneRecordUs.push((oneCpu * 1000) / s.count);
    oneRecordShare.push(oneCpu / wholeCpu);
  }
  // What a full cache holds: the eight biggest segments decoded and kept together.
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const held = segments.slice(0, 8).map((s) => decodeChanges(s.origin, s.body));
  gc();
  const heap = (process.memoryUsage().heapUsed - heap0) / held.reduce((n, changes) => n + changes.length, 0);
  const counts = segments.map((s) => s.count);
  console.log(
    `\n${segments.length} stored segments of ${int(Math.min(...counts))}–${int(Math.max(...counts))} changes, each decoded three times (the least kept): ${ms(Math.min(...decodeMs))}–${ms(Math.max(...decodeMs))} ms wall a segment (median ${ms(median(decodeMs))}); CPU µs a change median ${median(perChangeUs).toFixed(2)} (min ${Math.min(...perChangeUs).toFixed(2)}, max ${Math.max(...perChangeUs).toFixed(2)}), of which inflating (brotli) ${(median(inflateShare) * 100).toFixed(0)}%; one record's changes alone (decodeRecordChanges) CPU µs a change of the segment median ${median(oneRecordUs).toFixed(2)}, ${(median(oneRecordShare) * 100).toFixed(0)}% of the whole decode (min ${(Math.min(...oneRecordShare) * 100).toFixed(0)}%, max ${(Math.max(...oneRecordShare) * 100).toFixed(0)}%); a decoded change holds ~${int(heap)} bytes of heap (a cache of 8 segments of 10,000 changes: ~${int((8 * 10_000 * heap) / 1e6)} MB; of 50,000: ~${int((8 * 50_000 * heap) / 1e6)} MB)`,
  );
}

async function benchDatabase(path: string, runs: number): Promise<void> {
  const db = await openDatabase(path);
  const { sqlite } = db;
  try {
    const totals = sqlite
      .prepare('SELECT (SELECT count(*) FROM changes) AS rows, (SELECT sum(count) FROM segments) AS sealed, (SELECT count(*) FROM segments) AS segments, (SELECT count(*) FROM clocks) AS records')
      .get() as Record<string, number>;
    console.log(
      `村记 bench:history — ${path}: ${int(totals.sealed!)} changes in ${int(totals.segments!)} segments and ${int(totals.rows!)} rows of changes, ${int(totals.records!)} records; ${runs} runs each; load ${load()}`,
    );
    const spread = sqlite.prepare(`SELECT count(*) AS n FROM ${RECORD_SEGMENTS} AS r GROUP BY r.tbl, r.row_id ORDER BY n DESC`).all() as { n: number }[];
    const histogram = new Map<number, number>();
    for (const { n } of spread) histogram.set(n, (histogram.get(n) ?? 0) + 1);
    console.log(`records by how many segments hold their changes: ${[...histogram].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${int(v)}`).join(', ')}`);
    const asPicked = (why: string, row: { tbl: string; row_id: Buffer | string }): Picked => ({ why, tbl: row.tbl as LedgerName, rowId: recordIdOf(row.row_id) });
    const mostSegments = sqlite
      .prepare(`SELECT t.text AS tbl, r.row_id FROM ${RECORD_SEGMENTS} AS r JOIN names AS t ON t.n = r.tbl AND t.kind = ${NAME_KIND.table} GROUP BY r.tbl, r.row_id ORDER BY count(*) DESC, r.row_id LIMIT 1`)
      .get() as { tbl: string; row_id: Buffer };
    const mostDecoded = sqlite
      .prepare(
        `SELECT t.text AS tbl, r.row_id FROM ${RECORD_SEGMENTS} AS r JOIN names AS t ON t.n = r.tbl AND t.kind = ${NAME_KIND.table}
           JOIN names AS n ON n.n = r.segment JOIN segments AS s ON s.hash = n.text
          GROUP BY r.tbl, r.row_id ORDER BY sum(s.count) DESC, r.row_id LIMIT 1`,
      )
      .get() as { tbl: string; row_id: Buffer };
    // The busiest record: counted over the stored segments (received changes are no rows of `changes`).
    const perRecord = new Map<string, number>();
    for (const { origin, body } of sqlite.prepare('SELECT origin, body FROM segments').iterate() as Iterable<{ origin: string; body: Buffer }>) {
      for (const c of decodeChanges(origin, body)) perRecord.set(`${c.tbl}\u0000${c.row_id}`, (perRecord.get(`${c.tbl}\u0000${c.row_id}`) ?? 0) + 1);
    }
    const [busiestKey] = [...perRecord].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a));
    const [busiestTbl, busiestRow] = busiestKey.split('\u0000') as [string, string];
    const busiest = { tbl: busiestTbl, row_id: busiestRow };
    const aVillage = sqlite.prepare('SELECT id FROM villages ORDER BY id LIMIT 1').pluck().get() as string;
    const picks = [
      asPicked('The record in most segments', mostSegments),
      asPicked('The record whose segments hold most changes', mostDecoded),
      asPicked('The busiest record (most changes)', busiest),
      { why: 'A village record', tbl: 'villages' as LedgerName, rowId: aVillage },
    ];
    for (const pick of picks) timeRecord(db, pick, runs);
    segmentCosts(db);
    // villagesMovedAway with every village a candidate (a township none of them is in): each
    // village's township history read, the most that screen's line can cost.
    const moved: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) moved.push(timed(() => villagesMovedAway(sqlite, ['不存在镇'])));
    console.log(`\nvillagesMovedAway, every village read (${int(sqlite.prepare('SELECT count(*) FROM villages').pluck().get() as number)} villages):`);
    console.log(summary('cold (a cache for the call)', moved));
  } finally {
    db.close();
  }
}

/** A device that writes `perWeek` changes a week and edits its village record once, sealing each week. */
async function benchWeeks(weeks: number, perWeek: number, runs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-history-'));
  try {
    console.log(`村记 bench:history — made-up worst case: a village record edited every week for ${weeks} weeks, each week's ${int(perWeek)} changes sealed as one segment; ${runs} runs; load ${load()}`);
    const db = await openDatabase(join(dir, 'weeks.sqlite'));
    const deviceId = newDeviceId();
    const keys = newKeys(deviceId);
    // A millisecond a write, a week between weeks: each week's changes are its own segment.
    let now = Date.UTC(2025, 0, 6);
    const tick = () => now++;
    const store = createStore({ db, clock: createHlcClock(tick), newId: createUuidV7Source(tick), deviceId });
    const villageId = store.create('villages', null, { name: '李家村', township: '青石镇', county: '沂南县' });
    const g0 = performance.now();
    const unsealed = db.sqlite.prepare('SELECT count(*) FROM changes WHERE segment IS NULL').pluck();
    const diary = (w: number) => store.create('diary_entries', villageId, { entry_date: '2025-01-06', presence: 'in_village', content: `第${w}周`, duty_tags: '[]' });
    for (let w = 0; w < weeks; w++) {
      store.transaction(() => {
        store.update('villages', villageId, { name: `李家村${w}` });
        // Diary entries fill the week (the first one tells how many changes one writes).
        const before = unsealed.get() as number;
        diary(w);
        const each = (unsealed.get() as number) - before;
        for (let written = before + each; written + each <= perWeek; written += each) diary(w);
      });
      sealSegment(db.sqlite, keys, { maxChanges: perWeek + 10 });
      now += 7 * 86_400_000;
    }
    const segments = db.sqlite.prepare('SELECT count(*) AS n, sum(count) AS changes FROM segments').get() as { n: number; changes: number };
    console.log(`made ${segments.n} segments, ${int(segments.changes)} changes in ${((performance.now() - g0) / 1000).toFixed(0)} s`);
    timeRecord(db, { why: 'The village record', tbl: 'villages', rowId: villageId }, runs);
    segmentCosts(db);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = arg('runs', 5);
  const at = process.argv.indexOf('--db');
  if (at >= 0) await benchDatabase(process.argv[at + 1]!, runs);
  else if (process.argv.includes('--weeks')) await benchWeeks(arg('weeks', 104), arg('per-week', 500), runs);
  else throw new Error('Give --db <coordinator.sqlite> (from npm run bench:sync -- --keep) or --weeks N --per-week N');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
