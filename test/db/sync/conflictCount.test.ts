// The badge's count is the number of conflicts the sync screen lists, in this device's villages:
// a field two devices wrote, a delete against an edit it had not seen, both on one record (one
// conflict, as listed), none once resolved, none in a village the device does not keep.
import { afterEach, describe, expect, it } from 'vitest';
import { createConflictCounter, listConflicts, resolveCell } from '../../../db/sync/conflicts';
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

describe('conflicts counted for the badge', () => {
  it('counts what the list lists: field conflicts and deletes against unseen edits, one per record cell', async () => {
    const { a, b, village, household, exchange } = await twoKeepers();
    const visit = a.device.store.create('visits', village, { household_id: household, visit_date: '2026-11-20', mode: 'home', situation: '在家' });
    const other = a.device.store.create('visits', village, { household_id: household, visit_date: '2026-11-21', mode: 'home', situation: '在家' });
    exchange();
    for (const peer of [a, b]) expect(createConflictCounter(peer.sqlite)([village])).toBe(0);

    a.device.store.update('households', household, { phone: '13800000000' });
    b.device.store.update('households', household, { phone: '13900000000' });
    a.device.store.remove('visits', visit);
    b.device.store.update('visits', visit, { situation: '外出务工' });
    // A delete everyone had seen is no conflict.
    a.device.store.remove('visits', other);
    exchange();
    for (const peer of [a, b]) {
      const count = createConflictCounter(peer.sqlite);
      expect(listConflicts(peer.sqlite)).toHaveLength(2);
      expect(count([village])).toBe(2);
      expect(count(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'])).toBe(0); // a village not kept here
    }
  });

  it('a delete against an unseen edit and a concurrent revive of the same record count once, as listed', async () => {
    const { a, b, village, household, exchange } = await twoKeepers();
    a.device.store.remove('households', household);
    b.device.store.update('households', household, { phone: '13900000000' });
    exchange();
    expect(listConflicts(a.sqlite)).toHaveLength(1);
    expect(createConflictCounter(a.sqlite)([village])).toBe(1);
  });

  it('a record brought back after a delete is no delete: an edit its revival had not seen is no conflict, listed or counted', async () => {
    const { a, b, village, household, exchange } = await twoKeepers();
    a.device.store.remove('households', household);
    exchange();
    resolveCell(a.sqlite, a.device.clock, a.id, { tbl: 'households', rowId: household, col: '_row', value: 'alive' });
    exchange();
    b.device.store.update('households', household, { phone: '13900000000' });
    exchange();
    for (const peer of [a, b]) {
      expect(listConflicts(peer.sqlite)).toEqual([]);
      expect(createConflictCounter(peer.sqlite)([village])).toBe(0);
    }
    // Deleted again by a device that had not seen the next edit: now it is one.
    b.device.store.update('households', household, { phone: '13700000000' });
    a.device.store.remove('households', household);
    exchange();
    for (const peer of [a, b]) {
      expect(listConflicts(peer.sqlite).map((c) => [c.col, c.heads.map((h) => h.col ?? '_row')])).toEqual([['_row', ['_row', 'phone']]]);
      expect(createConflictCounter(peer.sqlite)([village])).toBe(1);
    }
  });

  it('a delete and a revival written at once list, with the two, the edit only the revival had seen; counted once', async () => {
    const { a, b, village, household, exchange } = await twoKeepers();
    a.device.store.remove('households', household);
    exchange();
    resolveCell(a.sqlite, a.device.clock, a.id, { tbl: 'households', rowId: household, col: '_row', value: 'alive' });
    exchange();
    b.device.store.update('households', household, { phone: '13900000000' });
    resolveCell(b.sqlite, b.device.clock, b.id, { tbl: 'households', rowId: household, col: '_row', value: 'alive' });
    a.device.store.remove('households', household);
    exchange();
    for (const peer of [a, b]) {
      const listed = listConflicts(peer.sqlite);
      expect(listed.map((c) => [c.col, c.heads.map((h) => `${h.col ?? '_row'} ${String(h.value)}`).sort()])).toEqual([['_row', ['_row alive', '_row deleted', 'phone 13900000000']]]);
      expect(createConflictCounter(peer.sqlite)([village])).toBe(1);
    }
  });
});
