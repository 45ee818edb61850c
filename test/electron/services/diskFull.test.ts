// A full disk, on a real small file system (a tmpfs of fixed size the test mounts): a ledger write
// whose database lives there (the write-ahead log growing is what fills it), a spreadsheet import
// and a sync file import into that database, a report export (XLSX, CSV, PDF) and a sync export
// into a folder there. Each is refused with DISK_FULL and a plain message (never the raw
// SQLITE_FULL or ENOSPC), nothing stored is lost or changed, the database passes integrity_check,
// no half file is left, and the app goes on once there is room.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/services/app';
import { dumpLedgers } from '../../../db/sync/dump';
import { DISK_FULL_MESSAGE } from '../../../electron/services/diskFull';
import type { Printer } from '../../../electron/services/printer';
import type { ApiErrorShape } from '../../../shared/api/result';
import { csvText, headNameOf, ROSTER_HEADERS, rosterRows } from './imports/rosterFiles';
import { COORDINATOR, openSyncDevice, trustFor } from './sync/syncApps';
import { APP_START_TIME, expectOk, expectRefused, openTestApp, SECRETARY_SETUP, snapshotDatabase, type TestApp } from '../../helpers/openedApp';
import { mountSmallDisk, type SmallDisk } from '../../helpers/smallDisk';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A small disk on a fresh folder, unmounted after the test (after the app on it closes). */
function smallDisk(bytes: number, skip: (note: string) => never, what: string): SmallDisk {
  const disk = mountSmallDisk(tempDir(), bytes, skip, what);
  cleanups.push(() => disk.unmount());
  return disk;
}

async function secretaryOn(dataDir: string): Promise<{ app: TestApp; villageId: string }> {
  const app = await openTestApp(dataDir);
  cleanups.push(() => app.close());
  const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
  return { app, villageId: profile.villageIds[0]! };
}

/** The refusal a full disk must give: named, in plain words, not the driver's or the system's code. */
function expectDiskFull(error: ApiErrorShape | { code: string; message: string } | null | undefined): void {
  expect(error?.code).toBe('DISK_FULL');
  expect(error?.message.startsWith(DISK_FULL_MESSAGE), error?.message).toBe(true);
  expect(error?.message).not.toMatch(/SQLITE_FULL|ENOSPC|database or disk is full/);
}

const integrity = (app: TestApp) => app.context.db.sqlite.pragma('integrity_check', { simple: true });
const household = (villageId: string, i: number) => ({ villageId, headName: headNameOf(i), villagerGroup: `第${i % 9}组`, category: 'ordinary' as const, notes: '备注'.repeat(900) });

describe('a full disk under the database', () => {
  it('refuses a ledger write by name and keeps every record as it was; once there is room the write goes in', async (context) => {
    const disk = smallDisk(3 * 1024 * 1024, context.skip, 'the disk-full ledger write');
    const { app, villageId } = await secretaryOn(disk.path);
    const first = await expectOk(app, 'households.create', household(villageId, 0));
    // Room for a few dozen writes: the log grows into it until the disk is full.
    disk.fill(256 * 1024);
    let written = 1;
    let refused: ApiErrorShape | null = null;
    let before = app.snapshot();
    for (; written < 500 && !refused; written++) {
      before = app.snapshot();
      const result = await app.dispatch('households.create', household(villageId, written));
      if (!result.ok) refused = result.error;
    }
    written -= 1;
    expect(written, 'writes before the disk was full').toBeGreaterThan(2);
    expectDiskFull(refused);
    expect(app.snapshot()).toBe(before);
    // A write of several cells to a record already stored: none of them goes in.
    expectDiskFull(await expectRefused(app, 'households.update', { id: first.id, patch: { headName: '王建军', phone: '13800000000', notes: '改'.repeat(1800) } }));
    expect(app.snapshot()).toBe(before);
    expect(integrity(app)).toBe('ok');

    disk.unfill();
    await expectOk(app, 'households.create', household(villageId, 7999));
    const heads = app.context.db.sqlite.prepare('SELECT head_name FROM households').pluck().all();
    expect(heads).toHaveLength(written + 1);
    expect(heads).toContain(headNameOf(7999));
    expect(integrity(app)).toBe('ok');
  });

  it('refuses a spreadsheet import by name, imports none of its rows, and imports it whole once there is room', async (context) => {
    const disk = smallDisk(8 * 1024 * 1024, context.skip, 'the disk-full import');
    const { app, villageId } = await secretaryOn(disk.path);
    await expectOk(app, 'households.create', household(villageId, 7999));
    const source = { data: Buffer.from(csvText(ROSTER_HEADERS, rosterRows(50))).toString('base64') };
    const preview = await expectOk(app, 'imports.preview', { ledger: 'households', villageId, source });
    expect(preview.refusedRows).toBe(0);
    const request = { ledger: 'households' as const, villageId, source, mapping: preview.mapping };
    disk.fill(64 * 1024);
    const before = app.snapshot();
    expectDiskFull(await expectRefused(app, 'imports.commit', request));
    expect(app.snapshot()).toBe(before);
    expect(integrity(app)).toBe('ok');

    disk.unfill();
    const outcome = await expectOk(app, 'imports.commit', request);
    expect(outcome.records).toEqual({ households: 50, members: 150 });
    expect(integrity(app)).toBe('ok');
  });

  it('refuses a sync file import by name, takes none of its changes, and imports it once there is room', async (context) => {
    const disk = smallDisk(8 * 1024 * 1024, context.skip, 'the disk-full sync import');
    let wall = APP_START_TIME;
    const now = () => (wall += 1_000);
    const secretary = await openSyncDevice(tempDir(), SECRETARY_SETUP, { autoStart: false }, now);
    cleanups.push(() => secretary.close());
    const coordinator = await openSyncDevice(disk.path, COORDINATOR, { autoStart: false }, now);
    cleanups.push(() => coordinator.close());
    await trustFor(secretary, coordinator, '赵镇', 'coordinator', []);
    await trustFor(coordinator, secretary, '李明', 'secretary', [secretary.villageId!]);
    for (let i = 0; i < 150; i++) await expectOk(secretary, 'households.create', household(secretary.villageId!, i));
    const folder = tempDir();
    await expectOk(secretary, 'sync.now', { folder });
    const paths = readdirSync(join(folder, secretary.id)).map((name) => join(folder, secretary.id, name));
    disk.fill(64 * 1024);
    const before = snapshotDatabase(coordinator.context.db.sqlite);
    expectDiskFull(await expectRefused(coordinator, 'sync.importFiles', { paths }));
    expect(snapshotDatabase(coordinator.context.db.sqlite)).toBe(before);
    expect(coordinator.context.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    disk.unfill();
    const { receipts } = await expectOk(coordinator, 'sync.importFiles', { paths });
    expect(receipts.map((r) => r.status)).toEqual(['imported']);
    expect(coordinator.context.db.sqlite.prepare('SELECT count(*) FROM households').pluck().get()).toBe(150);
  });
});

describe('a full disk under the folder of a report export', () => {
  async function exportOnFullDisk(skip: (note: string) => never, format: 'xlsx' | 'csv') {
    const disk = smallDisk(1024 * 1024, skip, `the disk-full ${format} export`);
    const folder = join(disk.path, '导出');
    mkdirSync(folder);
    const { app, villageId } = await secretaryOn(tempDir());
    for (let i = 0; i < 60; i++) await expectOk(app, 'households.create', household(villageId, i));
    disk.fill(0);
    const before = app.snapshot();
    const path = join(folder, `农户名单.${format}`);
    const started = await expectOk(app, 'reports.export', { report: 'householdsNotice', scope: 'village', villageId, from: '2026-10-01', to: '2026-10-31', format, path });
    let job = started;
    for (let i = 0; job.state === 'running' && i < 10_000; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      job = await expectOk(app, 'reports.job', { id: started.id });
    }
    expect(job.state).toBe('failed');
    expectDiskFull(job.error);
    expect(readdirSync(folder)).toEqual([]);
    expect(app.snapshot()).toBe(before);
    expect((await expectOk(app, 'reports.recent')).items).toEqual([]);

    disk.unfill();
    const done = await expectOk(app, 'reports.export', { report: 'householdsNotice', scope: 'village', villageId, from: '2026-10-01', to: '2026-10-31', format, path });
    for (job = done; job.state === 'running'; ) {
      await new Promise((resolve) => setImmediate(resolve));
      job = await expectOk(app, 'reports.job', { id: done.id });
    }
    expect(job.state).toBe('done');
    expect(readdirSync(folder)).toEqual([`农户名单.${format}`]);
  }

  it('fails an XLSX export job with DISK_FULL and leaves no file nor .part', async (context) => {
    await exportOnFullDisk(context.skip, 'xlsx');
  });

  it('fails a CSV export job the same way', async (context) => {
    await exportOnFullDisk(context.skip, 'csv');
  });

  it('refuses a PDF by name and leaves no file nor .part', async (context) => {
    const disk = smallDisk(256 * 1024, context.skip, 'the disk-full PDF');
    const folder = join(disk.path, '导出');
    mkdirSync(folder);
    // The shell's printer port (Chromium draws the page): here it hands over a big PDF's bytes.
    const pdf = new Uint8Array(512 * 1024).fill(0x20);
    const printer: Printer = { toPdf: async () => pdf, print: async () => true };
    const app = await openApp({ dataDir: tempDir(), appVersion: 'test', printer, sync: { autoStart: false } });
    cleanups.push(() => app.close());
    const villageId = (await expectOk(app, 'device.setup', SECRETARY_SETUP)).villageIds[0]!;
    const path = join(folder, '李家村月报.pdf');
    const error = await expectRefused(app, 'reports.pdf', { report: 'monthly', scope: 'village', villageId, from: '2026-10-01', to: '2026-10-31', path });
    expectDiskFull(error);
    expect(readdirSync(folder)).toEqual([]);
    expect(existsSync(`${path}.part`)).toBe(false);
  });
});

describe('a full disk under the shared folder of a sync export', () => {
  it('refuses the export by name, leaves neither a file nor a .part there, moves no mark, and exports once there is room', async (context) => {
    const disk = smallDisk(1024 * 1024, context.skip, 'the disk-full sync export');
    const shared = join(disk.path, '共享');
    mkdirSync(shared);
    let wall = APP_START_TIME;
    const secretary = await openSyncDevice(tempDir(), SECRETARY_SETUP, { autoStart: false }, () => (wall += 1_000));
    cleanups.push(() => secretary.close());
    for (let i = 0; i < 60; i++) await expectOk(secretary, 'households.create', household(secretary.villageId!, i));
    const sqlite = secretary.context.db.sqlite;
    const marks = () => JSON.stringify(sqlite.prepare('SELECT * FROM export_marks ORDER BY 1, 2').all());
    const [ledgersBefore, marksBefore] = [dumpLedgers(sqlite), marks()];
    disk.fill(0);
    expectDiskFull(await expectRefused(secretary, 'sync.now', { folder: shared }));
    expect(readdirSync(shared, { recursive: true }).filter((name) => String(name).includes('.'))).toEqual([]);
    expect(marks()).toBe(marksBefore);
    expect(dumpLedgers(sqlite)).toBe(ledgersBefore);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    disk.unfill();
    const { exported } = await expectOk(secretary, 'sync.now', { folder: shared });
    expect(exported?.changes).toBeGreaterThan(0);
    expect(readdirSync(join(shared, secretary.id))).toEqual([expect.stringMatching(/\.cunji$/)]);
  });
});
