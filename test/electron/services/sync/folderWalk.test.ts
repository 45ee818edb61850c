// The walk behind importing a folder, on real folders: it keeps within its bounds (depth, entries
// looked at, files taken) and says which one stopped it, never follows a symlinked folder (a
// loop), skips hidden and system folders, and goes on past a sub-folder it cannot list.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expandImportPath } from '../../../../electron/services/sync';
import { FOLDER_WALK_LIMITS, walkFolder, type FolderWalk, type FolderWalkLimits } from '../../../../electron/services/sync/folderWalk';
import { useChildScript } from '../../../helpers/childScript';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();

/** Small bounds, so a test plants tens of entries rather than ten thousand. */
const SMALL: FolderWalkLimits = { maxDepth: 2, maxEntries: 20, maxFiles: 5 };

/** Writes each relative path as a small file, making its folders. */
function plant(root: string, paths: string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'x');
  }
}

/** `n` names `prefix00.ext`, `prefix01.ext`, … */
const numbered = (n: number, prefix: string, ext: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}${ext}`);

const relative = (root: string, walk: FolderWalk): string[] => walk.files.map((file) => file.slice(root.length + 1));

describe('walkFolder', () => {
  it('has bounds a shared folder never reaches and a whole disk always does', () => {
    expect(FOLDER_WALK_LIMITS).toEqual({ maxDepth: 4, maxEntries: 100_000, maxFiles: 10_000 });
    const root = tempDir();
    // The layouts a person really picks: a shared folder, and a copy of one two levels down.
    plant(root, ['device-a/1.cunji', 'backup/2026-11/shared/device-b/2.cunji']);
    expect(walkFolder(root)).toEqual({ files: [join(root, 'backup/2026-11/shared/device-b/2.cunji'), join(root, 'device-a/1.cunji')], unreadable: [], limits: [] });
  });

  it('enters folders down to the depth bound and says there was more below', () => {
    const root = tempDir();
    plant(root, ['0.cunji', 'a/1.cunji', 'a/b/2.cunji', 'a/b/c/3.cunji', 'a/b/c/d/4.cunji']);
    const walk = walkFolder(root, SMALL);
    expect(relative(root, walk)).toEqual(['0.cunji', 'a/1.cunji', 'a/b/2.cunji']);
    expect(walk.limits).toEqual([{ limit: 'DEPTH', max: 2 }]);
  });

  it('says nothing of depth when the deepest folder it may enter holds only files', () => {
    const root = tempDir();
    plant(root, ['a/b/2.cunji', 'a/b/notes.txt']);
    expect(walkFolder(root, SMALL)).toEqual({ files: [join(root, 'a/b/2.cunji')], unreadable: [], limits: [] });
  });

  it('takes files up to the bound, shallow ones first, and says there were more', () => {
    const root = tempDir();
    plant(root, [...numbered(4, 'top', '.cunji'), ...numbered(4, 'deeper/f', '.cunji')]);
    const walk = walkFolder(root, SMALL);
    expect(walk.files).toHaveLength(SMALL.maxFiles);
    expect(relative(root, walk).filter((file) => file.startsWith('top'))).toEqual(numbered(4, 'top', '.cunji'));
    expect(walk.limits).toEqual([{ limit: 'FILES', max: SMALL.maxFiles }]);
    const exact = tempDir();
    plant(exact, numbered(SMALL.maxFiles, 'f', '.cunji'));
    expect(walkFolder(exact, SMALL)).toMatchObject({ limits: [] });
  });

  it('stops after looking at the bound of entries, whatever they are, and says so', () => {
    const root = tempDir();
    plant(root, [...numbered(SMALL.maxEntries, 'photo', '.jpg'), 'zz/1.cunji']);
    const walk = walkFolder(root, SMALL);
    expect(walk.files).toEqual([]);
    expect(walk.limits).toEqual([{ limit: 'ENTRIES', max: SMALL.maxEntries }]);
    const exact = tempDir();
    plant(exact, numbered(SMALL.maxEntries, 'photo', '.jpg'));
    expect(walkFolder(exact, SMALL).limits).toEqual([]);
  });

  it('never follows a symlinked folder, so a loop ends, but takes a symlinked bundle file', () => {
    const root = tempDir();
    const elsewhere = tempDir();
    plant(root, ['a/1.cunji']);
    plant(elsewhere, ['outside.cunji', 'inside/2.cunji']);
    symlinkSync(root, join(root, 'a', 'back-to-root'));
    symlinkSync('.', join(root, 'a', 'itself'));
    symlinkSync(join(elsewhere, 'inside'), join(root, 'linked-folder'));
    symlinkSync(join(elsewhere, 'outside.cunji'), join(root, 'linked.cunji'));
    symlinkSync(join(root, 'gone.cunji'), join(root, 'broken.cunji'));
    symlinkSync('looped.cunji', join(root, 'looped.cunji'));
    // Bounds that a followed loop would hit at once: none is hit.
    const walk = walkFolder(root, { maxDepth: 50, maxEntries: 100, maxFiles: 100 });
    expect(relative(root, walk)).toEqual(['a/1.cunji', 'linked.cunji']);
    expect(walk.limits).toEqual([]);
  });

  it('skips hidden and system folders, and hidden files such as a Mac’s ._ shadows', () => {
    const root = tempDir();
    plant(root, [
      'keep/1.cunji', '.git/objects/2.cunji', 'node_modules/pkg/3.cunji', '$RECYCLE.BIN/S-1-5/4.cunji', '$Recycle.Bin/5.cunji',
      'System Volume Information/6.cunji', 'keep/._1.cunji', '.hidden.cunji',
    ]);
    expect(relative(root, walkFolder(root))).toEqual(['keep/1.cunji']);
  });

  it('throws for a chosen folder it cannot open (the caller refuses that path by name)', () => {
    const file = join(tempDir(), 'plain.txt');
    writeFileSync(file, 'x');
    expect(() => walkFolder(file)).toThrow(/ENOTDIR/);
  });
});

describe('a sub-folder that cannot be listed', () => {
  const childScript = useChildScript(new URL('./fixtures/walkChild.ts', import.meta.url));
  // Root reads any folder whatever its mode: the walk then runs as `nobody`, who cannot.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const locked: string[] = [];
  beforeAll(() => chmodSync(dirname(childScript()), 0o755));
  afterEach(() => locked.splice(0).forEach((folder) => chmodSync(folder, 0o755)));

  function walkAsAnotherUser(root: string): FolderWalk & { thrown?: string } {
    const run = spawnSync(process.execPath, [childScript(), root], { encoding: 'utf8', ...asNobody });
    if (run.status !== 0) throw new Error(`walk child failed (${run.status}): ${run.stderr}`);
    return JSON.parse(run.stdout) as FolderWalk & { thrown?: string };
  }

  function lock(folder: string): void {
    chmodSync(folder, 0o000);
    locked.push(folder);
  }

  it('is named with why, and the rest of the folder is still walked', () => {
    const root = tempDir();
    chmodSync(root, 0o755);
    plant(root, ['a/1.cunji', 'private/2.cunji', 'z/3.cunji']);
    lock(join(root, 'private'));
    const walk = walkAsAnotherUser(root);
    expect(relative(root, walk)).toEqual(['a/1.cunji', 'z/3.cunji']);
    expect(walk.unreadable).toEqual([{ path: join(root, 'private'), message: expect.stringContaining('EACCES') }]);
    expect(walk.limits).toEqual([]);
  });

  it('when it is the chosen folder itself, fails the walk: the caller refuses that path', () => {
    const root = tempDir();
    chmodSync(root, 0o755);
    plant(root, ['private/2.cunji']);
    lock(join(root, 'private'));
    expect(walkAsAnotherUser(join(root, 'private')).thrown).toMatch(/EACCES/);
  });
});

describe('expandImportPath', () => {
  it('names the folder and the bound that stopped its walk, with the files found before it', () => {
    const root = tempDir();
    plant(root, numbered(SMALL.maxFiles + 1, 'f', '.cunji'));
    const expanded = expandImportPath(root, SMALL);
    expect(expanded.files).toHaveLength(SMALL.maxFiles);
    expect(expanded.refusal).toBeNull();
    expect(expanded.folderLimits).toEqual([{ folder: root, limit: 'FILES', max: SMALL.maxFiles }]);
  });

  it('refuses a folder where the walk found no bundle before a bound, and still says which bound', () => {
    const root = tempDir();
    plant(root, numbered(SMALL.maxEntries + 1, 'photo', '.jpg'));
    const expanded = expandImportPath(root, SMALL);
    expect(expanded.files).toEqual([]);
    expect(expanded.refusal).toMatchObject({ file: root, status: 'refused', refusal: { reason: 'NOT_A_BUNDLE' } });
    expect(expanded.folderLimits).toEqual([{ folder: root, limit: 'ENTRIES', max: SMALL.maxEntries }]);
  });
});
