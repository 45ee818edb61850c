// The merge laws through real files (docs/architecture.md, Sync): devices with real SQLite files write, export with
// exportBundle and import with importBundle. Any order of importing a set of files, each twice,
// gives byte-identical ledgers and heads; relaying through a township (and a district) equals
// importing every village file directly; a delete that had not seen an edit is a conflict a
// person can open; changes out of their device's scope never change a ledger; values survive
// the file exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../db/store';
import { dumpLedgers } from '../../../db/sync/dump';
import { listConflicts, resolveCell } from '../../../db/sync/conflicts';
import { TOWNSHIP_SCOPE_PREFIX } from '../../../db/sync/trust';
import { households } from '../../../shared/domain/ledgers/households';
import { funds } from '../../../shared/domain/ledgers/money';
import { START_TIME } from '../../helpers/device';
import { countLogged, loggedChanges } from '../../helpers/loggedChanges';
import { useTempDirs } from '../../helpers/tempDir';
import { deviceIdOf, openPeer, replicaState, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const TOWNSHIP = '青石镇';
const HOUR = 3_600_000;
const COLUMNS = ['head_name', 'phone', 'notes'] as const;
type Column = (typeof COLUMNS)[number];

type Op =
  | { kind: 'create'; dev: number; name: string }
  | { kind: 'edit'; dev: number; pick: number; col: Column; value: string | null }
  | { kind: 'delete'; dev: number; pick: number }
  | { kind: 'send'; from: number; to: number }
  | { kind: 'time'; dev: number; ms: number };

// Few distinct values: two devices often write the same one (identical-value writes). Each is
// one the column's contract accepts (a phone is a phone; a head's name is not blank), as the
// app writes them: values it refuses are set aside on import (db/sync/valueCheck.ts).
const named = fc.oneof(fc.constantFrom('王建国', '同一个值', '𠀀𝄞'), fc.string({ minLength: 1, maxLength: 3 }).filter((s) => s.trim() !== ''));
const CELL_VALUES: Record<Column, fc.Arbitrary<string | null>> = {
  head_name: named,
  phone: fc.option(fc.constantFrom('13800000000', '13912345678', '053112345678'), { nil: null }),
  notes: fc.option(named, { nil: null }),
};
const edit = (dev: fc.Arbitrary<number>) =>
  fc.constantFrom(...COLUMNS).chain((col) => fc.record({ kind: fc.constant('edit' as const), dev, pick: fc.nat(), col: fc.constant(col), value: CELL_VALUES[col] }));

function ops(devices: number): fc.Arbitrary<Op[]> {
  const dev = fc.integer({ min: 0, max: devices - 1 });
  return fc.array(
    fc.oneof(
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), dev, name: named }) },
      { weight: 6, arbitrary: edit(dev) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), dev, pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('send' as const), from: dev, to: dev }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), dev, ms: fc.integer({ min: -HOUR, max: HOUR }) }) },
    ),
    { minLength: 3, maxLength: 24 },
  );
}

function liveHouseholds(peer: Peer, villageId: string): string[] {
  return peer.sqlite.prepare('SELECT id FROM households WHERE village_id = ? AND deleted_at IS NULL ORDER BY id').pluck().all(villageId) as string[];
}

/** Plays one op; a `send` exports into `folder` and the receiver imports that file. Returns the file written, if any. */
function play(o: Op, peers: readonly Peer[], villageOf: (dev: number) => string, folder: string): string | null {
  if (o.kind === 'time') {
    peers[o.dev]!.advance(o.ms);
    return null;
  }
  if (o.kind === 'send') {
    const file = peers[o.from]!.exportTo(folder);
    if (file) expect(peers[o.to]!.importFile(file).refusal).toBeNull();
    return file;
  }
  const peer = peers[o.dev]!;
  const village = villageOf(o.dev);
  if (o.kind === 'create') {
    peer.device.store.create('households', village, { head_name: o.name, category: 'ordinary' });
    return null;
  }
  const live = liveHouseholds(peer, village);
  if (!live.length) return null;
  const id = live[o.pick % live.length]!;
  try {
    if (o.kind === 'edit') peer.device.store.update('households', id, { [o.col]: o.value });
    else peer.device.store.remove('households', id);
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
  }
  return null;
}

/** A village created on `founder` with a few households, township 青石镇. */
function foundVillage(founder: Peer, name: string): string {
  const village = founder.device.store.create('villages', null, { name, township: TOWNSHIP, code: '371325101201' });
  for (const head of ['张三', '李四', '王五']) founder.device.store.create('households', village, { head_name: head, category: 'ordinary', phone: null });
  return village;
}

/** `items` in an order drawn from `seed`. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  return fc.sample(fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length }), { seed, numRuns: 1 })[0]!;
}

function importAll(peer: Peer, files: readonly string[]): void {
  for (const file of files) {
    const receipt = peer.importFile(file);
    expect(receipt.refusal, file).toBeNull();
    expect(receipt.setAside).toEqual({});
  }
}

let run = 0;

/**
 * Three devices trusting one another for one village 李家村 that `a` founded and `b` already
 * has, and a shared folder: the start of the hand-written two-writer stories below.
 */
async function villageSharedByThree() {
  run++;
  const folder = tempDir();
  const [a, b, c] = (await Promise.all([1, 2, 3].map((i) => openPeer(tempDir(), deviceIdOf(run, i), START_TIME + i)))) as [Peer, Peer, Peer];
  const village = foundVillage(a, '李家村');
  for (const x of [a, b, c]) for (const y of [a, b, c]) if (x !== y) x.trust(y, [village]);
  b.importFile(a.exportTo(folder)!);
  return { a, b, c, folder, village, household: liveHouseholds(a, village)[0]! };
}

describe('merge laws through bundle files', () => {
  it('every order of importing the set of files, each file twice, gives byte-identical ledgers and heads', async () => {
    await fc.assert(
      fc.asyncProperty(ops(3), fc.array(fc.integer(), { minLength: 2, maxLength: 2 }), async (script, seeds) => {
        run++;
        const dir = tempDir();
        const folder = tempDir();
        const peers = await Promise.all([0, 1, 2].map((i) => openPeer(dir, deviceIdOf(run, i + 1), START_TIME + i * 1000)));
        const village = foundVillage(peers[0]!, '李家村');
        for (const a of peers) for (const b of peers) if (a !== b) a.trust(b, [village]);
        const files = [peers[0]!.exportTo(folder)!];
        importAll(peers[1]!, files);
        importAll(peers[2]!, files);

        for (const o of script) {
          const file = play(o, peers, () => village, folder);
          if (file) files.push(file);
        }
        for (const peer of peers) {
          const file = peer.exportTo(folder);
          if (file) files.push(file);
        }
        // A full exchange: every device ends with the same ledgers and heads.
        for (const peer of peers) importAll(peer, files);
        const expected = replicaState(peers[0]!.sqlite);
        for (const peer of peers) expect(replicaState(peer.sqlite)).toBe(expected);

        // Fresh devices importing the files in drawn orders, each file twice.
        for (const [k, seed] of seeds.entries()) {
          const fresh = await openPeer(dir, deviceIdOf(run, 10 + k), START_TIME + 10 * HOUR);
          for (const peer of peers) fresh.trust(peer, [village]);
          const seen = new Set<string>();
          for (const file of shuffled([...files, ...files], seed)) {
            const receipt = fresh.importFile(file);
            expect(receipt.status).toBe(seen.has(file) ? 'already-imported' : 'imported');
            expect(receipt.setAside).toEqual({});
            seen.add(file);
          }
          expect(replicaState(fresh.sqlite)).toBe(expected);
          fresh.device.close();
        }
        for (const peer of peers) peer.device.close();
      }),
      { numRuns: 12 },
    );
  });

  it('relaying villages → township → district → city equals importing every village file directly, identical-value writes included', async () => {
    await fc.assert(
      fc.asyncProperty(ops(3), fc.integer(), async (script, seed) => {
        run++;
        const dir = tempDir();
        const [villageFolder, districtFolder, cityFolder] = [tempDir(), tempDir(), tempDir()];
        // Two devices keep 李家村 (a secretary and the village clerk), one keeps 张家村.
        const [s1a, s1b, s2, township, district, direct, city] = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => openPeer(dir, deviceIdOf(run, i), START_TIME + i * 1000)));
        const villagers = [s1a!, s1b!, s2!];
        const v1 = foundVillage(s1a!, '李家村');
        const v2 = foundVillage(s2!, '张家村');
        const villageOf = (dev: number) => (dev < 2 ? v1 : v2);
        // Neighbours read each other's villages too: their files then relay each other's segments.
        for (const a of villagers) for (const [i, b] of villagers.entries()) if (a !== b) a.trust(b, [villageOf(i)]);
        for (const up of [township!, district!, direct!, city!]) for (const [i, v] of villagers.entries()) up.trust(v, [villageOf(i)]);
        for (const up of [district!, city!]) up.trust(township!, [`${TOWNSHIP_SCOPE_PREFIX}${TOWNSHIP}`], 'coordinator');
        city!.trust(district!, [`${TOWNSHIP_SCOPE_PREFIX}${TOWNSHIP}`], 'coordinator');
        s1b!.importFile(s1a!.exportTo(villageFolder)!);

        const villageFiles: string[] = [];
        const townshipFiles: string[] = [];
        const relay = () => {
          for (const v of villagers) {
            const file = v.exportTo(villageFolder);
            if (file) villageFiles.push(file);
          }
          importAll(township!, villageFiles);
          const file = township!.exportTo(districtFolder);
          if (file) townshipFiles.push(file);
        };
        for (const [i, o] of script.entries()) {
          const file = play(o, villagers, villageOf, villageFolder);
          if (file) villageFiles.push(file);
          if (i % 8 === 7) relay();
        }
        relay();

        importAll(district!, shuffled(townshipFiles, seed));
        importAll(direct!, shuffled([...villageFiles, ...villageFiles], seed + 1));
        importAll(city!, [district!.exportTo(cityFolder)!]);
        const expected = replicaState(direct!.sqlite);
        expect(replicaState(township!.sqlite)).toBe(expected);
        expect(replicaState(district!.sqlite)).toBe(expected);
        expect(replicaState(city!.sqlite)).toBe(expected);
        for (const p of [s1a, s1b, s2, township, district, direct, city]) p!.device.close();
      }),
      { numRuns: 8 },
    );
  });

  it('two devices writing the same value to one cell unseen by each other is a conflict of two equal values, the same everywhere', async () => {
    const { a, b, c, folder, household } = await villageSharedByThree();
    a!.device.store.update('households', household, { phone: '13800000000' });
    b!.device.store.update('households', household, { phone: '13800000000' });
    const files = [a!.exportTo(folder)!, b!.exportTo(folder)!];
    importAll(c!, files);
    importAll(a!, files);
    const [conflict] = listConflicts(c!.sqlite);
    expect(conflict).toMatchObject({ tbl: 'households', rowId: household, col: 'phone' });
    expect(conflict!.heads.map((h) => h.value)).toEqual(['13800000000', '13800000000']);
    expect(replicaState(a!.sqlite)).toBe(replicaState(c!.sqlite));
    for (const p of [a, b, c]) p!.device.close();
  });

  describe('a delete against an edit it had not seen', () => {
    async function deleteAndEdit(editSeenByDelete: boolean) {
      const { a, b, c, folder, village, household } = await villageSharedByThree();
      a!.advance(HOUR);
      b!.advance(HOUR);
      b!.device.store.update('households', household, { phone: '13900000000', notes: '搬到镇上了' });
      if (editSeenByDelete) a!.importFile(b!.exportTo(folder)!);
      a!.device.store.remove('households', household);
      const files = [a!.exportTo(folder)!, b!.exportTo(folder)].filter((f): f is string => f !== null);
      for (const p of [a!, b!, c!]) importAll(p, files);
      return { a: a!, b: b!, c: c!, household, folder, village };
    }

    it('is listed as a conflict on every device, naming the delete and the edits, until someone chooses', async () => {
      const { a, b, c, household, folder } = await deleteAndEdit(false);
      for (const p of [a, b, c]) {
        const conflicts = listConflicts(p.sqlite);
        expect(conflicts, `device ${p.id}`).toHaveLength(1);
        expect(conflicts[0]).toMatchObject({ tbl: 'households', rowId: household, col: '_row' });
        expect(conflicts[0]!.heads.map((h) => [h.col ?? '_row', h.value, h.origin])).toEqual(
          expect.arrayContaining([
            ['_row', 'deleted', a.id],
            ['phone', '13900000000', b.id],
            ['notes', '搬到镇上了', b.id],
          ]),
        );
        expect(conflicts[0]!.heads.find((h) => h.shown)).toMatchObject({ value: 'deleted' });
      }
      expect(replicaState(a.sqlite)).toBe(replicaState(b.sqlite));

      // Keeping the delete, having seen the edits, clears it — here and, through a file, everywhere.
      resolveCell(a.sqlite, a.device.clock, a.id, { tbl: 'households', rowId: household, col: '_row', value: 'deleted' });
      expect(listConflicts(a.sqlite)).toEqual([]);
      const file = a.exportTo(folder)!;
      for (const p of [b, c]) {
        importAll(p, [file]);
        expect(listConflicts(p.sqlite)).toEqual([]);
      }
      for (const p of [a, b, c]) p.device.close();
    });

    it('bringing the row back instead (alive) clears it too, with the edits shown', async () => {
      const { a, b, c, household } = await deleteAndEdit(false);
      resolveCell(b.sqlite, b.device.clock, b.id, { tbl: 'households', rowId: household, col: '_row', value: 'alive' });
      expect(listConflicts(b.sqlite)).toEqual([]);
      expect(b.sqlite.prepare('SELECT deleted_at, phone, notes FROM households WHERE id = ?').get(household)).toEqual({ deleted_at: null, phone: '13900000000', notes: '搬到镇上了' });
      for (const p of [a, b, c]) p.device.close();
    });

    it('is no conflict when the delete had seen the edit', async () => {
      const { a, b, c } = await deleteAndEdit(true);
      for (const p of [a, b, c]) expect(listConflicts(p.sqlite)).toEqual([]);
      for (const p of [a, b, c]) p.device.close();
    });
  });

  it('changes outside their device\'s scope never change a ledger, in any order, and wait in quarantine', async () => {
    await fc.assert(
      fc.asyncProperty(ops(2), fc.integer(), async (script, seed) => {
        run++;
        const dir = tempDir();
        const folder = tempDir();
        // Device 0 keeps 张家村; device 1 (the intruder) keeps 李家村 but also writes to 张家村.
        const [keeper, intruder, importer, control] = await Promise.all([1, 2, 3, 4].map((i) => openPeer(dir, deviceIdOf(run, i), START_TIME + i * 1000)));
        const zhang = foundVillage(keeper!, '张家村');
        const li = foundVillage(intruder!, '李家村');
        intruder!.trust(keeper!, [zhang]);
        for (const p of [importer!, control!]) p.trust(keeper!, [zhang]);
        importer!.trust(intruder!, [li]);
        const keeperFiles = [keeper!.exportTo(folder)!];
        intruder!.importFile(keeperFiles[0]!);
        const intruderFiles: string[] = [];
        for (const o of script) {
          if (o.kind === 'send') continue;
          play(o, [keeper!, intruder!], () => zhang, folder);
        }
        intruder!.device.store.update('villages', li, { notes: '本村的记录' }); // in scope: must arrive
        for (const [who, list] of [[keeper!, keeperFiles], [intruder!, intruderFiles]] as const) {
          const file = who.exportTo(folder);
          if (file) list.push(file);
        }

        const outOfScope = countLogged(intruder!.sqlite, (c) => c.origin === intruder!.id && c.village_id === zhang);
        let setAside = 0;
        for (const file of shuffled([...keeperFiles, ...intruderFiles], seed)) {
          const receipt = importer!.importFile(file);
          expect(receipt.refusal).toBeNull();
          setAside += receipt.setAside.OUT_OF_SCOPE ?? 0;
        }
        for (const file of keeperFiles) control!.importFile(file);
        const rowsOf = (p: Peer, village: string) => dumpLedgers(p.sqlite).split('\n').filter((line) => line.includes(`"village_id":"${village}"`)).join('\n');
        expect(rowsOf(importer!, zhang)).toBe(rowsOf(control!, zhang));
        expect(setAside).toBe(outOfScope);
        expect(importer!.sqlite.prepare("SELECT count(*) FROM quarantine WHERE reason = 'OUT_OF_SCOPE' AND origin = ?").pluck().get(intruder!.id)).toBe(outOfScope);
        expect(importer!.sqlite.prepare('SELECT notes FROM villages WHERE id = ?').pluck().get(li)).toBe('本村的记录');
        for (const p of [keeper, intruder, importer, control]) p!.device.close();
      }),
      { numRuns: 8 },
    );
  });

  it('a file from a device nobody trusted changes nothing at all', async () => {
    run++;
    const dir = tempDir();
    const [stranger, importer] = await Promise.all([1, 2].map((i) => openPeer(dir, deviceIdOf(run, i))));
    foundVillage(stranger!, '陌生村');
    const before = replicaState(importer!.sqlite);
    const receipt = importer!.importFile(stranger!.exportTo(tempDir())!);
    expect(receipt.refusal?.reason).toBe('UNKNOWN_DEVICE');
    expect(replicaState(importer!.sqlite)).toBe(before);
    expect(importer!.sqlite.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
    stranger!.device.close();
    importer!.device.close();
  });

  it('values the contract accepts survive the file exactly (Unicode with astral characters, null, the largest money, text at its limit); the rest are set aside as VALUE_INVALID', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc.constantFrom('𠀀𠀁 𝄞 😀👨‍👩‍👧', '\u0000\t\n"\\', '长'.repeat(20), '长'.repeat(200), '长'.repeat(201), '长'.repeat(100_000)),
    );
    const money = fc.oneof(fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0, null), fc.maxSafeInteger());
    const entry = fc.record({ purpose: fc.option(text, { nil: null }), amount: money, head: text });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), async (entries) => {
        run++;
        const dir = tempDir();
        const [writer, reader] = await Promise.all([1, 2].map((i) => openPeer(dir, deviceIdOf(run, i))));
        const village = writer!.device.store.create('villages', null, { name: '值村 𠀀', township: TOWNSHIP });
        reader!.trust(writer!, [village]);
        const written = entries.map((e) => ({
          fund: writer!.device.store.create('fund_entries', village, { amount_fen: e.amount, purpose: e.purpose }),
          household: writer!.device.store.create('households', village, { head_name: e.head }),
          ...e,
        }));
        const receipts = [reader!.importFile(writer!.exportTo(tempDir())!)];
        expect(receipts[0]!.refusal).toBeNull();
        // The oracle is the contract's own field schemas (null: a cell not written).
        const passes = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => v === null || schema.safeParse(v).success;
        let refused = 0;
        for (const w of written) {
          const kept = { amount_fen: passes(funds.fields.amountFen, w.amount) ? w.amount : null, purpose: passes(funds.fields.purpose, w.purpose) ? w.purpose : null };
          const head = passes(households.fields.headName, w.head) ? w.head : null;
          refused += Number(kept.amount_fen !== w.amount) + Number(kept.purpose !== w.purpose) + Number(head !== w.head);
          // A row none of whose values passed never came (a cell not written reads as null).
          expect((reader!.sqlite.prepare('SELECT amount_fen, purpose FROM fund_entries WHERE id = ?').get(w.fund) as object | undefined) ?? { amount_fen: null, purpose: null }).toEqual(kept);
          expect(reader!.sqlite.prepare('SELECT head_name FROM households WHERE id = ?').pluck().get(w.household) ?? null).toBe(head);
        }
        expect(receipts.reduce((n, r) => n + (r.setAside.VALUE_INVALID ?? 0), 0)).toBe(refused);
        const longest = Math.max(0, ...loggedChanges(reader!.sqlite).map((c) => [...c.value].length));
        expect(longest).toBeLessThanOrEqual(2 + 200 * 2);
        if (refused === 0) expect(replicaState(reader!.sqlite)).toBe(replicaState(writer!.sqlite));
        writer!.device.close();
        reader!.device.close();
      }),
      { numRuns: 15 },
    );
  });
});
