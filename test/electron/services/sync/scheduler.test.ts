// The scheduler on a clock the test moves, with real work behind it: real databases, a real
// shared folder (a USB stick that is pulled out and plugged back in) and a real WebDAV server
// that goes away and comes back. It syncs at start, every interval, when a target comes back
// (probed with backoff, or at once when told the network is back), one run at a time.
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_DELAYS } from '../../../../electron/services/sync/scheduler';
import { APP_START_TIME } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { DAV_PASSWORD, DAV_USER, startDavServer } from './davServer';
import { fakeClock, type FakeClock } from './fakeClock';
import { openSyncDevice, QUICK_WEBDAV, recordVisit, township, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;

/** The device closed and opened again on `clock`, as the app starts: the scheduler starts with it. */
async function reopen(device: SyncDevice, clock: FakeClock): Promise<SyncDevice> {
  device.close();
  const again = await openSyncDevice(device.context.dataDir, null, { timers: clock, webdav: QUICK_WEBDAV });
  cleanups.push(() => again.close());
  return Object.assign(again, { villageId: device.villageId });
}

const settle = (device: SyncDevice) => device.context.syncService.idle();
const statusOf = async (device: SyncDevice) => (await device.api.sync.status()).targets[0]!;

describe('the sync scheduler with a shared folder', () => {
  it('syncs at start and every interval, waits for a pulled USB stick, and syncs as soon as it is back', async () => {
    const { a, b, c } = await township(tempDir);
    cleanups.push(() => [b, c].forEach((d) => d.close()));
    const stick = join(tempDir(), 'U盘');
    mkdirSync(stick);
    await a.api.sync.saveTarget({ kind: 'folder', name: 'U盘', folder: stick, intervalMinutes: 10 });
    await recordVisit(a);

    const clock = fakeClock();
    const device = await reopen(a, clock);
    await settle(device);
    const atStart = await statusOf(device);
    expect(atStart).toMatchObject({ reachable: true, lastError: null, lastCounts: { filesOut: 1 }, nextRunAt: new Date(clock.now() + 10 * MINUTE).toISOString() });
    expect(readdirSync(join(stick, device.id))).toHaveLength(1);

    // Nothing happens before the interval; then a run, which sends the new visit.
    await recordVisit(device);
    clock.advance(10 * MINUTE - 1);
    await settle(device);
    expect(readdirSync(join(stick, device.id))).toHaveLength(1);
    clock.advance(1);
    await settle(device);
    expect(readdirSync(join(stick, device.id))).toHaveLength(2);

    // The stick is pulled out: the next run says so, and the scheduler probes instead of running.
    const away = join(tempDir(), 'elsewhere');
    renameSync(stick, away);
    clock.advance(10 * MINUTE);
    await settle(device);
    const pulled = await statusOf(device);
    expect(pulled).toMatchObject({ reachable: false, nextRunAt: null, lastError: { code: 'FOLDER_MISSING' } });
    const attempts = pulled.lastAttemptAt;
    clock.advance(DEFAULT_PROBE_DELAYS.firstMs);
    await settle(device);
    expect(await statusOf(device)).toMatchObject({ reachable: false, lastAttemptAt: attempts }); // a probe is not a run

    // Plugged back in: the next probe (backed off: twice the first wait) finds it and syncs at once.
    renameSync(away, stick);
    await recordVisit(device);
    clock.advance(2 * DEFAULT_PROBE_DELAYS.firstMs - 1);
    await settle(device);
    expect(readdirSync(join(stick, device.id))).toHaveLength(2);
    clock.advance(1);
    await settle(device);
    expect(await statusOf(device)).toMatchObject({ reachable: true, lastError: null });
    expect(readdirSync(join(stick, device.id))).toHaveLength(3);

    // Pulled again, then plugged in and the shell (or the renderer) says the connection is back.
    renameSync(stick, away);
    clock.advance(10 * MINUTE);
    await settle(device);
    renameSync(away, stick);
    await recordVisit(device);
    await device.api.sync.online();
    await settle(device);
    expect(await statusOf(device)).toMatchObject({ reachable: true, lastError: null });
    expect(readdirSync(join(stick, device.id))).toHaveLength(4);

    // The coordinator, on the same stick, gets all of it.
    const { id } = await c.api.sync.saveTarget({ kind: 'folder', name: 'U盘', folder: stick });
    await c.api.sync.run({ id });
    expect((await c.api.visits.list({})).total).toBe(4);
  });

  it('leaves an on-demand target alone, and stops every timer when the app closes', async () => {
    const clock = fakeClock();
    const device = await openSyncDevice(tempDir(), null, { timers: clock });
    await device.api.sync.saveTarget({ kind: 'folder', name: '手动', folder: tempDir(), auto: false });
    expect(await statusOf(device)).toMatchObject({ nextRunAt: null, state: 'idle' });
    expect(clock.pending()).toBe(0);
    await device.api.sync.saveTarget({ kind: 'folder', name: '自动', folder: tempDir(), intervalMinutes: 3 });
    expect(clock.pending()).toBe(1);
    device.close();
    expect(clock.pending()).toBe(0);
  });
});

describe('the sync scheduler with a WebDAV server', () => {
  it('marks an unreachable server, probes it, and syncs when it answers again; one run at a time', async () => {
    const dav = await startDavServer();
    cleanups.push(() => dav.close());
    const { a, c } = await township(tempDir);
    cleanups.push(() => c.close());
    const url = `${dav.origin}cunji/`;
    await a.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: DAV_PASSWORD });
    await recordVisit(a);
    await dav.pause();

    const clock = fakeClock(APP_START_TIME);
    const device = await reopen(a, clock);
    await settle(device);
    expect(await statusOf(device)).toMatchObject({ reachable: false, nextRunAt: null, lastError: { code: 'UNREACHABLE' } });
    expect((await statusOf(device)).lastError!.message).toMatch(/cannot be reached/);

    await dav.resume();
    clock.advance(DEFAULT_PROBE_DELAYS.firstMs);
    await settle(device);
    expect(await statusOf(device)).toMatchObject({ reachable: true, lastError: null, lastCounts: { filesOut: 1 } });

    // Three requests at once: one runs, one queues, the third joins the queued one.
    const { id } = (await device.api.sync.targets()).items[0]!;
    const before = dav.requests.length;
    const runs = await Promise.all([device.api.sync.run({ id }), device.api.sync.run({ id }), device.api.sync.run({ id })]);
    expect(runs.every((r) => r.status.lastError === null)).toBe(true);
    const baseProbes = dav.requests.slice(before).filter((r) => r.method === 'PROPFIND' && r.path === '/cunji/');
    expect(baseProbes.length).toBe(2 * 2); // each run: the folder's depth 0 (prepare) and depth 1 (list)
    expect(dav.maxConcurrent()).toBe(1);

    const { id: atC } = await c.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: DAV_PASSWORD });
    await c.api.sync.run({ id: atC });
    expect((await c.api.visits.list({})).total).toBe(1);
  });
});
