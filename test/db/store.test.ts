import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../db/store';
import { dumpHeads, dumpLedgers, listHeads } from '../../db/sync/dump';
import { rebuildLedgers } from '../../db/sync/rebuild';
import { openTestDevice, START_TIME } from '../helpers/device';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

function changesOf(device: Awaited<ReturnType<typeof openTestDevice>>, rowId: string) {
  return device.db.sqlite.prepare('SELECT * FROM changes WHERE row_id = ? ORDER BY id').all(rowId) as {
    id: string; col: string; value: string; hlc: string; origin: string; seen: string; village_id: string;
  }[];
}

describe('the write path', () => {
  it('creating then editing a village writes one change per column written, with rising HLCs, heads on the latest', async () => {
    const device = await openTestDevice(tempDir());
    const id = device.store.create('villages', null, { name: '李家村', code: null, township: '青石镇', county: '临河县', notes: null });
    const created = changesOf(device, id);
    expect(created.map((c) => c.col)).toEqual(['name', 'code', 'township', 'county', 'notes']);
    expect(created.every((c) => c.village_id === id && c.origin === device.deviceId && c.seen === '[]')).toBe(true);

    device.setTime(START_TIME + 60_000);
    expect(device.store.update('villages', id, { name: '李家庄村', township: '青石镇', notes: '新修了路' })).toBe(2);
    const all = changesOf(device, id);
    expect(all).toHaveLength(7);
    const hlcs = all.map((c) => c.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(7);

    const nameChanges = all.filter((c) => c.col === 'name');
    expect(nameChanges.map((c) => JSON.parse(c.value))).toEqual(['李家村', '李家庄村']);
    expect(JSON.parse(nameChanges[1]!.seen)).toEqual([nameChanges[0]!.id]);
    const heads = listHeads(device.db.sqlite).filter((h) => h.row_id === id);
    expect(heads).toHaveLength(5);
    expect(heads.find((h) => h.col === 'name')!.change_id).toBe(nameChanges[1]!.id);

    const row = device.db.sqlite.prepare('SELECT * FROM villages WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ name: '李家庄村', notes: '新修了路', county: '临河县', deleted_at: null });
    expect(row.created_at).toBe(new Date(START_TIME).toISOString());
    expect(row.updated_at).toBe(new Date(START_TIME + 60_000).toISOString());
    device.close();
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const device = await openTestDevice(tempDir());
    const id = device.store.create('villages', null, { name: '王庄村', township: '青石镇' });
    expect(device.store.update('villages', id, { name: '王庄村' })).toBe(0);
    expect(changesOf(device, id)).toHaveLength(2);
    device.close();
  });

  it('deletes with a tombstone that saw every head of the row, and keeps the row', async () => {
    const device = await openTestDevice(tempDir());
    const id = device.store.create('villages', null, { name: '石桥村', township: '青石镇' });
    const before = changesOf(device, id).map((c) => c.id);
    device.store.remove('villages', id);
    const tombstone = changesOf(device, id).at(-1)!;
    expect(tombstone.col).toBe('_row');
    expect(JSON.parse(tombstone.value)).toBe('deleted');
    expect(JSON.parse(tombstone.seen)).toEqual(before);
    const row = device.db.sqlite.prepare('SELECT name, deleted_at FROM villages WHERE id = ?').get(id) as { name: string; deleted_at: string };
    expect(row.name).toBe('石桥村');
    expect(row.deleted_at).not.toBeNull();
    expect(() => device.store.update('villages', id, { name: 'x' })).toThrow(StoreError);
    expect(() => device.store.remove('villages', id)).toThrow(/does not exist/);
    device.close();
  });

  it('refuses an unknown column or a value of the wrong kind and stores nothing', async () => {
    const device = await openTestDevice(tempDir());
    const dump = dumpLedgers(device.db.sqlite);
    expect(() => device.store.create('villages', null, { name: 'a', ...({ bogus: 'x' } as object) })).toThrow('villages has no column bogus');
    expect(() => device.store.create('villages', null, { ['_row' as 'name']: 'alive' })).toThrow('no column _row');
    expect(() => device.store.create('villages', null, { name: {} as unknown as string })).toThrow('cannot hold object');
    expect(() => device.store.create('villages', null, { name: Number.NaN })).toThrow('cannot hold number');
    expect(dumpLedgers(device.db.sqlite)).toBe(dump);
    expect(device.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(0);
    device.close();
  });

  it('rolls back the whole transaction when a write inside it fails', async () => {
    const device = await openTestDevice(tempDir());
    const id = device.store.create('villages', null, { name: '新民村', township: '青石镇' });
    const dump = dumpLedgers(device.db.sqlite);
    const count = device.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get();
    expect(() =>
      device.store.transaction(() => {
        device.store.update('villages', id, { name: '新民二村' });
        device.store.create('households', id, { head_name: '张三' });
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(dumpLedgers(device.db.sqlite)).toBe(dump);
    expect(device.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(count);
    device.close();
  });
});

type Op =
  | { kind: 'create'; table: 'villages' | 'households'; name: string }
  | { kind: 'update'; pick: number; name: string | null; notes: string | null }
  | { kind: 'delete'; pick: number }
  | { kind: 'time'; delta: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), table: fc.constantFrom('villages' as const, 'households' as const), name: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), name: fc.option(fc.string({ maxLength: 8 })), notes: fc.option(fc.string({ maxLength: 20 })) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('time' as const), delta: fc.integer({ min: -120_000, max: 120_000 }) }),
);

describe('the ledgers are a projection of the change log', () => {
  it('rebuilding from the log gives exactly the live tables and heads after any sequence of writes', async () => {
    const dir = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), async (ops) => {
        const device = await openTestDevice(dir, `00000000${(++run).toString(16).padStart(8, '0')}`);
        const rows: { table: 'villages' | 'households'; id: string }[] = [];
        let time = START_TIME;
        for (const o of ops) {
          if (o.kind === 'time') device.setTime((time += o.delta));
          if (o.kind === 'create') {
            const villageId = rows.find((r) => r.table === 'villages')?.id;
            if (o.table === 'villages' || !villageId) rows.push({ table: 'villages', id: device.store.create('villages', null, { name: o.name, township: '镇' }) });
            else rows.push({ table: 'households', id: device.store.create('households', villageId, { head_name: o.name }) });
          }
          const target = rows.length ? rows[(o as { pick: number }).pick % rows.length] : undefined;
          if (!target) continue;
          try {
            if (o.kind === 'update') {
              if (target.table === 'villages') device.store.update('villages', target.id, { name: o.name, notes: o.notes });
              else device.store.update('households', target.id, { head_name: o.name, notes: o.notes });
            }
            if (o.kind === 'delete') device.store.remove(target.table, target.id);
          } catch (error) {
            expect(error).toBeInstanceOf(StoreError); // editing or deleting a deleted row
          }
        }
        const live = [dumpLedgers(device.db.sqlite), dumpHeads(device.db.sqlite)];
        rebuildLedgers(device.db.sqlite);
        expect([dumpLedgers(device.db.sqlite), dumpHeads(device.db.sqlite)]).toEqual(live);
        device.close();
      }),
      { numRuns: 60 },
    );
  });
});
