// Twin importers for the record path's differential test (recordImport.test.ts): two fresh
// databases of one device with one trust set-up, one importing with the record path and one
// without, and everything the import writes, read out so the two can be compared byte for byte.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createChangeLog } from '../../../db/sync/changeLog';
import { createClockReader, recordIdOf } from '../../../db/sync/clocks';
import { dumpLedgers, listHeads } from '../../../db/sync/dump';
import { importBundle, type ImportReceipt } from '../../../db/sync/importBundle';
import type { DeviceKeys, SealedSegment } from '../../../db/sync/segments/seal';
import type { Sqlite } from '../../../db/open';
import { assemble } from './bundleHelpers';
import { openPeer, type Peer } from './syncPeers';

export interface Twins {
  readonly on: Peer;
  readonly off: Peer;
  /** Imports into both (record path on, then off), checks both ended alike; the receipt of `on`. */
  importBoth(file: string): ImportReceipt;
  /** Both peers (their wall clocks stay together). */
  readonly both: readonly [Peer, Peer];
  close(): void;
}

/** Two fresh databases of device `id` (one key), each set up by `setup` alike. */
export async function openTwins(dir: string, id: string, keys: DeviceKeys, setup: (peer: Peer) => void, startTime?: number): Promise<Twins> {
  const on = await openPeer(join(dir, 'on'), id, startTime, keys);
  const off = await openPeer(join(dir, 'off'), id, startTime, keys);
  setup(on);
  setup(off);
  return {
    on,
    off,
    both: [on, off],
    importBoth(file) {
      const receipts = [on, off].map((peer, k) =>
        importBundle(peer.sqlite, peer.device.clock, file, { selfId: peer.id, selfPublicKey: peer.keys.publicKeyPem, now: peer.now, keys: peer.keys, recordPath: k === 0 }),
      );
      expect(receipts[0]!.refusal, receipts[0]!.refusal?.message).toBeNull();
      expect(JSON.stringify(receipts[0])).toBe(JSON.stringify(receipts[1]));
      expectSameImport(on, off);
      return receipts[0]!;
    },
    close() {
      on.device.close();
      off.device.close();
    },
  };
}

const sorted = <T>(rows: T[]): T[] => rows.map((row) => JSON.stringify(row)).sort().map((text) => JSON.parse(text) as T);
const withRecordIds = (rows: Record<string, unknown>[]) => rows.map((row) => ({ ...row, row_id: recordIdOf(row.row_id as Buffer | string) }));

/** Everything an import writes, name numbers turned into their texts. */
export function importedState(sqlite: Sqlite): Record<string, unknown> {
  const all = (sql: string) => sqlite.prepare(sql).all() as Record<string, unknown>[];
  return {
    ledgers: dumpLedgers(sqlite),
    heads: listHeads(sqlite),
    clocks: sorted([...createClockReader(sqlite).all()].map(({ tbl, rowId, clock }) => ({ tbl, rowId, firstId: clock.firstId, nonCausal: clock.nonCausal, // Cells in name-number order: by column text here (numbers are compared raw below).
      cells: [...clock.cells].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)) }))),
    log: createChangeLog(sqlite).all().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    changeRows: all('SELECT * FROM changes ORDER BY id'),
    recordDeletes: sorted(withRecordIds(all('SELECT t.text AS tbl, d.row_id FROM record_deletes AS d JOIN names AS t ON t.n = d.tbl'))),
    recordSegments: sorted(withRecordIds(all('SELECT t.text AS tbl, r.row_id, s.text AS segment FROM record_segments AS r JOIN names AS t ON t.n = r.tbl JOIN names AS s ON s.n = r.segment'))),
    clockSegments: sorted(withRecordIds(all('SELECT t.text AS tbl, c.row_id, s.text AS segment FROM clocks AS c JOIN names AS t ON t.n = c.tbl LEFT JOIN names AS s ON s.n = c.segment'))),
    nameTexts: sorted(all('SELECT kind, text FROM names')),
    exclusions: all('SELECT segment, change_id FROM segment_exclusions ORDER BY segment, change_id'),
    quarantine: all('SELECT reason, detail, file_hash, origin, change_id FROM quarantine ORDER BY id'),
    cellHeads: all('SELECT tbl, row_id, col, change_id FROM cell_heads ORDER BY tbl, row_id, col, change_id'),
    segments: all('SELECT hash, origin, seq, branch FROM segments ORDER BY hash'),
    forks: all('SELECT branch, origin, seq, file_name, self FROM forks ORDER BY branch'),
    imports: all('SELECT file_hash, file_name, producer, result FROM imports ORDER BY file_hash'),
  };
}

/** The tables that hold name numbers, as they are. */
function rawNumbered(sqlite: Sqlite): Record<string, unknown> {
  const all = (sql: string) => sqlite.prepare(sql).all() as Record<string, unknown>[];
  return {
    clocks: all('SELECT tbl, hex(row_id) AS row_id, hex(cells) AS cells, segment FROM clocks ORDER BY tbl, row_id'),
    recordSegments: all('SELECT tbl, hex(row_id) AS row_id, segment FROM record_segments ORDER BY tbl, row_id, segment'),
    recordDeletes: all('SELECT tbl, hex(row_id) AS row_id FROM record_deletes ORDER BY tbl, row_id'),
  };
}

const names = (sqlite: Sqlite) => sqlite.prepare('SELECT n, kind, text FROM names ORDER BY n').all();

/** The two imports ended alike: every table, the names and their numbers, and so the raw clocks too. */
export function expectSameImport(on: Peer, off: Peer): void {
  const [a, b] = [importedState(on.sqlite), importedState(off.sqlite)];
  for (const key of Object.keys(a)) expect(JSON.stringify(a[key]), key).toBe(JSON.stringify(b[key]));
  expect(on.device.clock.last()).toBe(off.device.clock.last());
  // The import numbers each segment's names before either path merges it (clocks.ts internSegment).
  expect(JSON.stringify(names(on.sqlite)), 'names').toBe(JSON.stringify(names(off.sqlite)));
  expect(JSON.stringify(rawNumbered(on.sqlite)), 'raw clocks').toBe(JSON.stringify(rawNumbered(off.sqlite)));
}

/** A bundle of hand-sealed segments, written to `dir/name`. */
export function bundleFile(dir: string, name: string, producer: DeviceKeys, segments: readonly SealedSegment[]): string {
  const path = join(dir, name);
  writeFileSync(path, assemble(producer, segments));
  return path;
}
