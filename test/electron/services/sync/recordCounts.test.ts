// What a sync brought, counted in records (not field changes), per ledger and per device, through
// a real shared folder: new records, records changed, records deleted, and who sent them.
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/tempDir';
import { township, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) device.close();
});

describe('an import counts records, not field changes', () => {
  it('says how many households and visits each secretary added, changed and deleted', async () => {
    const { a, b, c } = await township(tempDir);
    opened.push(a, b, c);
    const folder = tempDir();
    const villageId = a.villageId!;
    const households = [];
    for (const head of ['王大山', '刘长顺', '孙大海']) {
      households.push(await a.api.households.create({ villageId, headName: head, villagerGroup: '一组', category: 'ordinary', phone: '13800000000' }));
    }
    const visit = await a.api.visits.create({ villageId, householdId: households[0]!.id, visitDate: '2026-11-02', mode: 'phone', situation: '电话回访' });
    await b.api.households.create({ villageId: b.villageId!, headName: '赵前进', villagerGroup: '二组', category: 'ordinary' });
    await a.api.sync.now({ folder });
    await b.api.sync.now({ folder });

    const first = await c.api.sync.now({ folder });
    const fromA = first.receipts.find((r) => r.producer === a.id)!;
    // Each household is several field changes; the count is one a record.
    expect(fromA.changesNew).toBeGreaterThan(10);
    expect(fromA.records).toEqual([
      { origin: a.id, originName: '李明', tbl: 'households', created: 3, changed: 0, deleted: 0 },
      { origin: a.id, originName: '李明', tbl: 'villages', created: 1, changed: 0, deleted: 0 },
      { origin: a.id, originName: '李明', tbl: 'visits', created: 1, changed: 0, deleted: 0 },
    ]);
    expect(first.receipts.find((r) => r.producer === b.id)!.records).toEqual([
      { origin: b.id, originName: '王芳', tbl: 'households', created: 1, changed: 0, deleted: 0 },
      { origin: b.id, originName: '王芳', tbl: 'villages', created: 1, changed: 0, deleted: 0 },
    ]);

    // Two fields of one household, and one visit deleted: one changed, one deleted.
    await a.api.households.update({ id: households[1]!.id, patch: { phone: '13900000000', villagerGroup: '三组' } });
    await a.api.visits.delete({ id: visit.id });
    await a.api.sync.now({ folder });
    const second = await c.api.sync.now({ folder });
    expect(second.receipts.map((r) => r.records)).toEqual([
      [
        { origin: a.id, originName: '李明', tbl: 'households', created: 0, changed: 1, deleted: 0 },
        { origin: a.id, originName: '李明', tbl: 'visits', created: 0, changed: 0, deleted: 1 },
      ],
    ]);
    // A file imported before brings nothing, and says no records.
    const again = await c.api.sync.importFiles({ paths: [folder] });
    expect(again.receipts.every((r) => r.records === undefined)).toBe(true);
  });
});
