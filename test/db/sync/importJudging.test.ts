// The import judges a record's village and its device's scope once along a run of the record's
// changes (db/sync/importBundle.ts): a change that leaves the run's record, village or device is
// judged afresh, so a hostile segment that switches a record's village mid-run, or writes to a
// village its device is not enrolled for, has exactly those changes set aside.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDeviceId } from '../../../db/ids';
import { openDatabase } from '../../../db/open';
import { createHlcClock, formatHlc } from '../../../db/sync/hlc';
import { importBundle } from '../../../db/sync/importBundle';
import { sealAll } from '../../../db/sync/segments/seal';
import { segmentsToExport, writeBundle } from '../../../db/sync/segments/bundle';
import { trustDevice } from '../../../db/sync/trust';
import { newKeys } from '../../bench/syncFixture';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const VILLAGE_A = '0190a000-0000-7000-8000-00000000000a';
const VILLAGE_B = '0190a000-0000-7000-8000-00000000000b';
const HOUSEHOLD = '0190a000-0000-7000-8000-0000000000c1';
const OTHER = '0190a000-0000-7000-8000-0000000000c2';

describe('judging a segment run by run', () => {
  it('sets aside the changes that switch a record to another village, or reach a village out of scope, and merges the rest', async () => {
    const dir = tempDir();
    const keys = newKeys(newDeviceId());
    const secretary = await openDatabase(join(dir, 'secretary.sqlite'));
    // Written straight into the log as a hostile device would: one segment, the household's
    // changes in one run but for village A, then B, then A again; another household of B.
    const at = Date.UTC(2026, 10, 1);
    const rows: [string, string, string, string][] = [
      [HOUSEHOLD, VILLAGE_A, 'head_name', '"王一"'],
      [HOUSEHOLD, VILLAGE_A, 'address', '"村东"'],
      [HOUSEHOLD, VILLAGE_B, 'villager_group', '"二组"'],
      [HOUSEHOLD, VILLAGE_A, 'category', '"ordinary"'],
      [OTHER, VILLAGE_B, 'head_name', '"李二"'],
      [OTHER, VILLAGE_B, 'address', '"村西"'],
    ];
    const insert = secretary.sqlite.prepare("INSERT INTO changes (id, tbl, row_id, village_id, col, value, seen, segment) VALUES (?, 'households', ?, ?, ?, ?, '[]', NULL)");
    rows.forEach(([row, village, col, value], i) => insert.run(formatHlc({ wall: at + i, counter: 0 }) + keys.deviceId, row, village, col, value));
    sealAll(secretary.sqlite, keys);
    const file = join(dir, 'hostile.cunji');
    writeBundle(secretary.sqlite, file, { keys, app: 'test', segments: segmentsToExport(secretary.sqlite) });
    secretary.close();

    const coordinator = await openDatabase(join(dir, 'coordinator.sqlite'));
    const selfId = newDeviceId();
    trustDevice(coordinator.sqlite, selfId, { deviceId: keys.deviceId, publicKey: keys.publicKeyPem, name: '王芳', role: 'secretary', villages: [VILLAGE_A] }, new Date(at).toISOString());
    const own = newKeys(selfId);
    const receipt = importBundle(coordinator.sqlite, createHlcClock(() => at + 60_000), file, { selfId, selfPublicKey: own.publicKeyPem, now: () => at + 60_000 });
    expect(receipt.status).toBe('imported');
    expect(receipt.changesNew).toBe(3);
    expect(receipt.setAside).toEqual({ VILLAGE_MISMATCH: 1, OUT_OF_SCOPE: 2 });
    const held = coordinator.sqlite.prepare("SELECT reason, json_extract(detail, '$.change.col') AS col, json_extract(detail, '$.change.row_id') AS row FROM quarantine ORDER BY id").all();
    expect(held).toEqual([
      { reason: 'VILLAGE_MISMATCH', col: 'villager_group', row: HOUSEHOLD },
      { reason: 'OUT_OF_SCOPE', col: 'head_name', row: OTHER },
      { reason: 'OUT_OF_SCOPE', col: 'address', row: OTHER },
    ]);
    expect(coordinator.sqlite.prepare('SELECT id, village_id, head_name, address, villager_group, category FROM households').all()).toEqual([
      { id: HOUSEHOLD, village_id: VILLAGE_A, head_name: '王一', address: '村东', villager_group: null, category: 'ordinary' },
    ]);
    coordinator.close();
  });
});
