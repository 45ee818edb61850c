// A village moved to another township by its secretary reaches her coordinator through a real
// folder target: held there as VILLAGE_MOVE (the village and its ledgers stay where they were,
// nothing else of the file is held back) until the coordinator confirms it or keeps it.
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/tempDir';
import { COORDINATOR, openSyncDevice, recordVisit, township, trustFor, type SyncDevice } from './sync/syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) device.close();
});

/** The township of syncApps, each device with the same shared folder saved, synced once all round. */
async function syncedTownship() {
  const devices = await township(tempDir);
  const { a, b, c } = devices;
  opened.push(a, b, c);
  const folder = tempDir();
  const targets = new Map<SyncDevice, string>();
  for (const d of [a, b, c]) targets.set(d, (await d.api.sync.saveTarget({ kind: 'folder', name: '共享文件夹', folder })).id);
  const run = (d: SyncDevice) => d.api.sync.run({ id: targets.get(d)! });
  await recordVisit(a);
  await recordVisit(b);
  for (const d of [a, b, c]) await run(d);
  return { ...devices, run, folder };
}

async function listed(device: SyncDevice): Promise<string[]> {
  return (await device.api.villages.list()).items.map((v) => `${v.township}/${v.name}`);
}

/** The secretary moves her village to 白河镇 and records one more visit after it; the coordinator syncs. */
async function moveAndSync() {
  const world = await syncedTownship();
  const { a, c, run } = world;
  expect(await listed(c)).toEqual(['青石镇/张家村', '青石镇/李家村']);
  await a.api.villages.update({ id: a.villageId!, patch: { township: '白河镇' }, confirm: ['villageMove'] });
  await recordVisit(a);
  await run(a);
  const atC = await run(c);
  return { ...world, atC };
}

describe('a village moved to another township, at the old township\'s coordinator', () => {
  it('is held with its reason and shown in plain facts; the village and its ledgers stay, nothing else is held back', async () => {
    const { a, c, atC } = await moveAndSync();
    expect(atC.receipts.map((r) => r.setAside)).toEqual([{ VILLAGE_MOVE: 1 }]);
    expect(await listed(c)).toEqual(['青石镇/张家村', '青石镇/李家村']);
    // Both of her visits: the one recorded after the move came in the same file.
    expect((await c.api.visits.list({ villageId: a.villageId! })).total).toBe(2);
    const { items } = await c.api.villages.moves();
    expect(items).toEqual([
      expect.objectContaining({ villageId: a.villageId, villageName: '李家村', from: '青石镇', to: '白河镇', origin: a.id, originName: '李明' }),
    ]);
    const reasons = c.context.db.sqlite.prepare('SELECT reason FROM quarantine').pluck().all();
    expect(reasons).toEqual(['VILLAGE_MOVE']);
  });

  it('leaves her scope once she confirms it: gone from her village list and her ledgers', async () => {
    const { a, c } = await moveAndSync();
    const { items } = await c.api.villages.moves();
    expect(await c.api.villages.decideMove({ id: items[0]!.id, decision: 'confirm' })).toEqual({ villageId: a.villageId, township: '白河镇' });
    // Out of her list and her ledgers, still in her database (nothing is lost, it is another's now).
    expect(await listed(c)).toEqual(['青石镇/张家村']);
    expect((await c.api.villages.get({ id: a.villageId! })).township).toBe('白河镇');
    expect((await c.api.visits.list({})).items.map((v) => v.villageId)).not.toContain(a.villageId);
    expect((await c.api.villages.moves()).items).toEqual([]);
    expect(c.context.db.sqlite.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(0);
  });

  it('stays when she keeps it, and the secretary sees her village back in the old township after the next sync', async () => {
    const { a, c, run } = await moveAndSync();
    const { items } = await c.api.villages.moves();
    expect(await c.api.villages.decideMove({ id: items[0]!.id, decision: 'keep' })).toEqual({ villageId: a.villageId, township: '青石镇' });
    expect(await listed(c)).toEqual(['青石镇/张家村', '青石镇/李家村']);
    expect((await c.api.villages.moves()).items).toEqual([]);
    await run(c);
    await run(a);
    expect((await a.api.villages.get({ id: a.villageId! })).township).toBe('青石镇');
    // Her answer had seen the move: it supersedes it, no conflict for anyone to resolve.
    expect((await a.api.conflicts.list()).items).toEqual([]);
  });

  it('answers NOT_FOUND for a move that is not waiting', async () => {
    const { c } = await syncedTownship();
    const result = await c.dispatch('villages.decideMove', { id: 1, decision: 'confirm' });
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND');
  });
});

describe("a village moved to another township, at the new township's coordinator", () => {
  /**
   * A coordinator of 白河镇 on the same shared folder, who trusts the secretary and 青石镇's
   * coordinator: their villages reach her database while they are 青石镇's, out of her lists.
   * Before the move the secretary and her coordinator edit one visit, neither seeing the other.
   */
  async function withNewTownship() {
    const world = await syncedTownship();
    const { a, b, c, run, folder } = world;
    const d = await openSyncDevice(tempDir(), { ...COORDINATOR, name: '孙丽', township: '白河镇' });
    opened.push(d);
    await trustFor(d, a, '李明', 'secretary', [a.villageId!]);
    await trustFor(d, c, '赵镇', 'coordinator', []);
    const dTarget = (await d.api.sync.saveTarget({ kind: 'folder', name: '共享文件夹', folder })).id;
    const runD = () => d.api.sync.run({ id: dTarget });
    const visit = (await a.api.visits.list({ villageId: a.villageId! })).items[0]!;
    await a.api.visits.update({ id: visit.id, patch: { situation: '书记：家里缺劳力' } });
    await c.api.visits.update({ id: visit.id, patch: { situation: '镇里：已申请公益岗' } });
    for (const device of [a, c]) await run(device);
    await runD();
    expect((await d.api.villages.list()).items).toEqual([]);
    expect((await d.api.villages.get({ id: a.villageId! })).township).toBe('青石镇');

    await a.api.villages.update({ id: a.villageId!, patch: { township: '白河镇' }, confirm: ['villageMove'] });
    await recordVisit(a);
    await run(a);
    const atD = await runD();
    return { ...world, b, d, runD, atD, visit };
  }

  it('is held for her until she confirms it; then the village, its ledgers and its conflicts are hers, and she resolves them', async () => {
    const { a, d, atD, visit } = await withNewTownship();
    // The move alone is held, whichever of the folder's files brought it.
    expect(atD.receipts.map((r) => r.setAside).filter((held) => Object.keys(held).length > 0)).toEqual([{ VILLAGE_MOVE: 1 }]);
    const { items } = await d.api.villages.moves();
    expect(items).toEqual([expect.objectContaining({ villageId: a.villageId, villageName: '李家村', from: '青石镇', to: '白河镇', originName: '李明' })]);
    // Held: not hers yet, and nothing of it shows.
    expect((await d.api.villages.list()).items).toEqual([]);
    expect((await d.api.visits.list({})).total).toBe(0);
    expect((await d.api.conflicts.list()).items).toEqual([]);

    expect(await d.api.villages.decideMove({ id: items[0]!.id, decision: 'confirm' })).toEqual({ villageId: a.villageId, township: '白河镇' });
    expect((await d.api.villages.list()).items.map((v) => `${v.township}/${v.name}`)).toEqual(['白河镇/李家村']);
    // The visit recorded before the move (and edited by both) and the one after it.
    expect((await d.api.visits.list({ villageId: a.villageId! })).total).toBe(2);
    expect((await d.api.households.list({ villageId: a.villageId! })).total).toBe(2);
    const conflicts = (await d.api.conflicts.list()).items;
    expect(conflicts).toEqual([expect.objectContaining({ tbl: 'visits', rowId: visit.id, col: 'situation', villageId: a.villageId })]);
    expect(conflicts[0]!.heads.map((h) => h.value).sort()).toEqual(['书记：家里缺劳力', '镇里：已申请公益岗'].sort());
    await d.api.conflicts.resolve({ tbl: 'visits', rowId: visit.id, col: 'situation', value: '镇里：已申请公益岗' });
    expect((await d.api.conflicts.list()).items).toEqual([]);
    expect((await d.api.visits.get({ id: visit.id })).situation).toBe('镇里：已申请公益岗');
    expect((await d.api.villages.moves()).movedAway).toEqual([]);
  });

  it("leaves the old township's coordinator a plain line once she confirms it: moved to 白河镇, out of her lists, still in her database", async () => {
    const { a, c, run, visit } = await withNewTownship();
    await run(c);
    const { items } = await c.api.villages.moves();
    expect(items.map((m) => [m.villageName, m.from, m.to])).toEqual([['李家村', '青石镇', '白河镇']]);
    // Before she decides: still hers, and said to be waiting, not gone.
    expect((await c.api.villages.moves()).movedAway).toEqual([]);
    expect((await c.api.conflicts.list()).items.map((i) => i.rowId)).toEqual([visit.id]);

    await c.api.villages.decideMove({ id: items[0]!.id, decision: 'confirm' });
    expect((await c.api.villages.moves()).movedAway).toEqual([{ villageId: a.villageId, villageName: '李家村', from: '青石镇', to: '白河镇' }]);
    expect((await c.api.villages.list()).items.map((v) => v.name)).toEqual(['张家村']);
    expect((await c.api.visits.list({})).items.map((v) => v.villageId)).not.toContain(a.villageId);
    expect((await c.api.conflicts.list()).items).toEqual([]);
    // Nothing lost: every visit of the village is still in her database.
    const kept = c.context.db.sqlite.prepare('SELECT count(*) FROM visits WHERE village_id = ? AND deleted_at IS NULL').pluck().get(a.villageId);
    expect(kept).toBe(2);
  });
});
