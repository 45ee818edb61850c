// Single instance and file association, under Node: the .cunji paths a command line names, the
// window brought back by a second start, and commands that wait for the page.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePathsFromArgv, createCommandOutbox, focusWindow, handleSecondInstance, type FocusableWindow } from '../../../electron/main/instance';
import type { MenuCommand } from '../../../shared/api/menuCommands';

const EXE = '/opt/cunji/cunji';
const CWD = '/home/li/下载';

function recordingWindow(minimized: boolean) {
  const calls: string[] = [];
  const win: FocusableWindow = {
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { calls, win };
}

describe('the .cunji paths on a command line', () => {
  it('takes absolute paths as they are and resolves relative ones from the caller’s folder', () => {
    expect(bundlePathsFromArgv([EXE, '/media/u盘/李家村-2026-11.cunji', '青石镇.cunji'], CWD)).toEqual(['/media/u盘/李家村-2026-11.cunji', join(CWD, '青石镇.cunji')]);
  });

  it('ignores the executable, flags, flag values, other files and repeats', () => {
    const argv = [
      '/opt/cunji/cunji.cunji', // argv[0] is the program, whatever its name
      '.',
      '--data',
      '/srv/data.cunji', // the value of --data, not a file to import
      '--data=/x.cunji',
      '--allow-file-access-from-files',
      'notes.txt',
      'A.CUNJI',
      'A.CUNJI',
      'bundle.cunji.part',
    ];
    expect(bundlePathsFromArgv(argv, CWD)).toEqual([resolve(CWD, 'A.CUNJI')]);
  });

  it('is empty for a plain start', () => {
    expect(bundlePathsFromArgv([EXE], CWD)).toEqual([]);
    expect(bundlePathsFromArgv([], CWD)).toEqual([]);
  });
});

describe('a second start', () => {
  it('restores a minimised window, shows and focuses it', () => {
    const { calls, win } = recordingWindow(true);
    focusWindow(win);
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('shows and focuses a window that is not minimised, without restoring it', () => {
    const { calls, win } = recordingWindow(false);
    focusWindow(win);
    expect(calls).toEqual(['show', 'focus']);
    expect(() => focusWindow(null)).not.toThrow();
  });

  it('passes the files it was given on to the window to import, and nothing when it had none', () => {
    const outbox = createCommandOutbox();
    const sent: MenuCommand[] = [];
    outbox.attach((command) => sent.push(command));
    const { calls, win } = recordingWindow(false);
    handleSecondInstance([EXE, '/tmp/a.cunji', '/tmp/b.cunji'], CWD, win, outbox);
    handleSecondInstance([EXE], CWD, win, outbox);
    expect(sent).toEqual([{ command: 'importFiles', paths: ['/tmp/a.cunji', '/tmp/b.cunji'] }]);
    expect(calls).toEqual(['show', 'focus', 'show', 'focus']);
  });
});

describe('the command outbox', () => {
  it('keeps commands until the page has loaded, then delivers them in order, and later ones at once', () => {
    const outbox = createCommandOutbox();
    const sent: MenuCommand[] = [];
    outbox.send({ command: 'importFiles', paths: ['/a.cunji'] }); // macOS open-file before the window
    outbox.send({ command: 'syncNow' });
    expect(sent).toEqual([]);
    outbox.attach((command) => sent.push(command));
    outbox.send({ command: 'exportBundle' });
    expect(sent).toEqual([{ command: 'importFiles', paths: ['/a.cunji'] }, { command: 'syncNow' }, { command: 'exportBundle' }]);
  });

  it('keeps commands again once the window is closed, for the next one', () => {
    const outbox = createCommandOutbox();
    const first: MenuCommand[] = [];
    const second: MenuCommand[] = [];
    outbox.attach((command) => first.push(command));
    outbox.detach();
    outbox.send({ command: 'importBundles' });
    outbox.attach((command) => second.push(command));
    expect(first).toEqual([]);
    expect(second).toEqual([{ command: 'importBundles' }]);
  });
});
