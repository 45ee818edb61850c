// Devices that sync through real bundle files: a test device (real SQLite) with signing keys and
// its own wall clock, that trusts others with a scope, exports with exportBundle and imports with
// importBundle exactly as the app's services do.
import { expect } from 'vitest';
import { createUuidV7Source } from '../../../db/ids';
import type { Sqlite } from '../../../db/open';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { exportBundle, type ExportOptions } from '../../../db/sync/exportBundle';
import { importBundle, type ImportReceipt } from '../../../db/sync/importBundle';
import type { DeviceKeys } from '../../../db/sync/segments/seal';
import { trustDevice } from '../../../db/sync/trust';
import { openTestDevice, START_TIME, type TestDevice } from '../../helpers/device';
import { newKeys } from './bundleHelpers';

export interface Peer {
  readonly device: TestDevice;
  readonly keys: DeviceKeys;
  readonly sqlite: Sqlite;
  readonly id: string;
  now(): number;
  /** Moves this peer's wall clock (it may go back). */
  advance(ms: number): void;
  /** Trusts `other` for these scope entries (village ids, `township:<name>`). */
  trust(other: Pick<Peer, 'id' | 'keys'>, scope: readonly string[], role?: string): void;
  /** Exports into `<dir>/<id>/…` with exportBundle; the file written, or null when there was nothing to send. */
  exportTo(dir: string, options?: Partial<Pick<ExportOptions, 'full' | 'target' | 'resend'>>): string | null;
  importFile(path: string): ImportReceipt;
}

/** A peer with a real SQLite file in `dir`; `keys` given, it is that device (a copy restored from a backup opens its file again). */
export async function openPeer(dir: string, deviceId: string, startTime = START_TIME, keys: DeviceKeys = newKeys(deviceId)): Promise<Peer> {
  const device = await openTestDevice(dir, deviceId, startTime);
  let wall = startTime;
  const now = () => wall;
  const newId = createUuidV7Source(now);
  const peer: Peer = {
    device,
    keys,
    sqlite: device.db.sqlite,
    id: deviceId,
    now,
    advance(ms) {
      wall += ms;
      device.setTime(wall);
    },
    trust(other, scope, role = 'secretary') {
      trustDevice(device.db.sqlite, deviceId, { deviceId: other.id, publicKey: other.keys.publicKeyPem, name: other.id, role, villages: [...scope] }, new Date(wall).toISOString());
    },
    exportTo(folder, options = {}) {
      return exportBundle(device.db.sqlite, { keys, app: 'test', dir: folder, newId, now, ...options }).file;
    },
    importFile(path) {
      return importBundle(device.db.sqlite, device.clock, path, { selfId: deviceId, selfPublicKey: keys.publicKeyPem, now, keys });
    },
  };
  return peer;
}

/** What must be byte-identical between replicas: the ledgers and the cell heads. */
export function replicaState(sqlite: Sqlite): string {
  return `${dumpLedgers(sqlite)}\n--heads--\n${dumpHeads(sqlite)}`;
}

/** Sixteen hex digits: a device id unique to a run and a role. */
export function deviceIdOf(run: number, role: number): string {
  return `${run.toString(16).padStart(8, '0')}${role.toString(16).padStart(8, '0')}`;
}

/** A secretary's village (of `township`) with `households` households of nine filled columns each. */
export function villageWithHouseholds(writer: Peer, households: number, township = '青石镇'): string {
  const village = writer.device.store.create('villages', null, { name: '李家村', township });
  writer.device.store.transaction(() => {
    for (let i = 0; i < households; i++) {
      writer.device.store.create('households', village, {
        head_name: `户主${i}`, villager_group: '一组', grid_cell: '一网格', category: 'ordinary', phone: '13800000000',
        address: `${i} 号`, housing_grade: 'safe', helper_name: '王书记', notes: '—',
      });
    }
  });
  return village;
}

/**
 * Two secretaries keeping one village (李家村, with 张三's household), each having imported what
 * the other wrote so far; `exchange` has each import the other's latest file. `dir` gives a new
 * folder; the caller closes both peers.
 */
export async function openTwoKeepers(dir: () => string, run: number) {
  const [a, b] = (await Promise.all([1, 2].map((role) => openPeer(dir(), deviceIdOf(run, role))))) as [Peer, Peer];
  const folder = dir();
  const village = a.device.store.create('villages', null, { name: '李家村', township: '青石镇' });
  const household = a.device.store.create('households', village, { head_name: '张三', villager_group: '一组', category: 'ordinary' });
  for (const [x, y] of [[a, b], [b, a]] as const) x.trust(y, [village]);
  const exchange = () => {
    const files = [a.exportTo(folder), b.exportTo(folder)];
    if (files[1]) expect(a.importFile(files[1]).refusal).toBeNull();
    if (files[0]) expect(b.importFile(files[0]).refusal).toBeNull();
  };
  exchange();
  return { a, b, village, household, exchange };
}
