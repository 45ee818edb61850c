// A record's segment index (its clock's segment and `record_segments`) against a change held in two
// stored segments: a secretary's unsealed writes sealed once by her device and again by a copy of
// it restored from a backup. The index names the segment the change came in first (or the one a
// seal gave it), not the other; the log's record reads, which find segments only through it, still
// give what the whole log gives, each change as a segment they read holds it (test/db/sync/recordReads.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAME_KIND, recordKey } from '../../../db/sync/clocks';
import { createChangeLog } from '../../../db/sync/changeLog';
import { sealAll } from '../../../db/sync/segments/seal';
import type { Sqlite } from '../../../db/open';
import { useTempDirs } from '../../helpers/tempDir';
import { expectRecordReadsServeTheLog } from './recordReads';
import { openPeer, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const MINUTE = 60_000;

/** The peer's database as it stands, opened again at `at` with its keys: a copy restored from a backup. */
async function restoredCopy(peer: Peer, folder: string, at: number): Promise<Peer> {
  mkdirSync(folder, { recursive: true });
  peer.sqlite.prepare('VACUUM INTO ?').run(join(folder, `${peer.id}.sqlite`));
  return openPeer(folder, peer.id, at, peer.keys);
}

/** The stored segments the record's index names. */
function indexOf(sqlite: Sqlite, tbl: string, rowId: string): string[] {
  return sqlite
    .prepare(
      `SELECT n.text FROM clocks AS k JOIN names AS t ON t.n = k.tbl JOIN names AS n ON n.n = k.segment WHERE t.kind = ${NAME_KIND.table} AND t.text = @tbl AND k.row_id = @rowId
       UNION SELECT n.text FROM record_segments AS r JOIN names AS t ON t.n = r.tbl JOIN names AS n ON n.n = r.segment WHERE t.kind = ${NAME_KIND.table} AND t.text = @tbl AND r.row_id = @rowId`,
    )
    .pluck()
    .all({ tbl, rowId: recordKey(rowId) }) as string[];
}

/** A secretary's village and household, not sealed yet, and a copy of her device that writes a note on the household. */
async function sealedTwice(dir: string) {
  const s1 = await openPeer(join(dir, 's1'), '00000000000000a1');
  const village = s1.device.store.create('villages', null, { name: '一村', township: '青石镇' });
  const household = s1.device.store.create('households', village, { head_name: '甲', category: 'ordinary' });
  const copy = await restoredCopy(s1, join(dir, 'copy'), s1.now() + MINUTE);
  copy.device.store.update('households', household, { notes: '副本' });
  return { s1, copy, village, household };
}

describe("a record's segment index and a change held in two stored segments", () => {
  for (const copyFirst of [true, false]) {
    it(`gives the coordinator's record reads what the whole log gives, the copy's file taken ${copyFirst ? 'first' : 'second'}`, async () => {
      const dir = tempDir();
      const { s1, copy, village, household } = await sealedTwice(dir);
      const c = await openPeer(join(dir, 'c'), '00000000000000c1');
      c.trust(s1, [village]);
      const files = [s1.exportTo(join(dir, 'up'))!, copy.exportTo(join(dir, 'up-copy'))!];
      for (const file of copyFirst ? files.reverse() : files) expect(c.importFile(file).refusal).toBeNull();
      // Both segments hold the village's changes; its index names the one they came in first (the
      // other brought nothing new of it): the case the record reads must bear.
      const log = createChangeLog(c.sqlite);
      const named = log.ofRecord('villages', village).find((change) => change.col === 'name')!;
      const holders = log.segmentsHolding(named);
      expect(holders).toHaveLength(2);
      expect(indexOf(c.sqlite, 'villages', village).filter((hash) => holders.includes(hash))).toHaveLength(1);
      expect(expectRecordReadsServeTheLog(c.sqlite, 'the coordinator')).toBeGreaterThan(0);
      expect(log.ofCell('households', household, 'notes').map((change) => change.value)).toEqual(['"副本"']);
      for (const peer of [s1, copy, c]) peer.device.close();
    });
  }

  it("gives the device's own record reads what the whole log gives when it seals writes a copy's segment brought back", async () => {
    const dir = tempDir();
    const { s1, copy, village, household } = await sealedTwice(dir);
    // The copy's segment holds the device's own unsealed writes: known (rows), so not indexed for them.
    expect(s1.importFile(copy.exportTo(join(dir, 'back'))!).refusal).toBeNull();
    expectRecordReadsServeTheLog(s1.sqlite, 'before the seal');
    sealAll(s1.sqlite, s1.keys);
    expect(s1.sqlite.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(0);
    const named = createChangeLog(s1.sqlite).ofRecord('villages', village).find((change) => change.col === 'name')!;
    const holders = createChangeLog(s1.sqlite).segmentsHolding(named);
    expect(holders).toHaveLength(2);
    expect(indexOf(s1.sqlite, 'villages', village).filter((hash) => holders.includes(hash))).toHaveLength(1);
    expect(expectRecordReadsServeTheLog(s1.sqlite, 'after the seal')).toBeGreaterThan(0);
    expect(createChangeLog(s1.sqlite).ofRecord('households', household).map((change) => change.col).sort()).toEqual(['category', 'head_name', 'notes']);
    for (const peer of [s1, copy]) peer.device.close();
  });
});
