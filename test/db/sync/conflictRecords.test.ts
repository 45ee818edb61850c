// A conflict names its record the way its ledger does — a household by its head and group, a
// visit by its date and household, a fund entry by its project, date and amount — whether two
// devices wrote the same field or one deleted the record while the other edited it (the record
// is gone from the ledger then, and still named, by the last values anyone gave it).
import { afterEach, describe, expect, it } from 'vitest';
import { listConflicts, type ConflictRow } from '../../../db/sync/conflicts';
import { useTempDirs } from '../../helpers/tempDir';
import { openTwoKeepers, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const opened: Peer[] = [];
afterEach(() => {
  for (const peer of opened.splice(0)) peer.device.close();
});

let run = 0;

async function twoKeepers() {
  const keepers = await openTwoKeepers(tempDir, ++run);
  opened.push(keepers.a, keepers.b);
  return keepers;
}

const onlyConflict = (peer: Peer): ConflictRow => {
  const conflicts = listConflicts(peer.sqlite);
  expect(conflicts).toHaveLength(1);
  return conflicts[0]!;
};

describe('a conflict names its record', () => {
  it('two devices writing one field of a household: the household by its head and group', async () => {
    const { a, b, household, exchange } = await twoKeepers();
    a.device.store.update('households', household, { phone: '13800000000' });
    b.device.store.update('households', household, { phone: '13900000000' });
    exchange();
    for (const peer of [a, b]) {
      expect(onlyConflict(peer)).toMatchObject({
        col: 'phone',
        record: [
          { col: 'head_name', value: '张三' },
          { col: 'villager_group', value: '一组' },
        ],
      });
    }
  });

  it('a visit deleted on one device and edited on the other: the deleted visit by its date and its household\'s head', async () => {
    const { a, b, village, household, exchange } = await twoKeepers();
    const visit = a.device.store.create('visits', village, { household_id: household, visit_date: '2026-11-20', mode: 'home', situation: '在家' });
    exchange();
    a.device.store.remove('visits', visit);
    b.device.store.update('visits', visit, { situation: '外出务工' });
    exchange();
    for (const peer of [a, b]) {
      expect(peer.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM visits WHERE id = ?').pluck().get(visit)).toBe(1);
      const conflict = onlyConflict(peer);
      expect(conflict).toMatchObject({ tbl: 'visits', rowId: visit, col: '_row' });
      expect(conflict.heads.map((h) => h.col ?? h.value)).toEqual(expect.arrayContaining(['deleted', 'situation']));
      expect(conflict.record).toEqual([
        { col: 'visit_date', value: '2026-11-20' },
        { col: 'household_id', value: '张三' },
      ]);
    }
  });

  it('a fund entry by its project\'s name, date and amount; a cell never written, or a row pointed at that is not here, as null', async () => {
    const { a, b, village, exchange } = await twoKeepers();
    const project = a.device.store.create('projects', village, { name: '村道硬化', kind: 'infrastructure', status: 'planned' });
    const entry = a.device.store.create('fund_entries', village, { project_id: project, direction: 'in', amount_fen: 1_250_000, entry_date: '2026-11-01' });
    const stray = a.device.store.create('fund_entries', village, { project_id: '01a21c04-b400-7000-8000-000000000000', direction: 'in', amount_fen: 1 });
    exchange();
    a.device.store.update('fund_entries', entry, { purpose: '一期' });
    b.device.store.update('fund_entries', entry, { purpose: '二期' });
    a.device.store.update('fund_entries', stray, { purpose: '一期' });
    b.device.store.update('fund_entries', stray, { purpose: '二期' });
    exchange();
    const records = new Map(listConflicts(a.sqlite).map((c) => [c.rowId, c.record]));
    expect(records.get(entry)).toEqual([
      { col: 'project_id', value: '村道硬化' },
      { col: 'entry_date', value: '2026-11-01' },
      { col: 'amount_fen', value: 1_250_000 },
    ]);
    expect(records.get(stray)).toEqual([
      { col: 'project_id', value: null },
      { col: 'entry_date', value: null },
      { col: 'amount_fen', value: 1 },
    ]);
  });
});
