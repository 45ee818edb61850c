// Backups of the database: a snapshot that is a whole, readable copy with its record counts; the
// rotation keeps the newest of the last 7 days, 4 weeks and 12 months and never a manual one; a
// full disk during a backup gives a plain error, leaves no half file and loses nothing stored.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpLedgers } from '../../db/sync/dump';
import { backupName, backupsToRemove, parseBackupName, readBackupSummary, snapshotDatabase, type BackupFile } from '../../db/backups';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../helpers/openedApp';
import { loggedChanges } from '../helpers/loggedChanges';
import { mountSmallDisk } from '../helpers/smallDisk';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

async function secretary(dir = tempDir()): Promise<TestApp> {
  const app = await openTestApp(dir);
  opened.push(app);
  await expectOk(app, 'device.setup', SECRETARY_SETUP);
  return app;
}

describe('a snapshot', () => {
  it('is a whole copy with its records counted per ledger, made while the app stays open', async () => {
    const app = await secretary();
    const villageId = app.context.db.sqlite.prepare('SELECT id FROM villages').pluck().get() as string;
    for (const [i, name] of ['张三', '李四', '王五'].entries()) await expectOk(app, 'households.create', { villageId, headName: name, villagerGroup: `第${i + 1}组`, category: 'ordinary' });
    const target = join(tempDir(), backupName('manual', Date.UTC(2026, 10, 27)));
    await snapshotDatabase(app.context.db.sqlite, target);
    expect(readBackupSummary(target)).toEqual({ counts: expect.objectContaining({ households: 3, villages: 1 }) as unknown, deviceId: app.context.identity.deviceId });
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('is named by its kind and time, and read back from the name', () => {
    const name = backupName('daily', Date.UTC(2026, 10, 27, 8, 5, 6, 7));
    expect(name).toBe('cunji-daily-2026-11-27T08-05-06-007Z.sqlite');
    expect(parseBackupName(name)).toEqual({ kind: 'daily', at: '2026-11-27T08:05:06.007Z' });
    expect(parseBackupName('cunji-schema0130-2026-11-27T08-05-06-007Z.sqlite')).toEqual({ kind: 'schema', at: '2026-11-27T08:05:06.007Z' });
    expect(parseBackupName('cunji.sqlite')).toBeNull();
    expect(parseBackupName('../cunji-daily-2026-11-27T08-05-06-007Z.sqlite')).toBeNull();
  });
});

describe('the rotation', () => {
  const file = (kind: BackupFile['kind'], at: Date): BackupFile => ({ name: backupName(kind === 'schema' ? 'manual' : kind, at.getTime()).replace('manual', kind), kind, at: at.toISOString(), bytes: 1 });

  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months, and every manual, restore and schema copy', () => {
    // Two backups a day (a daily and one before an import) for 400 days, and a few of the other kinds.
    const files: BackupFile[] = [];
    const last = Date.UTC(2026, 10, 27, 20);
    for (let day = 0; day < 400; day++) {
      files.push(file('daily', new Date(last - day * 86_400_000 - 3_600_000)));
      files.push(file('import', new Date(last - day * 86_400_000)));
    }
    const others = [file('manual', new Date(last - 300 * 86_400_000)), file('restore', new Date(last - 200 * 86_400_000)), file('schema', new Date(last - 390 * 86_400_000))];
    const removed = new Set(backupsToRemove([...files, ...others]).map((f) => f.name));
    const kept = [...files, ...others].filter((f) => !removed.has(f.name));
    for (const other of others) expect(kept).toContainEqual(other);
    const automatic = kept.filter((f) => f.kind === 'daily' || f.kind === 'import');
    // 7 days; weeks and months add only what the days do not already cover.
    expect(automatic.length).toBeGreaterThanOrEqual(7 + 2);
    expect(automatic.length).toBeLessThanOrEqual(7 + 4 + 12);
    const days = new Set(automatic.map((f) => f.at.slice(0, 10)));
    for (let day = 0; day < 7; day++) expect(days).toContain(new Date(last - day * 86_400_000).toISOString().slice(0, 10));
    // Only the newest of a day: the import snapshot at 20:00, not the daily one at 19:00.
    expect(automatic.every((f) => f.kind === 'import')).toBe(true);
    const months = new Set(automatic.map((f) => f.at.slice(0, 7)));
    expect(months.size).toBe(12);
    // The oldest kept is within 12 months.
    expect(automatic.at(-1)!.at >= '2025-12').toBe(true);
  });
});

describe('a full disk during a backup', () => {
  it('says so in plain words, leaves no half file, and loses nothing stored', async (context) => {
    const disk = mountSmallDisk(tempDir(), 256 * 1024, context.skip, 'the disk-full backup');
    const mountPoint = disk.path;
    try {
      const app = await secretary();
      const villageId = app.context.db.sqlite.prepare('SELECT id FROM villages').pluck().get() as string;
      for (let i = 0; i < 300; i++) await expectOk(app, 'households.create', { villageId, headName: `户主${i}`, villagerGroup: `第${i}组`, category: 'ordinary', notes: '备注'.repeat(40) });
      // What is stored: the ledgers and every change (the backup seals waiting changes into segments first, which changes no record).
      const stored = () => [dumpLedgers(app.context.db.sqlite), JSON.stringify(loggedChanges(app.context.db.sqlite).map(({ id, tbl, row_id, col, value, seen }) => ({ id, tbl, row_id, col, value, seen })))].join('\n');
      const before = stored();
      const refused = await expectRefused(app, 'backups.exportTo', { folder: mountPoint });
      expect(refused.code).toBe('DISK_FULL');
      expect(refused.message).toMatch(/^Not enough space on the disk for the backup/);
      expect(readdirSync(mountPoint)).toEqual([]);
      expect(stored()).toBe(before);
      expect(app.context.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // The app goes on: a write, and a backup where there is room.
      await expectOk(app, 'households.create', { villageId, headName: '之后户', villagerGroup: '一组', category: 'ordinary' });
      const room = tempDir();
      mkdirSync(room, { recursive: true });
      expect((await expectOk(app, 'backups.exportTo', { folder: room })).bytes).toBeGreaterThan(0);
    } finally {
      disk.unmount();
    }
  });
});

describe('a full backups folder while the app makes a snapshot', () => {
  it('gives the plain error, leaves no half file in it, and the app writes on', async (context) => {
    const dataDir = tempDir();
    const backups = join(dataDir, 'backups');
    mkdirSync(backups, { recursive: true });
    const disk = mountSmallDisk(backups, 128 * 1024, context.skip, 'the disk-full snapshot');
    try {
      const app = await secretary(dataDir);
      const villageId = app.context.db.sqlite.prepare('SELECT id FROM villages').pluck().get() as string;
      for (let i = 0; i < 200; i++) await expectOk(app, 'households.create', { villageId, headName: `户主${i}`, villagerGroup: `第${i}组`, category: 'ordinary', notes: '备注'.repeat(40) });
      const stored = () => dumpLedgers(app.context.db.sqlite);
      const before = stored();
      const refused = await expectRefused(app, 'backups.create');
      expect(refused.code).toBe('DISK_FULL');
      expect(refused.message).toMatch(/^Not enough space on the disk for the backup/);
      expect(readdirSync(backups)).toEqual([]);
      expect(stored()).toBe(before);
      expect(app.context.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      await expectOk(app, 'households.create', { villageId, headName: '之后户', villagerGroup: '之后组', category: 'ordinary' });
      expect((await expectOk(app, 'backups.list')).items).toEqual([]);
    } finally {
      for (const app of opened.splice(0)) app.close();
      disk.unmount();
    }
  });
});

