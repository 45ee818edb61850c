// The change log (db/sync/changeLog.ts) on every device of a random township history through real
// bundle files: two village secretaries, a third one trusted for nothing at first, a coordinator,
// and copies of a secretary restored from a backup writing the same change ids as the original.
// Their changes are set aside for scope, for an untrusted device, for refused values and for a
// clock running ahead, released by widening trust or the clock catching up, lost to a fork's
// doubled id (kept, or replaced), and sealed. Since received changes are read from their stored
// segments only (step 4), what is checked after each import, release and seal is the log's
// accounting: every change of a stored segment is in the log as it is, or held in the quarantine,
// or lost its id to a fork's other change; the log gives each change once, from a row or a stored
// segment, the same whole, by record and by cell; no device loses its own writes; and two devices
// that took in the same segments with the same trust hold the same log.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChangeLog, createSegmentCache, type LoggedChange } from '../../../db/sync/changeLog';
import { changeContentHash } from '../../../db/sync/forks';
import { importBundle } from '../../../db/sync/importBundle';
import { releaseQuarantine } from '../../../db/sync/quarantine';
import { listVillageMoves, mergeVillageMove } from '../../../db/sync/villageMoves';
import { decodeChanges } from '../../../db/sync/segments/codec';
import { sealAll } from '../../../db/sync/segments/seal';
import { TOWNSHIP_SCOPE_PREFIX, trustDevice } from '../../../db/sync/trust';
import type { Sqlite } from '../../../db/open';
import type { Change } from '../../../db/sync/apply';
import { StoreError } from '../../../db/store';
import { useTempDirs } from '../../helpers/tempDir';
import { expectRecordReadsServeTheLog } from './recordReads';
import { deviceIdOf, openPeer, replicaState, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TOWNSHIP = '青石镇';
const COLUMNS = ['head_name', 'notes', 'category'] as const;
/** A good value, one of the wrong kind (BAD_VALUE: a number in a text column) or one the contract refuses (VALUE_INVALID). */
type Quality = 'good' | 'bad' | 'invalid';

type Op =
  | { kind: 'write'; dev: number; village: number; act: 'create' | 'edit' | 'delete'; pick: number; col: (typeof COLUMNS)[number]; value: number; quality: Quality }
  | { kind: 'send'; from: number; to: number; full: boolean }
  | { kind: 'again'; file: number; to: number }
  | { kind: 'round'; full: boolean }
  | { kind: 'seal'; dev: number }
  | { kind: 'widen'; dev: number; whom: number }
  | { kind: 'release'; dev: number }
  | { kind: 'fork'; dev: number; pick: number; copyPick: number; copyVillage: number }
  | { kind: 'time'; ms: number }
  | { kind: 'ahead'; dev: number };

const dev = fc.nat({ max: 7 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('write' as const), dev, village: fc.nat({ max: 2 }), act: fc.constantFrom('create' as const, 'edit' as const, 'edit' as const, 'delete' as const),
      pick: fc.nat(), col: fc.constantFrom(...COLUMNS), value: fc.nat({ max: 3 }), quality: fc.constantFrom<Quality>('good', 'good', 'good', 'bad', 'invalid'),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('send' as const), from: dev, to: dev, full: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), file: fc.nat(), to: dev }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('round' as const), full: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('seal' as const), dev }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('widen' as const), dev, whom: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), dev }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fork' as const), dev: fc.nat({ max: 1 }), pick: fc.nat(), copyPick: fc.nat(), copyVillage: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.oneof(fc.integer({ min: 0, max: 10 * MINUTE }), fc.constant(2 * DAY)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ahead' as const), dev }) },
);

interface LogLine {
  id: string;
  tbl: string;
  row_id: string;
  village_id: string;
  col: string;
  value: string;
  hlc: string;
  origin: string;
  seen: string;
}

type Seen = string | readonly string[];
/** A change as one line to compare, whatever it was read from (a row keeps `seen` as JSON text); its segment left out. */
const asLine = (c: Omit<LogLine, 'seen'> & { seen: Seen }): LogLine => ({
  id: c.id, tbl: c.tbl, row_id: c.row_id, village_id: c.village_id, col: c.col, value: c.value, hlc: c.hlc, origin: c.origin,
  seen: JSON.stringify(typeof c.seen === 'string' ? (JSON.parse(c.seen) as string[]) : c.seen),
});
const sameLine = (a: Omit<LogLine, 'seen'> & { seen: Seen }, b: Omit<LogLine, 'seen'> & { seen: Seen }) => JSON.stringify(asLine(a)) === JSON.stringify(asLine(b));
const ROWS = 'SELECT id, tbl, row_id, village_id, col, value, hlc, origin, seen FROM changes';

/** A change as the quarantine keeps it: a long refused value is cut short, its length kept. */
type HeldChange = Change & { valueLength?: number };
/** The quarantine holds this very change (a cut value: the same length and start). */
function holdsAsIs(held: HeldChange, change: Omit<LogLine, 'seen'> & { seen: Seen }): boolean {
  if (held.valueLength === undefined) return sameLine(held, change);
  return held.valueLength === change.value.length && change.value.startsWith(held.value.slice(0, -1)) && sameLine({ ...held, value: change.value }, change);
}

/** The quarantine's changes by id, with their reasons. */
function quarantined(sqlite: Sqlite): Map<string, { reason: string; change: HeldChange }[]> {
  const held = new Map<string, { reason: string; change: HeldChange }[]>();
  for (const { reason, change_id, detail } of sqlite.prepare('SELECT reason, change_id, detail FROM quarantine WHERE change_id IS NOT NULL').all() as { reason: string; change_id: string; detail: string }[]) {
    const { change } = JSON.parse(detail) as { change: HeldChange };
    expect(change.id, `the quarantine's change ${change_id}`).toBe(change_id);
    held.set(change_id, [...(held.get(change_id) ?? []), { reason, change }]);
  }
  return held;
}

/**
 * Nothing lost, nothing doubled. Every change of a stored segment is held by the log as it is,
 * or by the quarantine, or lost its id to a fork's other change the log holds (the quarantine
 * then holding one of the two); a segment leaves out exactly its changes the log does not hold
 * as they are. Every change the log gives is a row of `changes` or a change its stored segment
 * gives, each id once, in id order; by record and by cell (a sample) the log gives the same, and
 * its greatest id. Returns the log.
 */
function expectAccounted({ sqlite, id: selfId }: Pick<Peer, 'sqlite' | 'id'>, who: string): LoggedChange[] {
  const log = createChangeLog(sqlite, createSegmentCache(2));
  const probe = createChangeLog(sqlite, createSegmentCache(64));
  const all = log.all();
  for (const [i, change] of all.entries()) if (i > 0) expect(all[i - 1]!.id < change.id, `${who}: the log gives ${change.id} after ${all[i - 1]!.id}`).toBe(true);
  const logged = new Map(all.map((change) => [change.id, change]));
  const held = quarantined(sqlite);

  const excluded = sqlite.prepare('SELECT change_id FROM segment_exclusions WHERE segment = ?').pluck();
  const segments = new Map<string, { changes: Map<string, Change>; out: Set<string> }>();
  for (const { hash, origin, body } of sqlite.prepare('SELECT hash, origin, body FROM segments').all() as { hash: string; origin: string; body: Buffer }[]) {
    const out = new Set(excluded.all(hash) as string[]);
    const changes = new Map(decodeChanges(origin, body).map((change) => [change.id, change]));
    segments.set(hash, { changes, out });
    for (const id of out) expect(changes.has(id), `${who}: segment ${hash} leaves out ${id}, which it does not hold`).toBe(true);
    for (const change of changes.values()) {
      const inLog = logged.get(change.id);
      const holds = probe.holds(change);
      expect(holds, `${who}: holds(${change.id}) says what the whole log says`).toBe(inLog !== undefined && sameLine(inLog, change));
      expect(out.has(change.id), `${who}: segment ${hash} ${holds ? 'leaves out' : 'gives'} ${change.id}, which the log ${holds ? 'holds' : 'does not hold'} as it is`).toBe(!holds);
      if (holds) continue;
      const aside = held.get(change.id) ?? [];
      const inQuarantine = aside.some((h) => holdsAsIs(h.change, change));
      const lostToFork = inLog !== undefined && aside.some((h) => holdsAsIs(h.change, inLog));
      expect(inQuarantine || lostToFork, `${who}: ${change.id} of segment ${hash} is neither in the log as it is, nor in the quarantine, nor lost to a fork's change of its id`).toBe(true);
    }
  }
  // Nor is a change both in the log and set aside: but this device's own write (refused when a
  // copy's segment brings it back) and one waiting for scope or clock (the release finds it known).
  for (const [id, aside] of held) {
    const inLog = logged.get(id);
    for (const { reason, change } of aside) {
      if (!inLog || !holdsAsIs(change, inLog)) continue;
      expect(change.origin === selfId || reason === 'OUT_OF_SCOPE' || reason === 'FUTURE_CLOCK', `${who}: ${id} is in the log and set aside (${reason})`).toBe(true);
    }
  }

  const rows = new Map((sqlite.prepare(ROWS).all() as LogLine[]).map((row) => [row.id, row]));
  for (const change of all) {
    if (change.segment === null) {
      const row = rows.get(change.id);
      expect(row && asLine(row), `${who}: ${change.id} is given as the row of changes has it`).toEqual(asLine(change));
    } else {
      const segment = segments.get(change.segment);
      expect(segment, `${who}: ${change.id} is read from ${change.segment}, a stored segment`).toBeDefined();
      expect(segment!.out.has(change.id), `${who}: ${change.id} is read from ${change.segment}, which leaves it out`).toBe(false);
      const stored = segment!.changes.get(change.id);
      expect(stored && asLine(stored), `${who}: ${change.id} is given as ${change.segment} has it`).toEqual(asLine(change));
    }
  }

  const records = new Map<string, LoggedChange[]>();
  for (const change of all) {
    const key = JSON.stringify([change.tbl, change.row_id]);
    records.set(key, [...(records.get(key) ?? []), change]);
  }
  let cell = 0;
  for (const [key, changes] of records) {
    const [tbl, rowId] = JSON.parse(key) as [string, string];
    expect(log.ofRecord(tbl, rowId).map(asLine), `${who}: ${tbl} ${rowId}`).toEqual(changes.map(asLine));
    for (const col of new Set(changes.map((change) => change.col))) {
      if (cell++ % 3 !== 0) continue;
      expect(log.ofCell(tbl, rowId, col).map(asLine), `${who}: ${tbl} ${rowId} ${col}`).toEqual(changes.filter((change) => change.col === col).map(asLine));
    }
  }
  // Each change read for its record from a segment that gives it as it is, and reads with a segment left out.
  seen.sealedTwice += expectRecordReadsServeTheLog(sqlite, who);
  expect(log.greatestId(), `${who}: the greatest id`).toBe(all.length ? all[all.length - 1]!.id : null);
  return all;
}

/** A device and who it is: secretary 0, 1 or 2 (its copies share its number) or the coordinator (-1). */
interface Member {
  readonly peer: Peer;
  readonly role: number;
  /** Every change it wrote, as it wrote it (read from its rows of `changes` before they are sealed). */
  readonly written: Map<string, LogLine>;
}

/** A copy of the peer's database as it stands, in `folder` under its file name: a backup. */
function backupOf(peer: Peer, folder: string): string {
  mkdirSync(folder, { recursive: true });
  peer.sqlite.prepare('VACUUM INTO ?').run(join(folder, `${peer.id}.sqlite`));
  return folder;
}

/** The peer's backup opened again with its key, its clock at `at`: the device restored, writing a second history. */
async function restoredCopy(peer: Peer, folder: string, at: number): Promise<Peer> {
  return openPeer(backupOf(peer, folder), peer.id, at, peer.keys);
}

/** What the runs went through, summed: the test proves the paths it claims to. */
const seen = { runsWithExclusions: 0, released: 0, replaced: 0, duplicates: 0, refusedValues: 0, future: 0, ownWritesChecked: 0, replicasCompared: 0, sealedTwice: 0 };

function valueOf(col: (typeof COLUMNS)[number], value: number, quality: Quality): string | number {
  if (quality === 'bad') return 1000 + value; // a number in a text column
  if (col === 'category') return quality === 'invalid' ? 'not-a-category' : ['ordinary', 'lifted', 'monitored', 'dibao'][value]!;
  return quality === 'invalid' ? '长'.repeat(2001) : `${col}${value}`;
}

/**
 * Replicas agree: a device new to the township, trusting every device as the coordinator does,
 * takes in the coordinator's full export, and both release what now passes: their logs hold the
 * same changes, but for the coordinator's own values the new device refuses (BAD_VALUE,
 * VALUE_INVALID: a device keeps its own writes, others set them aside).
 */
async function expectReplicaAgrees(coordinator: Member, dir: string, freshId: string): Promise<void> {
  const { peer } = coordinator;
  const file = peer.exportTo(join(dir, 'full'), { full: true });
  const fresh = await openPeer(dir, freshId, peer.now());
  fresh.trust(peer, [`${TOWNSHIP_SCOPE_PREFIX}${TOWNSHIP}`], 'coordinator');
  const trusted = peer.sqlite.prepare('SELECT device_id, public_key, name, villages, role FROM trusted_devices').all() as
    { device_id: string; public_key: string; name: string; villages: string; role: string }[];
  for (const t of trusted) {
    trustDevice(fresh.sqlite, fresh.id, { deviceId: t.device_id, publicKey: t.public_key, name: t.name, role: t.role, villages: JSON.parse(t.villages) as string[] }, new Date(fresh.now()).toISOString());
  }
  if (file) expect(fresh.importFile(file).refusal).toBeNull();
  for (const p of [peer, fresh]) releaseQuarantine(p.sqlite, p.device.clock, { selfId: p.id, now: p.now });
  const theirs = expectAccounted(peer, 'the coordinator, compared');
  const mine = expectAccounted(fresh, 'its replica');
  const refused = new Map(fresh.sqlite.prepare('SELECT change_id, reason FROM quarantine WHERE origin = ?').raw().all(peer.id) as [string, string][]);
  for (const [id, reason] of refused) expect(['BAD_VALUE', 'VALUE_INVALID'], `the replica sets aside the coordinator's ${id}`).toContain(reason);
  expect(mine.map(asLine), 'the replica holds the coordinator\'s log').toEqual(theirs.filter((change) => !refused.has(change.id)).map(asLine));
  seen.replicasCompared += mine.length;
  fresh.device.close();
}

describe('the change log read from the stored segments', () => {
  it('accounts for every change on every device, keeps each device\'s own writes and agrees between replicas, whatever is set aside, released, replaced by a fork or sealed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 20 }), async (script) => {
        run++;
        const dir = tempDir();
        const secretaries = await Promise.all([1, 2, 3].map((role) => openPeer(join(dir, `s${role}`), deviceIdOf(0xc0de00 + run, role))));
        const coordinator = await openPeer(join(dir, 'c'), deviceIdOf(0xc0de00 + run, 0xc));
        const villages = secretaries.map((s, i) => {
          const village = s.device.store.create('villages', null, { name: `村${i}`, township: TOWNSHIP });
          s.device.store.create('households', village, { head_name: `户${i}`, category: 'ordinary' });
          return village;
        });
        // Each secretary reads the other two's villages but the third secretary is trusted for
        // nothing at first, by them and by the coordinator: its changes wait until trust is widened.
        const homeScope = (role: number) => (role === 2 ? [] : [villages[role]!]);
        for (const [i, s] of secretaries.entries()) {
          s.trust(coordinator, [`${TOWNSHIP_SCOPE_PREFIX}${TOWNSHIP}`], 'coordinator');
          for (const [j, other] of secretaries.entries()) if (i !== j) s.trust(other, homeScope(j));
          coordinator.trust(s, homeScope(i));
        }
        const members: Member[] = [...secretaries.map((peer, role) => ({ peer, role, written: new Map() })), { peer: coordinator, role: -1, written: new Map() }];
        const files: string[] = [];
        // A device's own writes are rows of `changes` until sealed: read before every seal and export.
        const collectWrites = (m: Member) => {
          for (const row of m.peer.sqlite.prepare(`${ROWS} WHERE origin = ?`).all(m.peer.id) as LogLine[]) m.written.set(row.id, asLine(row));
        };
        const check = (m: Member) => {
          collectWrites(m);
          const who = `${m.role}:${m.peer.sqlite.name}`;
          const logged = new Map(expectAccounted(m.peer, who).map((change) => [change.id, change]));
          const held = quarantined(m.peer.sqlite);
          for (const line of m.written.values()) {
            seen.ownWritesChecked++;
            const inLog = logged.get(line.id);
            if (inLog && sameLine(inLog, line)) continue;
            // Only a fork's other change of its id, both sealed, takes it out: by the rule every replica applies, the write waits as DUPLICATE_ID.
            const lostToFork = inLog !== undefined && (held.get(line.id) ?? []).some((h) => h.reason === 'DUPLICATE_ID' && holdsAsIs(h.change, line));
            expect(lostToFork, `${who}: its own write ${line.id} is in its log`).toBe(true);
          }
        };
        const storedSegments = (sqlite: Sqlite) => new Set(sqlite.prepare('SELECT hash FROM segments').pluck().all() as string[]);
        const importInto = (m: Member, file: string) => {
          const before = storedSegments(m.peer.sqlite);
          const receipt = m.peer.importFile(file);
          expect(receipt.refusal, receipt.refusal?.message).toBeNull();
          seen.refusedValues += (receipt.setAside.BAD_VALUE ?? 0) + (receipt.setAside.VALUE_INVALID ?? 0);
          seen.duplicates += receipt.setAside.DUPLICATE_ID ?? 0;
          seen.future += receipt.setAside.FUTURE_CLOCK ?? 0;
          // A doubled id whose loser came in a segment stored before this file: the log row was replaced.
          for (const detail of m.peer.sqlite.prepare("SELECT detail FROM quarantine WHERE reason = 'DUPLICATE_ID' AND file_hash = ?").pluck().all(receipt.fileHash) as string[]) {
            const { segment } = JSON.parse(detail) as { segment: string | null };
            if (segment !== null && before.has(segment)) seen.replaced++;
          }
          check(m);
        };
        const send = (from: Member, to: Member, full: boolean) => {
          if (from.peer === to.peer) return;
          collectWrites(from);
          const file = from.peer.exportTo(join(dir, 'files', `${members.indexOf(from)}-to-${members.indexOf(to)}`), full ? { full: true } : {});
          if (!file) return;
          files.push(file);
          importInto(to, file);
        };
        const release = (m: Member) => {
          seen.released += releaseQuarantine(m.peer.sqlite, m.peer.device.clock, { selfId: m.peer.id, now: m.peer.now }).released;
          check(m);
        };
        const villagesOf = (m: Member) => new Set(m.peer.sqlite.prepare('SELECT id FROM villages').pluck().all() as string[]);
        const liveHouseholds = (m: Member, village: string) =>
          m.peer.sqlite.prepare('SELECT id FROM households WHERE village_id = ? AND deleted_at IS NULL ORDER BY id').pluck().all(village) as string[];
        let copies = 0;

        for (const o of script) {
          if (o.kind === 'time') {
            for (const m of members) m.peer.advance(o.ms);
          } else if (o.kind === 'ahead') {
            // One device's clock runs two days ahead: what it writes now waits elsewhere (FUTURE_CLOCK)
            // until their clocks catch up and a release lets it in.
            members[o.dev % members.length]!.peer.advance(2 * DAY);
          } else if (o.kind === 'write') {
            const m = members[o.dev % members.length]!;
            const village = villages[o.village]!;
            if (!villagesOf(m).has(village)) continue;
            m.peer.advance(1_000);
            const live = liveHouseholds(m, village);
            try {
              if (o.act === 'create' || live.length === 0) m.peer.device.store.create('households', village, { head_name: `新${o.value}`, category: 'ordinary' });
              else if (o.act === 'edit') m.peer.device.store.update('households', live[o.pick % live.length]!, { [o.col]: valueOf(o.col, o.value, o.quality) });
              else m.peer.device.store.remove('households', live[o.pick % live.length]!);
            } catch (error) {
              expect(error).toBeInstanceOf(StoreError);
            }
          } else if (o.kind === 'send') {
            send(members[o.from % members.length]!, members[o.to % members.length]!, o.full);
          } else if (o.kind === 'round') {
            // Every device sends up to the coordinator, and it sends down to every device.
            for (const m of members) send(m, members[3]!, o.full);
            for (const m of members) send(members[3]!, m, o.full);
          } else if (o.kind === 'again') {
            if (!files.length) continue;
            importInto(members[o.to % members.length]!, files[o.file % files.length]!);
          } else if (o.kind === 'seal') {
            const m = members[o.dev % members.length]!;
            collectWrites(m);
            sealAll(m.peer.sqlite, m.peer.keys);
            check(m);
          } else if (o.kind === 'widen') {
            // Trust widened to every village: what waited for scope or trust passes.
            const m = members[o.dev % members.length]!;
            const whom = secretaries[o.whom]!;
            if (m.role === o.whom) continue;
            m.peer.trust(whom, villages);
            release(m);
          } else if (o.kind === 'release') {
            release(members[o.dev % members.length]!);
          } else if (o.kind === 'fork') {
            // A secretary's backup opened again: the original and the copy each write one change
            // at the same moment, so both histories hold one id with two contents.
            if (copies >= 2) continue;
            const original = members.find((m) => m.role === o.dev)!;
            const at = Math.max(...members.map((m) => m.peer.now())) + MINUTE;
            const copy: Member = { peer: await restoredCopy(original.peer, join(dir, `copy-${++copies}`), at), role: o.dev, written: new Map() };
            original.peer.advance(at - original.peer.now());
            const mine = liveHouseholds(original, villages[o.dev]!);
            if (mine.length) original.peer.device.store.update('households', mine[o.pick % mine.length]!, { notes: `原机${copies}` });
            const copyVillage = villages[o.copyVillage]!;
            const theirs = villagesOf(copy).has(copyVillage) ? liveHouseholds(copy, copyVillage) : [];
            if (theirs.length) copy.peer.device.store.update('households', theirs[o.copyPick % theirs.length]!, { head_name: `副本${copies}` });
            members.push(copy);
          }
        }
        for (const m of members) check(m);
        if (members.some((m) => (m.peer.sqlite.prepare('SELECT count(*) FROM segment_exclusions').pluck().get() as number) > 0)) seen.runsWithExclusions++;
        await expectReplicaAgrees(members[3]!, join(dir, 'fresh'), deviceIdOf(0xc0de00 + run, 0xf));
        for (const m of members) m.peer.device.close();
      }),
      {
        numRuns: 10,
        examples: [
          // Values refused on arrival: a number in a text column, a category the contract does not have.
          [[
            { kind: 'write', dev: 0, village: 0, act: 'edit', pick: 0, col: 'head_name', value: 1, quality: 'bad' },
            { kind: 'write', dev: 0, village: 0, act: 'edit', pick: 0, col: 'category', value: 1, quality: 'invalid' },
            { kind: 'send', from: 0, to: 3, full: false },
          ]],
          // Both copies write one id in their own village; two receivers take them in opposite
          // orders, so one keeps the first it got and the other replaces it.
          [[
            { kind: 'fork', dev: 0, pick: 0, copyPick: 0, copyVillage: 0 },
            { kind: 'send', from: 0, to: 3, full: false },
            { kind: 'send', from: 4, to: 3, full: false },
            { kind: 'send', from: 4, to: 1, full: false },
            { kind: 'send', from: 0, to: 1, full: false },
            { kind: 'seal', dev: 4 },
          ]],
          // A secretary's clock runs ahead: the coordinator holds what she writes until its own clock catches up.
          [[
            { kind: 'ahead', dev: 1 },
            { kind: 'write', dev: 1, village: 1, act: 'edit', pick: 0, col: 'notes', value: 2, quality: 'good' },
            { kind: 'send', from: 1, to: 3, full: false },
            { kind: 'time', ms: 2 * DAY },
            { kind: 'release', dev: 3 },
          ]],
          // The third secretary's changes wait at the coordinator until it is trusted.
          [[{ kind: 'round', full: false }, { kind: 'widen', dev: 3, whom: 2 }, { kind: 'seal', dev: 3 }]],
          // A copy's write, out of the coordinator's scope for it, takes the id of the original's
          // write; trust widened releases it, but the log keeps the original's change.
          [[
            { kind: 'round', full: false },
            { kind: 'fork', dev: 0, pick: 0, copyPick: 0, copyVillage: 1 },
            { kind: 'send', from: 0, to: 3, full: false },
            { kind: 'send', from: 4, to: 3, full: false },
            { kind: 'widen', dev: 3, whom: 0 },
          ]],
        ],
      },
    );
    // The scenarios went where the exclusions are made and unmade.
    expect(seen.runsWithExclusions).toBeGreaterThan(0);
    expect(seen.released).toBeGreaterThan(0);
    expect(seen.refusedValues).toBeGreaterThan(0);
    expect(seen.duplicates).toBeGreaterThan(0);
    expect(seen.replaced).toBeGreaterThan(0);
    expect(seen.future).toBeGreaterThan(0);
    expect(seen.ownWritesChecked).toBeGreaterThan(0);
    expect(seen.replicasCompared).toBeGreaterThan(0);
    expect(seen.sealedTwice).toBeGreaterThan(0);
  }, 120_000);

  it('a village move held for a person here joins the log, and leaves its segment\'s exclusions, once confirmed', async () => {
    const dir = tempDir();
    const [s1, c] = (await Promise.all(['00000000000000a1', '00000000000000c1'].map((id) => openPeer(join(dir, id), id)))) as [Peer, Peer];
    const village = s1.device.store.create('villages', null, { name: '一村', township: TOWNSHIP });
    const household = s1.device.store.create('households', village, { head_name: '甲', category: 'ordinary' });
    c.trust(s1, [village]);
    c.importFile(s1.exportTo(join(dir, 'up'))!);
    s1.device.store.update('villages', village, { township: '白河镇' });
    s1.device.store.update('households', household, { notes: '搬走之后' });
    // The coordinator keeps its township whole: a move out of it waits for a person there.
    const receipt = importBundle(c.sqlite, c.device.clock, s1.exportTo(join(dir, 'up'))!, { selfId: c.id, selfPublicKey: c.keys.publicKeyPem, now: c.now, keys: c.keys, townships: [TOWNSHIP] });
    expect(receipt.setAside).toEqual({ VILLAGE_MOVE: 1 });
    expect(c.sqlite.prepare('SELECT count(*) FROM segment_exclusions').pluck().get()).toBe(1);
    expectAccounted(c, 'the move held');
    const [move] = listVillageMoves(c.sqlite);
    c.sqlite.transaction(() => mergeVillageMove(c.sqlite, c.device.clock, move!.id, c.id, new Date(c.now()).toISOString()))();
    expect(c.sqlite.prepare('SELECT count(*) FROM segment_exclusions').pluck().get()).toBe(0);
    const log = expectAccounted(c, 'the move confirmed');
    expect(log.filter((change) => change.col === 'township').map((change) => change.value)).toEqual([JSON.stringify(TOWNSHIP), '"白河镇"']);
    for (const peer of [s1, c]) peer.device.close();
  });

  it('a device\'s own refused value, sealed again by a copy of it and set aside on coming back, is not left out of that segment', async () => {
    const dir = tempDir();
    const s1 = await openPeer(join(dir, 's1'), '00000000000000a1');
    const village = s1.device.store.create('villages', null, { name: '一村', township: TOWNSHIP });
    const household = s1.device.store.create('households', village, { head_name: '甲', category: 'ordinary' });
    s1.device.store.update('households', household, { head_name: 7 as unknown as string });
    const copy = await restoredCopy(s1, join(dir, 'copy'), s1.now() + MINUTE);
    copy.device.store.update('households', household, { notes: '副本' });
    expect(s1.importFile(copy.exportTo(join(dir, 'back'))!).setAside).toEqual({ BAD_VALUE: 1 });
    expect(s1.sqlite.prepare('SELECT count(*) FROM segment_exclusions').pluck().get()).toBe(0);
    expectAccounted(s1, 'the copy\'s file imported');
    for (const peer of [s1, copy]) peer.device.close();
  });

  it('a released change whose id a fork\'s other copy holds meets the fork rule, as on a replica that trusted it from the start', async () => {
    const dir = tempDir();
    const [s1, s2, c] = (await Promise.all(['00000000000000a1', '00000000000000a2', '00000000000000c1'].map((id) => openPeer(join(dir, id), id)))) as [Peer, Peer, Peer];
    const v1 = s1.device.store.create('villages', null, { name: '一村', township: TOWNSHIP });
    const h1 = s1.device.store.create('households', v1, { head_name: '甲', category: 'ordinary' });
    const v2 = s2.device.store.create('villages', null, { name: '二村', township: TOWNSHIP });
    const h2 = s2.device.store.create('households', v2, { head_name: '乙', category: 'ordinary' });
    s1.trust(s2, [v2]);
    c.trust(s1, [v1]);
    c.trust(s2, [v2]);
    s1.importFile(s2.exportTo(join(dir, 'to-s1'))!);
    const fromS2 = s2.exportTo(join(dir, 'to-c'))!;
    c.importFile(fromS2);
    // S1's copy writes in S2's village at the moment S1 writes in its own: one id, two changes.
    const at = s1.now() + MINUTE;
    const copy = await restoredCopy(s1, join(dir, 'copy'), at);
    s1.advance(at - s1.now());
    s1.device.store.update('households', h1, { notes: '原机' });
    copy.device.store.update('households', h2, { head_name: '副本' });
    const fromS1 = s1.exportTo(join(dir, 'up'))!;
    const fromCopy = copy.exportTo(join(dir, 'up-copy'))!;
    expect(c.importFile(fromS1).setAside).toEqual({});
    expect(c.importFile(fromCopy).setAside).toEqual({ OUT_OF_SCOPE: 1 });
    const note = expectAccounted(c, 'before the release').find((change) => change.col === 'notes')!;
    const named = createChangeLog(copy.sqlite).byId(note.id)!;
    expect(named).toMatchObject({ tbl: 'households', row_id: h2, col: 'head_name', value: '"副本"' });
    c.trust(s1, [v1, v2]);
    expect(releaseQuarantine(c.sqlite, c.device.clock, { selfId: c.id, now: c.now }).released).toBe(1);
    const log = expectAccounted(c, 'after the release');
    // The fork rule, as at import: the change with the smaller content hash keeps the id, the other is held as DUPLICATE_ID.
    const [kept, lost] = changeContentHash(note) < changeContentHash(named) ? [note, named] : [named, note];
    const withoutSegment = ({ segment: _segment, ...change }: LoggedChange) => change;
    expect(log.filter((change) => change.id === note.id).map(withoutSegment)).toEqual([withoutSegment(kept)]);
    const held = (peer: Peer) => (peer.sqlite.prepare("SELECT detail FROM quarantine WHERE reason = 'DUPLICATE_ID'").pluck().all() as string[]).map((d) => (JSON.parse(d) as { change: Change }).change.value);
    expect(held(c)).toEqual([lost.value]);
    // A replica that trusted S1 for both villages from the start, the same files: the same ledgers, heads and held change.
    const d = await openPeer(join(dir, 'd1'), '00000000000000d1');
    d.trust(s1, [v1, v2]);
    d.trust(s2, [v2]);
    for (const file of [fromS2, fromS1, fromCopy]) d.importFile(file);
    expect(replicaState(d.sqlite)).toBe(replicaState(c.sqlite));
    expect(held(d)).toEqual([lost.value]);
    for (const peer of [s1, s2, c, copy, d]) peer.device.close();
  });

  it('a change a copy sealed a second time leaves both its segments when another copy\'s change takes its id', async () => {
    const dir = tempDir();
    const [s1, c] = (await Promise.all(['00000000000000a1', '00000000000000c1'].map((id) => openPeer(join(dir, id), id)))) as [Peer, Peer];
    const v1 = s1.device.store.create('villages', null, { name: '一村', township: TOWNSHIP });
    const h1 = s1.device.store.create('households', v1, { head_name: '甲', category: 'ordinary' });
    c.trust(s1, [v1]);
    c.importFile(s1.exportTo(join(dir, 'up'))!);
    const early = backupOf(s1, join(dir, 'early'));
    const T = s1.now() + MINUTE;
    s1.advance(T - s1.now());
    s1.device.store.update('households', h1, { notes: '原机' });
    // Copied while that note was not sealed: the copy seals it again, in a segment of its own.
    const unsealed = await restoredCopy(s1, join(dir, 'copy-1'), T + MINUTE);
    c.importFile(s1.exportTo(join(dir, 'up'))!);
    unsealed.device.store.update('households', h1, { head_name: '副本一' });
    c.importFile(unsealed.exportTo(join(dir, 'up-1'))!);
    const { segment: _segment, ...note } = expectAccounted(c, 'the note sealed twice').find((change) => change.col === 'notes')!;
    const sealedTwice = (c.sqlite.prepare('SELECT hash, origin, body FROM segments').all() as { hash: string; origin: string; body: Buffer }[])
      .filter(({ origin, body }) => decodeChanges(origin, body).some((change) => sameLine(change, note)))
      .map(({ hash }) => hash)
      .sort();
    expect(sealedTwice).toHaveLength(2);
    // A copy from before the note writes another at the same moment, one whose content hash wins the id.
    const lost = changeContentHash(note);
    const winning = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'].find((v) => changeContentHash({ ...note, value: JSON.stringify(v) }) < lost)!;
    const earlier = await openPeer(early, s1.id, T, s1.keys);
    earlier.device.store.update('households', h1, { notes: winning });
    expect(c.importFile(earlier.exportTo(join(dir, 'up-0'))!).setAside).toEqual({ DUPLICATE_ID: 1 });
    const earlierSegment = earlier.sqlite.prepare('SELECT hash FROM segments WHERE origin = ? ORDER BY seq DESC LIMIT 1').pluck().get(s1.id) as string;
    const log = expectAccounted(c, 'after the swap');
    // The log holds the winner, read from the earlier copy's segment; both segments holding the note leave it out; the note waits as DUPLICATE_ID.
    expect(log.filter((change) => change.col === 'notes').map((change) => change.value)).toEqual([JSON.stringify(winning)]);
    expect(log.find((change) => change.id === note.id)).toMatchObject({ value: JSON.stringify(winning), segment: earlierSegment });
    expect(createChangeLog(c.sqlite).holds(note)).toBe(false);
    expect((c.sqlite.prepare('SELECT segment FROM segment_exclusions WHERE change_id = ?').pluck().all(note.id) as string[]).sort()).toEqual(sealedTwice);
    const [held] = quarantined(c.sqlite).get(note.id)!;
    expect(held!.reason).toBe('DUPLICATE_ID');
    expect(sameLine(held!.change, note)).toBe(true);
    for (const peer of [s1, c, unsealed, earlier]) peer.device.close();
  });
});
