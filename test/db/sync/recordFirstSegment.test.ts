// A record's first segment is kept in its clock's row, its further ones in record_segments (never
// the clock's again): a merge of records new to the log writes no record_segments row, in bulk or
// change by change; a further segment adds one row and leaves the clock's; a record of only
// segment-less changes has none until a seal or a merge gives it one; a rewritten clock keeps its
// segment; a rebuild comes back to the same. At every step the clock says what the log says.
import { describe, expect, it } from 'vitest';
import { mergeChanges, mergeChangesOneByOne, readChanges } from '../../../db/sync/merge';
import { rebuildLedgers } from '../../../db/sync/rebuild';
import { sealAll } from '../../../db/sync/segments/seal';
import { NAME_KIND, recordKey } from '../../../db/sync/clocks';
import type { Sqlite } from '../../../db/open';
import { openTestDevice } from '../../helpers/device';
import { clockSays, logSays } from '../../helpers/recordClocks';
import { useTempDirs } from '../../helpers/tempDir';
import { newKeys } from './bundleHelpers';

const tempDir = useTempDirs();

const rows = (sqlite: Sqlite) => sqlite.prepare('SELECT count(*) FROM record_segments').pluck().get() as number;
/** The segment name in the record's clock (null: none), and its further ones. */
function segmentsOf(sqlite: Sqlite, rowId: string): { clock: string | null; further: string[] } {
  const tbl = sqlite.prepare('SELECT n FROM names WHERE kind = ? AND text = ?').pluck().get(NAME_KIND.table, 'households');
  const clock = sqlite.prepare('SELECT s.text FROM clocks AS k LEFT JOIN names AS s ON s.n = k.segment WHERE k.tbl = ? AND k.row_id = ?').pluck().get(tbl, recordKey(rowId)) as string | null;
  const further = sqlite.prepare('SELECT s.text FROM record_segments AS r JOIN names AS s ON s.n = r.segment WHERE r.tbl = ? AND r.row_id = ? ORDER BY 1').pluck().all(tbl, recordKey(rowId)) as string[];
  return { clock, further };
}

describe("a record's first segment in its clock", () => {
  it('writes one row for a record new to the log, a record_segments row only for a further segment, and keeps the clock saying what the log says', async () => {
    const dir = tempDir();
    const secretary = await openTestDevice(dir, '00000000000000a1');
    const coordinator = await openTestDevice(dir, '00000000000000c1');
    const village = secretary.store.create('villages', null, { name: '李家村', township: '青石镇' });
    const households: string[] = [];
    secretary.store.transaction(() => {
      for (let i = 0; i < 40; i++) households.push(secretary.store.create('households', village, { head_name: `户主${i}`, category: 'ordinary' }));
    });
    const first = readChanges(secretary.db.sqlite);
    const [h0, h1, h2] = households as [string, string, string];
    const sqlite = coordinator.db.sqlite;
    const agrees = () => expect(clockSays(sqlite)).toBe(logSays(sqlite));

    // Half the records in bulk, half change by change: every record's segment in its clock, no row beside.
    const inBulk = first.filter((c) => c.row_id !== h1);
    mergeChanges(sqlite, coordinator.clock, inBulk, 'segment-1');
    mergeChangesOneByOne(sqlite, coordinator.clock, first.filter((c) => c.row_id === h1), 'segment-1');
    expect(rows(sqlite)).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM clocks WHERE segment IS NULL').pluck().get()).toBe(0);
    expect(segmentsOf(sqlite, h0)).toEqual({ clock: 'segment-1', further: [] });
    expect(segmentsOf(sqlite, h1)).toEqual({ clock: 'segment-1', further: [] });
    agrees();

    // A further segment of h0 (bulk) and h1 (change by change): one row each; the clocks keep theirs
    // though both are rewritten (a new greatest change of a cell).
    secretary.store.update('households', h0, { head_name: '改名' });
    secretary.store.update('households', h1, { head_name: '又改' });
    const later = readChanges(secretary.db.sqlite).filter((c) => c.col === 'head_name' && (c.value === '"改名"' || c.value === '"又改"'));
    mergeChanges(sqlite, coordinator.clock, later.filter((c) => c.row_id === h0), 'segment-2');
    mergeChangesOneByOne(sqlite, coordinator.clock, later.filter((c) => c.row_id === h1), 'segment-2');
    expect(segmentsOf(sqlite, h0)).toEqual({ clock: 'segment-1', further: ['segment-2'] });
    expect(segmentsOf(sqlite, h1)).toEqual({ clock: 'segment-1', further: ['segment-2'] });
    expect(rows(sqlite)).toBe(2);
    // The same segment again, and a known change in another: nothing more.
    mergeChanges(sqlite, coordinator.clock, later, 'segment-2');
    mergeChanges(sqlite, coordinator.clock, first.filter((c) => c.row_id === h2), 'segment-3');
    expect(rows(sqlite)).toBe(2);
    agrees();

    // Segment-less: the coordinator's own record (unsealed) and a merge without a segment have none.
    const own = coordinator.store.create('households', village, { head_name: '镇里记的', category: 'ordinary' });
    expect(segmentsOf(sqlite, own)).toEqual({ clock: null, further: [] });
    coordinator.store.update('households', h2, { notes: '镇里' });
    agrees();
    // Sealed: its own record's clock takes the seal's segment; h2, already in segment-1, gains a row.
    const [sealed] = sealAll(sqlite, newKeys(coordinator.deviceId));
    const sealedHash = sqlite.prepare('SELECT hash FROM segments WHERE origin = ? AND seq = ?').pluck().get(sealed!.origin, sealed!.seq) as string;
    expect(segmentsOf(sqlite, own)).toEqual({ clock: sealedHash, further: [] });
    expect(segmentsOf(sqlite, h2)).toEqual({ clock: 'segment-1', further: [sealedHash] });
    expect(rows(sqlite)).toBe(3);
    agrees();

    // Rebuilt from the log: the same segments, one a record in its clock.
    const before = clockSays(sqlite);
    rebuildLedgers(sqlite);
    expect(clockSays(sqlite)).toBe(before);
    expect(rows(sqlite)).toBe(3);
    agrees();
    secretary.close();
    coordinator.close();
  });
});
