// The native dialogs behind the Dialogs port, under Node: Electron's `dialog` is replaced by a
// recorder (the binary cannot run here), which is all the shell's own logic touches.
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createElectronDialogs, saveFileOptions, withExtension } from '../../../electron/main/dialogs';
import type { Lang } from '../../../shared/domain/labels';

type Answer = { canceled: boolean; filePaths?: string[]; filePath?: string };

function recordingDialog(answer: Answer) {
  const calls: { kind: 'open' | 'save'; parent: unknown; options: OpenDialogOptions | SaveDialogOptions }[] = [];
  const record = (kind: 'open' | 'save') => (...args: unknown[]) => {
    const [parent, options] = args.length === 2 ? args : [null, args[0]];
    calls.push({ kind, parent, options: options as OpenDialogOptions });
    return Promise.resolve({ filePaths: [], ...answer });
  };
  const dialog = { showOpenDialog: record('open'), showSaveDialog: record('save') } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  return { calls, dialog };
}

const WINDOW = { id: 1 } as unknown as BrowserWindow;

function dialogsWith(answer: Answer, { window = WINDOW as BrowserWindow | null, language = 'zh-CN' as Lang } = {}) {
  const recorder = recordingDialog(answer);
  return { ...recorder, dialogs: createElectronDialogs({ dialog: recorder.dialog, window: () => window, language: () => language }) };
}

describe('opening bundles', () => {
  it('asks for one or more .cunji files, modal to the window, titled in the interface language', async () => {
    const { calls, dialogs } = dialogsWith({ canceled: false, filePaths: ['/u/a.cunji', '/u/b.cunji'] });
    expect(await dialogs.openBundles()).toEqual({ canceled: false, paths: ['/u/a.cunji', '/u/b.cunji'] });
    expect(calls).toEqual([
      {
        kind: 'open',
        parent: WINDOW,
        options: { title: '选择要导入的同步文件', buttonLabel: '选择', filters: [{ name: '村记同步文件', extensions: ['cunji'] }], properties: ['openFile', 'multiSelections'] },
      },
    ]);
  });

  it('answers canceled with no paths when the person closes it', async () => {
    expect(await dialogsWith({ canceled: true, filePaths: ['/ignored'] }).dialogs.openBundles()).toEqual({ canceled: true, paths: [] });
    expect(await dialogsWith({ canceled: false, filePaths: [] }).dialogs.openBundles()).toEqual({ canceled: true, paths: [] });
  });

  it('opens free-standing when the window is gone', async () => {
    const { calls, dialogs } = dialogsWith({ canceled: true }, { window: null, language: 'en' });
    await dialogs.openBundles();
    expect(calls[0]).toMatchObject({ parent: null, options: { title: 'Choose sync files to import' } });
  });
});

describe('choosing a folder', () => {
  it('asks for a folder and may create one', async () => {
    const { calls, dialogs } = dialogsWith({ canceled: false, filePaths: ['/media/u盘/同步'] }, { language: 'en' });
    expect(await dialogs.chooseFolder()).toEqual({ canceled: false, paths: ['/media/u盘/同步'] });
    expect(calls[0]!.options).toMatchObject({ title: 'Choose a folder', properties: ['openDirectory', 'createDirectory'] });
  });
});

describe('saving', () => {
  it('offers the bundle under its default name, filtered to .cunji, and confirms overwriting', async () => {
    const { calls, dialogs } = dialogsWith({ canceled: false, filePath: '/u/李家村-11月' });
    // Linux's dialog returns the name as typed: the extension is added.
    expect(await dialogs.saveBundle('李家村-11月')).toEqual({ canceled: false, paths: ['/u/李家村-11月.cunji'] });
    expect(calls[0]).toEqual({
      kind: 'save',
      parent: WINDOW,
      options: {
        title: '导出同步文件',
        defaultPath: '李家村-11月.cunji',
        filters: [{ name: '村记同步文件', extensions: ['cunji'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    });
  });

  it('offers a report with the filter of its type only', async () => {
    const { calls, dialogs } = dialogsWith({ canceled: false, filePath: '/u/台账.XLSX' }, { language: 'en' });
    expect(await dialogs.saveReport('台账', 'xlsx')).toEqual({ canceled: false, paths: ['/u/台账.XLSX'] });
    expect(calls[0]!.options).toMatchObject({ title: 'Save report', defaultPath: '台账.xlsx', filters: [{ name: 'Excel workbooks', extensions: ['xlsx'] }] });
    expect(saveFileOptions('zh-CN', 'pdf', 'x').filters).toEqual([{ name: 'PDF 文档', extensions: ['pdf'] }]);
  });

  it('answers canceled with no paths when the person cancels', async () => {
    expect(await dialogsWith({ canceled: true, filePath: '' }).dialogs.saveBundle('a')).toEqual({ canceled: true, paths: [] });
  });

  it('adds an extension only when it is missing', () => {
    expect(withExtension('a', 'cunji')).toBe('a.cunji');
    expect(withExtension('a.CUNJI', 'cunji')).toBe('a.CUNJI');
    expect(withExtension('a.cunji.csv', 'cunji')).toBe('a.cunji.csv.cunji');
  });
});
