// The start-up self-test on real files: it passes on a real database, and names a damaged or a
// read-only database file plainly, in both languages, with the cause for the log.
import { openSync, readFileSync, statSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../electron/services/app';
import { checkCrypto, checkOpenDatabase, describeFailures, runSelfTest } from '../../../electron/services/selfTest';
import { openDatabase } from '../../../db/open';
import { expectOk, openTestApp, SECRETARY_SETUP } from '../../helpers/openedApp';
import { useReadOnly } from '../../helpers/readOnly';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const makeReadOnly = useReadOnly();

/** A data folder whose database holds a set-up device and some rows, closed. */
async function realDataDir(): Promise<string> {
  const dir = tempDir();
  const app = await openTestApp(dir);
  try {
    await expectOk(app, 'device.setup', SECRETARY_SETUP);
    for (let i = 0; i < 200; i++) await expectOk(app, 'villages.create', { name: `第${i}村`, township: '青石镇' });
  } finally {
    app.close();
  }
  return dir;
}

describe('the crypto checks', () => {
  it('pass against the published vectors with this Node', async () => {
    expect(await checkCrypto()).toEqual([]);
  });
});

describe('the database checks', () => {
  it('pass on a real database, and leave it exactly as it was', async () => {
    const dir = await realDataDir();
    const file = join(dir, DATABASE_FILE_NAME);
    const before = await openDatabase(file);
    const tables = () => before.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const tablesBefore = tables();
    expect(await runSelfTest({ databaseFile: file })).toEqual([]);
    expect(tables()).toEqual(tablesBefore); // the test write was rolled back
    before.close();
  });

  it('pass on a first start, when there is no database yet', async () => {
    expect(await runSelfTest({ databaseFile: join(tempDir(), DATABASE_FILE_NAME) })).toEqual([]);
  });

  it('name a file that is not a database as damaged', async () => {
    const file = join(tempDir(), DATABASE_FILE_NAME);
    writeFileSync(file, 'SQLite format 3\0'.padEnd(8192, 'garbage '));
    const failures = await runSelfTest({ databaseFile: file });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ check: 'database', zh: expect.stringContaining('数据文件已损坏'), en: expect.stringContaining('The data file is damaged') });
    expect(failures[0]!.detail).toContain(file);
  });

  it('name a database whose pages were overwritten as damaged', async () => {
    const dir = await realDataDir();
    const file = join(dir, DATABASE_FILE_NAME);
    // Scribble over the middle of the file, past the header: the b-tree pages no longer agree.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    for (let at = 4096 * 2; at < size - 4096; at += 4096 * 3) writeSync(fd, Buffer.alloc(600, 0x5a), 0, 600, at + 100);
    closeSync(fd);
    const failures = await runSelfTest({ databaseFile: file });
    expect(failures.map((f) => f.check)).toEqual(['database']);
    expect(failures[0]!.en).toContain('damaged');
    expect(failures[0]!.detail).toMatch(/integrity_check|malformed|corrupt/i);
  });

  it('name a read-only database as one that cannot be written', async (context) => {
    const dir = await realDataDir();
    const file = join(dir, DATABASE_FILE_NAME);
    const untouched = readFileSync(file);
    if (!makeReadOnly(file)) context.skip('cannot make a file read-only on this machine');
    const failures = await runSelfTest({ databaseFile: file });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ check: 'database', zh: expect.stringContaining('数据文件不能写入'), en: expect.stringContaining('cannot be written') });
    expect(readFileSync(file).equals(untouched)).toBe(true);
  });

  it('refuse a connection that is not in WAL mode', async () => {
    const db = await openDatabase(join(tempDir(), DATABASE_FILE_NAME));
    try {
      checkOpenDatabase(db.sqlite);
      db.sqlite.pragma('journal_mode = DELETE');
      expect(() => checkOpenDatabase(db.sqlite)).toThrow(/journal_mode is delete, expected wal/);
      db.sqlite.pragma('journal_mode = WAL');
      db.sqlite.pragma('synchronous = FULL');
      expect(() => checkOpenDatabase(db.sqlite)).toThrow(/synchronous is 2, expected 1/);
    } finally {
      db.close();
    }
  });
});

describe('the error dialog text', () => {
  it('says what failed in both languages and where the log is', () => {
    const text = describeFailures([{ check: 'database', zh: '数据文件已损坏。', en: 'The data file is damaged.', detail: '/d/cunji.sqlite: file is not a database' }], '/d/logs/cunji.log');
    expect(text).toBe('数据文件已损坏。\nThe data file is damaged.\n  (/d/cunji.sqlite: file is not a database)\n\n日志 / Log: /d/logs/cunji.log');
  });
});
