// Export jobs as the screen drives them: a Stop leaves no file and no `.part`; a failure the same;
// a refused request (a village or township not kept, a folder that does not exist, a folder as
// the file) names its field and writes nothing; the app keeps answering — and writing — while a
// job runs, and the file tells the moment the job began; the recent list.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V } from '../../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { demoTownship, type World } from './fixtures';
import { exportDone, readXlsx } from './readBack';

const tempDir = useTempDirs();
const TERM = { from: '2024-11-28', to: '2026-11-27' };
const BIG = { report: 'visitsNeeds' as const, scope: 'township' as const, ...TERM };
const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

let world: World;
beforeAll(async () => {
  world = await demoTownship();
}, 60_000);
afterAll(() => world.close());

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a refusal must leave as it was: the change log's length and head, and the local meta table. */
function stored(): string {
  const sqlite = world.app.context.db.sqlite;
  return JSON.stringify([sqlite.prepare('SELECT count(*), max(id) FROM changes').raw().get(), sqlite.prepare('SELECT * FROM meta ORDER BY key').all()]);
}

/** Polls, a turn of the event loop at a time, until the job has written `rows` rows (it is mid-way). */
async function midway(id: string, rows = 1) {
  for (let i = 0; i < 10_000; i++) {
    const job = await expectOk(world.app, 'reports.job', { id });
    if (job.rowsWritten >= rows || job.state !== 'running') return job;
    await turn();
  }
  throw new Error('the job never wrote a row');
}

describe('Stop', () => {
  it('mid-way: the job ends cancelled, and neither the file nor its .part is left', async () => {
    const dir = tempDir();
    const path = join(dir, '走访与诉求台账.xlsx');
    const started = await expectOk(world.app, 'reports.export', { ...BIG, format: 'xlsx', path });
    const running = await midway(started.id);
    expect(running.state).toBe('running');
    expect(running.rowsEstimate).toBeGreaterThan(1000);
    expect(existsSync(`${path}.part`), 'the .part is being written').toBe(true);
    const stopped = await expectOk(world.app, 'reports.cancel', { id: started.id });
    expect(stopped.state).toBe('cancelled');
    expect(stopped.rowsWritten).toBeLessThan(stopped.rowsEstimate);
    expect(readdirSync(dir)).toEqual([]);
    expect((await expectOk(world.app, 'reports.recent')).items.map((e) => e.file)).not.toContain(path);
  });

  it('at once, in CSV too, leaves nothing; a Stop after the end changes nothing', async () => {
    const dir = tempDir();
    const path = join(dir, '台账.csv');
    const started = await expectOk(world.app, 'reports.export', { ...BIG, format: 'csv', path });
    expect((await expectOk(world.app, 'reports.cancel', { id: started.id })).state).toBe('cancelled');
    expect(readdirSync(dir)).toEqual([]);

    const done = await exportDone(world.app, { ...BIG, format: 'csv', path });
    expect(done.state).toBe('done');
    expect(await expectOk(world.app, 'reports.cancel', { id: done.id })).toEqual(done);
    expect(readdirSync(dir)).toEqual(['台账.csv']);
  });
});

describe('a failure', () => {
  it('its folder gone mid-way: the job ends failed with the reason, and nothing is left', async () => {
    const dir = join(tempDir(), '导出');
    mkdirSync(dir);
    const path = join(dir, '台账.xlsx');
    const started = await expectOk(world.app, 'reports.export', { ...BIG, format: 'xlsx', path });
    await midway(started.id);
    rmSync(dir, { recursive: true });
    let job = started;
    while (job.state === 'running') {
      await turn();
      job = await expectOk(world.app, 'reports.job', { id: started.id });
    }
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('ENOENT');
    expect(existsSync(path) || existsSync(`${path}.part`)).toBe(false);
    // The open file outlives its folder, so the job only fails at the final rename: it writes the
    // whole big export first, which can take longer than the default 30 s on a busy 2-core machine.
  }, 180_000);
});

describe('a refused export', () => {
  it.each([
    ['a village this device does not keep', { report: 'monitoring', scope: 'village', villageId: UUID }, ['villageId'], V.villageOutOfScope],
    ['a township this device does not keep', { report: 'summary', scope: 'township', township: '东山镇' }, ['township'], V.townshipOutOfScope],
    ['a folder that does not exist', { report: 'summary', scope: 'township', path: '/nonexistent-cunji/汇总表.xlsx' }, ['path'], V.folderMissing],
    ['a path that is a folder', { report: 'summary', scope: 'township', path: 'FOLDER' }, ['path'], V.invalid],
    ['a path that is not absolute', { report: 'summary', scope: 'township', path: 'exports/汇总表.xlsx' }, ['path'], V.absolutePath],
    ['an end before the start', { report: 'summary', scope: 'township', from: '2026-10-31', to: '2026-10-01' }, ['to'], V.dateOrder],
    ['an unknown report', { report: 'payroll', scope: 'township' }, ['report'], V.invalid],
  ] as const)('for %s names the field and writes nothing', async (_label, over, path, message) => {
    const dir = tempDir();
    const folder = join(dir, '汇总表.xlsx');
    mkdirSync(folder);
    const input = { from: '2026-10-01', to: '2026-10-31', format: 'xlsx', ...over, ...('path' in over && over.path === 'FOLDER' ? { path: folder } : {}) };
    const before = stored();
    const exportsBefore = existsSync(join(world.dir, 'exports')) ? readdirSync(join(world.dir, 'exports')) : [];
    const error = await expectRefused(world.app, 'reports.export', input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toContainEqual({ path: [...path], message });
    if (!('path' in over)) expect(error.issues).toHaveLength(1);
    expect(stored()).toBe(before);
    expect(readdirSync(dir)).toEqual(['汇总表.xlsx']);
    expect(existsSync(join(world.dir, 'exports')) ? readdirSync(join(world.dir, 'exports')) : []).toEqual(exportsBefore);
    // The preview refuses the same request the same way.
    const { format: _f, path: _p, ...request } = input as Record<string, unknown>;
    if (!('path' in over)) expect((await expectRefused(world.app, 'reports.preview', request)).issues).toContainEqual({ path: [...path], message });
  });

  it('on a device not set up: NOT_SET_UP, nothing written', async () => {
    const app = await openTestApp(tempDir());
    try {
      const error = await expectRefused(app, 'reports.export', { report: 'summary', scope: 'district', ...TERM, format: 'csv' });
      expect(error.code).toBe('NOT_SET_UP');
      expect(existsSync(join(app.context.dataDir, 'exports'))).toBe(false);
    } finally {
      app.close();
    }
  });

  it('an unknown job is NOT_FOUND', async () => {
    expect((await expectRefused(world.app, 'reports.job', { id: UUID })).code).toBe('NOT_FOUND');
    expect((await expectRefused(world.app, 'reports.cancel', { id: UUID })).code).toBe('NOT_FOUND');
  });
});

describe('while a job runs', () => {
  it('the app answers and writes; the file holds the ledgers as they were when the job began', async () => {
    const path = join(tempDir(), '走访.xlsx');
    const visitsBefore = (await expectOk(world.app, 'reports.preview', { ...BIG, limit: 1 })).tables[1]!.dataRows;
    const started = await expectOk(world.app, 'reports.export', { ...BIG, format: 'xlsx', path });
    // Mid-way through the visits: the job's cursor is open between its slices.
    expect((await midway(started.id, 600)).state).toBe('running');
    // A write between two slices: it must not meet a busy connection.
    const household = (await expectOk(world.app, 'households.list', { limit: 1 })).items[0]!;
    await expectOk(world.app, 'visits.create', { villageId: household.villageId, householdId: household.id, visitDate: '2026-11-20', mode: 'home', situation: '导出时写入' });
    expect((await expectOk(world.app, 'reports.preview', { ...BIG, limit: 1 })).tables[1]!.dataRows).toBe(visitsBefore + 1);
    expect((await expectOk(world.app, 'reports.job', { id: started.id })).state).toBe('running');
    let job = started;
    while (job.state === 'running') {
      await turn();
      job = await expectOk(world.app, 'reports.job', { id: started.id });
    }
    expect(job.state).toBe('done');
    const { sheets } = await readXlsx(path);
    expect(sheets[1]!.body.length - 1, 'the visits of the moment the job began').toBe(visitsBefore);
    expect(job.rowsWritten).toBe(job.rowsEstimate);
  });
});

describe('exports without a chosen path (the browser host)', () => {
  it('go to <data>/exports under the report’s name, never over another, with the path the host serves them on', async () => {
    const request = { report: 'summary' as const, scope: 'township' as const, from: '2026-10-01', to: '2026-10-31', format: 'xlsx' as const };
    const first = await exportDone(world.app, request);
    const second = await exportDone(world.app, request);
    expect(dirname(first.file)).toBe(join(world.dir, 'exports'));
    expect(first.fileName).toBe('镇街汇总表_青石镇_2026-10-01_2026-10-31.xlsx');
    expect(second.fileName).toBe('镇街汇总表_青石镇_2026-10-01_2026-10-31 (2).xlsx');
    expect(first.download).toBe(`exports/${encodeURIComponent(first.fileName)}`);
    expect(existsSync(first.file) && existsSync(second.file)).toBe(true);
  });
});

describe('the recent exports', () => {
  it('lists finished exports newest first, says when a file is gone, and keeps the last 20', async () => {
    const dir = tempDir();
    const paths = Array.from({ length: 22 }, (_, i) => join(dir, `成绩单${i}.csv`));
    for (const path of paths) expect((await exportDone(world.app, { report: 'scorecard', scope: 'township', ...TERM, format: 'csv', path })).state).toBe('done');
    rmSync(paths[21]!);
    const { items } = await expectOk(world.app, 'reports.recent');
    expect(items).toHaveLength(20);
    expect(items.slice(0, 3).map((e) => e.file)).toEqual([paths[21], paths[20], paths[19]]);
    expect(items[0]).toMatchObject({ report: 'scorecard', format: 'csv', exists: false, title: `青石镇驻村工作成绩单（${TERM.from} 至 ${TERM.to}）`, download: null });
    expect(items[1]!.exists).toBe(true);
    expect(items[1]!.rows).toBe(7);
    expect(items[1]!.bytes).toBeGreaterThan(0);
  });
});
