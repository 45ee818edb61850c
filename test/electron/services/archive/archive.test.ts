// A village's photo archive exported as a folder: built through the API from real photos and a
// PDF, then read back from the disk — each kept file copied byte for byte (its SHA-256 the
// row's), every name safe on Windows and unique in its folder, index.csv listing every
// attachment (the one not on this device too, as such), index.html linking only to files that
// are there; a second export makes a new folder and leaves the first as it was.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { isSafeName } from '../../../../electron/services/archive/names';
import { V } from '../../../../shared/domain/validation';
import { expectOk, expectRefused, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { makePhoto } from '../attachments/makeFiles';
import { photoVillage } from '../reports/photoVillage';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir`, relative, `/`-separated, with its SHA-256. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path).split('\\').join('/'), sha(readFileSync(path)));
    }
  };
  walk(dir);
  return files;
}

/** index.csv as records (its fields hold no line breaks here; quoted commas are kept). */
function readIndexCsv(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trim().split('\r\n').map((line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
}

async function villageWithHardNames() {
  const world = await photoVillage(tempDir());
  opened.push(world.app);
  const photo = async (i: number) => (await makePhoto({ width: 600 + i, height: 400 })).toString('base64');
  // Captions a file system refuses or mishandles, a long one, and two alike on one record.
  for (const [i, caption] of ['CON', '收据 <1>/2: "原件"?*|.', '很长的说明'.repeat(40), '合影', '合影'].entries()) {
    await expectOk(world.app, 'attachments.add', { ledger: 'visits', recordId: world.visits.bare, caption, files: [{ name: `p${i}.jpg`, data: await photo(i) }] });
  }
  return world;
}

describe('a village’s photo archive', () => {
  it('copies every kept file byte for byte under a safe, unique name, with an index of every attachment, and never writes over a folder', { timeout: 60_000 }, async () => {
    const { app, dataDir, villageId } = await villageWithHardNames();
    const parent = tempDir();
    const result = await expectOk(app, 'attachments.archive', { villageId, parent });
    expect(result.folderName).toBe('李家村_照片档案_2026-11-27');
    expect(result.folder).toBe(join(parent, result.folderName));
    expect(readdirSync(parent)).toEqual([result.folderName]); // no .part left

    const store = openFileStore(dataDir);
    const rows = app.context.db.sqlite.prepare('SELECT sha256, thumb_sha256 AS thumb, caption FROM attachments WHERE village_id = ? AND deleted_at IS NULL').all(villageId) as { sha256: string; thumb: string | null }[];
    const present = rows.filter((r) => store.has(r.sha256));
    expect(rows.length - present.length).toBe(1); // 李秀英's photo, not on this device
    expect(result).toMatchObject({ files: present.length, missing: 1 });
    expect(result.ledgers.map((l) => l.folder).sort()).toEqual(['入户走访', '项目', '项目资金'].sort());

    const files = tree(result.folder);
    const copies = [...files].filter(([path]) => !path.startsWith('_index/') && !path.startsWith('index.'));
    // Byte-identical: each copy hashes to a kept file, and every kept file of the village is there once.
    expect(copies.map(([, hash]) => hash).sort()).toEqual(present.map((r) => r.sha256).sort());
    for (const [path, hash] of copies) expect(readFileSync(join(result.folder, path)).equals(store.read(hash)), path).toBe(true);
    // Safe names, unique in each folder without regard to case, the whole path bounded.
    for (const [path] of copies) {
      for (const part of path.split('/')) expect(isSafeName(part), part).toBe(true);
      expect(path.length, path).toBeLessThanOrEqual(150);
    }
    const lower = copies.map(([path]) => path.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(copies.map(([path]) => path)).toEqual(expect.arrayContaining([
      '入户走访/2026-11-02_王建国_入户合影.jpg', '入户走访/2026-11-02_王建国_入户合影_2.jpg', '入户走访/2026-11-09_王建国_合影.jpg', '入户走访/2026-11-09_王建国_合影_2.jpg',
      '入户走访/2026-11-09_王建国_CON.jpg', '入户走访/2026-11-09_王建国_收据 _1__2_ _原件____.jpg', '入户走访/2026-11-05_李秀英_低保申请表.pdf', '项目资金/2026-11-01_村道硬化_拨款凭证.pdf',
    ]));

    // index.csv: every live attachment once, the one not here said so, each hash the row's.
    const [header, ...records] = readIndexCsv(join(result.folder, 'index.csv'));
    expect(header).toEqual(['台账', '记录', '日期', '说明', '文件名', 'SHA-256', '大小（字节）', '原文件名', '状态']);
    expect(records.map((r) => r[5]).sort()).toEqual(rows.map((r) => r.sha256).sort());
    for (const record of records) {
      if (record[4]) expect(files.get(record[4]), record[4]).toBe(record[5]);
      else expect(record[8]).toContain('未在本机');
    }
    // index.html: a link to every copy and a thumbnail for every photo, each pointing at a file that is there.
    const html = readFileSync(join(result.folder, 'index.html'), 'utf8');
    const targets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(new Set(targets.filter((t) => !t.startsWith('_index/')))).toEqual(new Set(copies.map(([path]) => path)));
    const thumbs = targets.filter((t) => t.startsWith('_index/'));
    expect(new Set(thumbs).size).toBe(present.filter((r) => r.thumb).length);
    for (const target of targets) expect(existsSync(join(result.folder, target)), target).toBe(true);
    expect(html).not.toMatch(/https?:/);

    // A second export: a new folder by the next free name; the first untouched.
    const again = await expectOk(app, 'attachments.archive', { villageId, parent });
    expect(again.folderName).toBe('李家村_照片档案_2026-11-27 (2)');
    expect(tree(result.folder)).toEqual(files);
    expect(tree(again.folder)).toEqual(files);
  });

  it('goes to the data folder’s exports without a chosen folder (the browser host), and refuses a folder that is not there', { timeout: 60_000 }, async () => {
    const { app, dataDir, villageId } = await villageWithHardNames();
    const hosted = await expectOk(app, 'attachments.archive', { villageId, language: 'en' });
    expect(hosted.folder).toBe(join(dataDir, 'exports', hosted.folderName));
    expect(hosted.folderName).toBe('李家村_photo archive_2026-11-27');
    expect(readdirSync(hosted.folder).sort()).toEqual(['Fund entries', 'Projects', 'Visits', '_index', 'index.csv', 'index.html']);
    const gone = join(tempDir(), 'not-there');
    const refused = await expectRefused(app, 'attachments.archive', { villageId, parent: gone });
    expect(refused.issues).toEqual([{ path: ['parent'], message: V.folderMissing }]);
    expect(existsSync(gone)).toBe(false);
  });
});
