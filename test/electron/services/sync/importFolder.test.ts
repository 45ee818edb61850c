// sync.importFiles given a folder: every `.cunji` file under it (sorted, down to the walk's depth
// bound) is imported, anything else in it is left alone; a missing path, a file of another kind
// or a folder with no bundles is refused on its own receipt, by name, and the rest of the batch
// still imports. A bound that stopped the walk is said in the result (folderWalk.test.ts has the
// bounds themselves, on small limits).
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { recordVisit, township } from './syncApps';

const tempDir = useTempDirs();
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

async function twoFilesOfA() {
  const devices = await township(tempDir);
  closers.push(() => [devices.a, devices.b, devices.c].forEach((d) => d.close()));
  const { a } = devices;
  await recordVisit(a);
  const first = (await a.api.sync.exportFile({ path: tempDir() })).file!;
  await recordVisit(a);
  const second = (await a.api.sync.exportFile({ path: tempDir() })).file!;
  return { ...devices, first, second };
}

describe('sync.importFiles with folders', () => {
  it('imports every .cunji file under a folder, nested ones too, in sorted order, and skips other files', async () => {
    const { c, first, second } = await twoFilesOfA();
    const folder = tempDir();
    mkdirSync(join(folder, 'week 2'));
    // Names sort the second file first: the order is the paths', not the files' history.
    copyFileSync(second, join(folder, 'a.cunji'));
    copyFileSync(first, join(folder, 'week 2', 'b.cunji'));
    writeFileSync(join(folder, 'notes.txt'), 'not a bundle');
    writeFileSync(join(folder, 'half.cunji.part'), 'still copying');
    const { receipts } = await c.api.sync.importFiles({ paths: [folder] });
    expect(receipts.map((r) => [r.file, r.status])).toEqual([
      ['a.cunji', 'imported'],
      ['b.cunji', 'imported'],
    ]);
    expect(receipts.reduce((sum, r) => sum + r.changesNew, 0)).toBeGreaterThan(0);
  });

  it('looks 4 levels deep and names the folder when there was more below, past hidden folders and a symlink loop', async () => {
    const { c, first, second } = await twoFilesOfA();
    const folder = tempDir();
    const deepest = join(folder, 'a', 'b', 'c', 'd');
    mkdirSync(join(deepest, 'e'), { recursive: true });
    copyFileSync(first, join(deepest, 'first.cunji'));
    copyFileSync(second, join(deepest, 'e', 'too-deep.cunji'));
    for (const system of ['.git', 'node_modules']) {
      mkdirSync(join(folder, system));
      copyFileSync(second, join(folder, system, 'copy.cunji'));
    }
    symlinkSync(folder, join(folder, 'a', 'loop'));
    const result = await c.api.sync.importFiles({ paths: [folder] });
    expect(result.receipts.map((r) => [r.file, r.status])).toEqual([['first.cunji', 'imported']]);
    expect(result.folderLimits).toEqual([{ folder, limit: 'DEPTH', max: 4 }]);
    expect(result.unreadable).toEqual([]);
  });

  it('answers a folder imported again with a receipt per file that says it was imported before', async () => {
    const { c, first, second } = await twoFilesOfA();
    const folder = tempDir();
    copyFileSync(first, join(folder, '1.cunji'));
    copyFileSync(second, join(folder, '2.cunji'));
    expect((await c.api.sync.importFiles({ paths: [folder] })).receipts.map((r) => r.status)).toEqual(['imported', 'imported']);
    const before = snapshotDatabase(c.context.db.sqlite);
    const again = await c.api.sync.importFiles({ paths: [folder] });
    expect(again.receipts.map((r) => r.status)).toEqual(['already-imported', 'already-imported']);
    expect(again.folderLimits).toEqual([]);
    expect(snapshotDatabase(c.context.db.sqlite)).toBe(before);
  });

  it('refuses a missing path, another kind of file and a folder without bundles by name, imports the rest, and changes nothing for them', async () => {
    const { c, first } = await twoFilesOfA();
    const dir = tempDir();
    const missing = join(dir, 'gone.cunji');
    const text = join(dir, 'readme.txt');
    writeFileSync(text, 'hello');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const before = snapshotDatabase(c.context.db.sqlite);
    const refusedOnly = await c.api.sync.importFiles({ paths: [missing, text, empty] });
    expect(refusedOnly.receipts.map((r) => [r.file, r.status, r.refusal?.reason])).toEqual([
      [missing, 'refused', 'MISSING'],
      [text, 'refused', 'NOT_A_BUNDLE'],
      [empty, 'refused', 'NOT_A_BUNDLE'],
    ]);
    expect(refusedOnly.receipts[1]!.refusal!.message).toContain('readme.txt');
    expect(snapshotDatabase(c.context.db.sqlite)).toBe(before);
    const mixed = await c.api.sync.importFiles({ paths: [missing, first] });
    expect(mixed.receipts.map((r) => r.status)).toEqual(['refused', 'imported']);
  });
});
