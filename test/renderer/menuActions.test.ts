// The desktop menu's commands as the sync screen carries them out (the browser host cannot send
// them, so the e2e tests never see this mapping), and a native dialog's answer as paths.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/result';
import { chosenPaths, menuAction, syncNowPlan } from '../../renderer/src/screens/sync/menuActions';

describe('menuAction', () => {
  it('imports double-clicked files directly, with or without native dialogs', () => {
    const command = { command: 'importFiles', paths: ['D:\\村记\\李明.cunji', '/media/u/王芳.cunji'] } as const;
    expect(menuAction(command, true)).toEqual({ kind: 'import', paths: command.paths });
    expect(menuAction(command, false)).toEqual({ kind: 'import', paths: command.paths });
  });

  it('opens the bundle dialog for 导入同步文件…, or focuses the typed paths without one', () => {
    expect(menuAction({ command: 'importBundles' }, true)).toEqual({ kind: 'chooseBundles' });
    expect(menuAction({ command: 'importBundles' }, false)).toEqual({ kind: 'focus', field: 'paths' });
  });

  it('asks for a folder for 导出同步文件… (the export writes a new file into it), or focuses the folder field', () => {
    expect(menuAction({ command: 'exportBundle' }, true)).toEqual({ kind: 'chooseExportFolder' });
    expect(menuAction({ command: 'exportBundle' }, false)).toEqual({ kind: 'focus', field: 'folder' });
  });

  it('syncs for 立即同步 either way', () => {
    expect(menuAction({ command: 'syncNow' }, true)).toEqual({ kind: 'syncNow' });
    expect(menuAction({ command: 'syncNow' }, false)).toEqual({ kind: 'syncNow' });
  });
});

describe('syncNowPlan', () => {
  it('uses the folder when one is typed or remembered, else the saved places, else asks for a folder', () => {
    expect(syncNowPlan('D:\\村记同步', ['t1'])).toEqual({ kind: 'folder' });
    expect(syncNowPlan('  ', ['t1', 't2'])).toEqual({ kind: 'targets', ids: ['t1', 't2'] });
    expect(syncNowPlan('', [])).toEqual({ kind: 'focus', field: 'folder' });
  });
});

describe('chosenPaths', () => {
  it('gives the chosen paths, none when the dialog was closed, and null when there are no native dialogs', async () => {
    expect(await chosenPaths(async () => ({ canceled: false, paths: ['/a.cunji', '/b.cunji'] }))).toEqual(['/a.cunji', '/b.cunji']);
    expect(await chosenPaths(async () => ({ canceled: true, paths: [] }))).toEqual([]);
    expect(await chosenPaths(async () => Promise.reject(new ApiError('UNSUPPORTED', 'no dialogs in the browser host')))).toBeNull();
  });

  it('passes any other failure on', async () => {
    await expect(chosenPaths(async () => Promise.reject(new ApiError('INTERNAL', 'broken')))).rejects.toThrow('broken');
  });
});
