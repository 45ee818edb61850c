// Releasing the quarantine after every import batch costs what changed, not what is held: the
// held changes of devices whose trust did not change are not read again, new ones and those of
// a device trusted anew are. And whatever happens between releases — files arriving, trust
// given and taken, villages moving township, clocks running ahead, catching up or going back —
// a release on the same connection ends exactly where one judging everything afresh ends.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeIdOf, formatHlc } from '../../../db/sync/hlc';
import { releaseQuarantine, type ReleaseResult } from '../../../db/sync/quarantine';
import { TOWNSHIP_SCOPE_PREFIX } from '../../../db/sync/trust';
import { countReads } from '../../helpers/countedReads';
import { START_TIME } from '../../helpers/device';
import { assemble, sealChanges } from './bundleHelpers';
import { useTempDirs } from '../../helpers/tempDir';
import { deviceIdOf, openPeer, replicaState, villageWithHouseholds, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const opened: Peer[] = [];
afterEach(() => {
  for (const peer of opened.splice(0)) peer.device.close();
});

const TOWNSHIP = '青石镇';
const OTHER_TOWNSHIP = '白沙镇';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let run = 0;

async function peer(role: number): Promise<Peer> {
  const made = await openPeer(tempDir(), deviceIdOf(run, role));
  opened.push(made);
  return made;
}

/** Releases on `sqlite` as the sync service does after an import batch. */
const releaseOn = (who: Peer, sqlite = who.sqlite): ReleaseResult => releaseQuarantine(sqlite, who.device.clock, { selfId: who.id, now: who.now });

const heldRows = (who: Peer) => who.sqlite.prepare('SELECT id, reason, change_id FROM quarantine ORDER BY id').all();

describe('releasing the quarantine re-reads only what changed', () => {
  it('does not read 20 000 held changes again when their device\'s trust has not changed; reads new ones and a widened device\'s', async () => {
    run++;
    const [coordinator, crowded, small] = await Promise.all([peer(1), peer(2), peer(3)]);
    const folder = tempDir();
    // Trusted, but for no village: everything either sends is set aside as out of scope.
    coordinator.trust(crowded, []);
    coordinator.trust(small, []);
    villageWithHouseholds(crowded, 2_223);
    const held = coordinator.importFile(crowded.exportTo(folder)!).setAside.OUT_OF_SCOPE!;
    expect(held).toBeGreaterThanOrEqual(20_000);

    const reads = countReads(coordinator.sqlite, 'quarantine');
    // The first release on a connection judges everything.
    expect(releaseOn(coordinator, reads.sqlite)).toEqual({ released: 0, held });
    expect(reads.rows()).toBeGreaterThanOrEqual(held);

    // Nothing changed: one row read (the greatest id), and no statement walks the quarantine.
    reads.reset();
    expect(releaseOn(coordinator, reads.sqlite)).toEqual({ released: 0, held });
    expect(reads.rows()).toBeLessThanOrEqual(1);
    expect(reads.plans().filter((line) => /SCAN quarantine/.test(line))).toEqual([]);

    // A file of another device, set aside too: only its changes are read.
    const village = villageWithHouseholds(small, 1);
    const smallHeld = coordinator.importFile(small.exportTo(folder)!).setAside.OUT_OF_SCOPE!;
    reads.reset();
    expect(releaseOn(coordinator, reads.sqlite)).toEqual({ released: 0, held: held + smallHeld });
    expect(reads.rows()).toBeLessThanOrEqual(smallHeld + 1);

    // That device trusted for its village: its changes are read again and pass, no others.
    coordinator.trust(small, [village]);
    reads.reset();
    expect(releaseOn(coordinator, reads.sqlite)).toEqual({ released: smallHeld, held });
    expect(reads.rows()).toBeLessThanOrEqual(smallHeld + 1);
    expect(coordinator.sqlite.prepare('SELECT count(*) FROM households WHERE village_id = ?').pluck().get(village)).toBe(1);
  }, 60_000);

  it('a held change whose row the ledger gives to another village is set aside for that once its device is trusted, and counted held no more', async () => {
    run++;
    const [coordinator, secretary, other] = await Promise.all([peer(1), peer(2), peer(3)]);
    coordinator.trust(secretary, []);
    const village = secretary.device.store.create('villages', null, { name: '李家村', township: TOWNSHIP });
    const household = secretary.device.store.create('households', village, { head_name: '张三', category: 'ordinary' });
    const held = coordinator.importFile(secretary.exportTo(tempDir())!).setAside.OUT_OF_SCOPE!;
    // Another device, trusted for its own village, writes a row of the same id into that village.
    const otherVillage = '01a21c04-b400-7000-8000-0000000000aa';
    coordinator.trust(other, [otherVillage]);
    const hlc = formatHlc({ wall: START_TIME + 1000, counter: 0 });
    const claim = { id: changeIdOf(hlc, other.id), tbl: 'households' as const, row_id: household, village_id: otherVillage, col: 'head_name', value: '"李四"', hlc, origin: other.id, seen: [] };
    const file = join(tempDir(), 'other.cunji');
    writeFileSync(file, assemble(other.keys, [sealChanges(other.keys, 1, null, [claim])]));
    expect(coordinator.importFile(file)).toMatchObject({ refusal: null, changesNew: 1 });
    expect(releaseOn(coordinator)).toEqual({ released: 0, held });

    coordinator.trust(secretary, [village]);
    const householdChanges = coordinator.sqlite.prepare("SELECT count(*) FROM quarantine WHERE detail LIKE '%' || ? || '%'").pluck().get(household) as number;
    // The village's own changes pass; the household's are VILLAGE_MISMATCH now, held in this count as before.
    expect(releaseOn(coordinator)).toEqual({ released: held - householdChanges, held: householdChanges });
    expect(coordinator.sqlite.prepare('SELECT DISTINCT reason FROM quarantine').pluck().all()).toEqual(['VILLAGE_MISMATCH']);
    // Never re-judged again: nothing is held for scope or clock, as judging afresh finds too.
    expect(releaseOn(coordinator)).toEqual({ released: 0, held: 0 });
    expect(releaseOn(coordinator, countReads(coordinator.sqlite, 'quarantine').sqlite)).toEqual({ released: 0, held: 0 });
  });
});

type Op =
  | { kind: 'households'; writer: number; count: number }
  | { kind: 'village'; writer: number; township: string }
  | { kind: 'move'; writer: number; pick: number; township: string }
  | { kind: 'ahead'; writer: number; ms: number }
  | { kind: 'clock'; ms: number }
  | { kind: 'send'; writer: number }
  | { kind: 'trust'; writer: number; scope: 'none' | 'home' | 'township' | 'other township' }
  | { kind: 'release' };

const WRITERS = 2;
const writer = fc.integer({ min: 0, max: WRITERS - 1 });
const township = fc.constantFrom(TOWNSHIP, OTHER_TOWNSHIP);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('households' as const), writer, count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('village' as const), writer, township }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), writer, pick: fc.nat(), township }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ahead' as const), writer, ms: fc.integer({ min: 0, max: 3 * DAY }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), ms: fc.integer({ min: -2 * HOUR, max: 2 * DAY }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), writer }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('trust' as const), writer, scope: fc.constantFrom('none' as const, 'home' as const, 'township' as const, 'other township' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const) }) },
);

/** Stories the random ones may take long to find, each the one way a held verdict can change. */
const STORIES: Op[][] = [
  // A village joins the township its device is trusted for: what waited for it passes.
  [
    { kind: 'trust', writer: 0, scope: 'township' },
    { kind: 'village', writer: 0, township: OTHER_TOWNSHIP },
    { kind: 'households', writer: 0, count: 2 },
    { kind: 'send', writer: 0 },
    { kind: 'move', writer: 0, pick: 1, township: TOWNSHIP },
    { kind: 'send', writer: 0 },
  ],
  // The clock catches up with changes written two days ahead, then goes back an hour.
  [
    { kind: 'ahead', writer: 1, ms: 2 * DAY },
    { kind: 'households', writer: 1, count: 1 },
    { kind: 'trust', writer: 1, scope: 'home' },
    { kind: 'send', writer: 1 },
    { kind: 'clock', ms: DAY / 2 },
    { kind: 'release' },
    { kind: 'clock', ms: DAY },
    { kind: 'release' },
    { kind: 'clock', ms: -HOUR },
    { kind: 'households', writer: 1, count: 1 },
    { kind: 'send', writer: 1 },
  ],
  // Trust widened, then narrowed again: what passed stays merged, what comes after waits.
  [
    { kind: 'households', writer: 0, count: 2 },
    { kind: 'send', writer: 0 },
    { kind: 'trust', writer: 0, scope: 'home' },
    { kind: 'release' },
    { kind: 'trust', writer: 0, scope: 'other township' },
    { kind: 'households', writer: 0, count: 1 },
    { kind: 'send', writer: 0 },
    { kind: 'trust', writer: 0, scope: 'township' },
  ],
];

describe('a release that re-reads only what changed', () => {
  it('ends exactly where judging every held change afresh ends, after any story', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 30 }), async (script) => {
        run++;
        const folder = tempDir();
        const [remembering, afresh, ...writers] = await Promise.all([1, 2, 3, 4].map((role) => peer(role)));
        const villages = writers.map((w, i) => [w.device.store.create('villages', null, { name: `村${i}`, township: TOWNSHIP })]);
        const receivers = [remembering!, afresh!];
        // Known to both, trusted for no village yet: their files are read, their changes held.
        for (const r of receivers) for (const w of writers) r.trust(w, []);

        function release(): void {
          const kept = releaseOn(remembering!);
          // A new window is a connection never met: everything is judged afresh.
          const fresh = releaseOn(afresh!, countReads(afresh!.sqlite, 'quarantine').sqlite);
          expect(kept).toEqual(fresh);
          expect(heldRows(remembering!)).toEqual(heldRows(afresh!));
          expect(replicaState(remembering!.sqlite)).toBe(replicaState(afresh!.sqlite));
        }

        for (const o of script) {
          if (o.kind === 'release') release();
          else if (o.kind === 'clock') for (const r of receivers) r.advance(o.ms);
          else if (o.kind === 'trust') {
            const w = writers[o.writer]!;
            const scope = { none: [], home: [villages[o.writer]![0]!], township: [`${TOWNSHIP_SCOPE_PREFIX}${TOWNSHIP}`], 'other township': [`${TOWNSHIP_SCOPE_PREFIX}${OTHER_TOWNSHIP}`] }[o.scope];
            for (const r of receivers) r.trust(w, scope);
          } else {
            const w = writers[o.writer]!;
            const own = villages[o.writer]!;
            if (o.kind === 'households') for (let i = 0; i < o.count; i++) w.device.store.create('households', own[i % own.length]!, { head_name: `户${i}`, category: 'ordinary' });
            else if (o.kind === 'village') own.push(w.device.store.create('villages', null, { name: `村${own.length}`, township: o.township }));
            else if (o.kind === 'move') w.device.store.update('villages', own[o.pick % own.length]!, { township: o.township });
            else if (o.kind === 'ahead') w.advance(o.ms);
            else {
              const file = w.exportTo(folder);
              if (!file) continue;
              for (const r of receivers) expect(r.importFile(file).refusal).toBeNull();
              release();
            }
          }
        }
        release();
        for (const p of [remembering!, afresh!, ...writers]) p.device.close();
        opened.splice(0);
      }),
      { numRuns: 20, examples: STORIES.map((story) => [story]) },
    );
  }, 120_000);
});
