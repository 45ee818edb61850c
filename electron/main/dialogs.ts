// The Dialogs port (electron/services/dialogs.ts) over Electron's native dialogs: modal to the
// app window, titled in the interface language, filtered to the one file type asked for.
// `dialog` and the window are passed in, and the options are built by pure functions, so all
// of it is unit-tested under Node.
import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { DialogResult, ReportFileType, SaveFileType } from '../../shared/domain/dialogs';
import type { Lang } from '../../shared/domain/labels';
import { DIALOG_TEXT } from '../../shared/i18n/dialogs';
import type { Dialogs } from '../services/dialogs';

const FILTER_NAME = { cunji: 'cunjiFiles', xlsx: 'xlsxFiles', csv: 'csvFiles', pdf: 'pdfFiles' } as const;

export function fileFilter(language: Lang, type: SaveFileType): FileFilter {
  return { name: DIALOG_TEXT[language][FILTER_NAME[type]], extensions: [type] };
}

export function openBundlesOptions(language: Lang): OpenDialogOptions {
  const t = DIALOG_TEXT[language];
  return { title: t.openBundlesTitle, buttonLabel: t.chooseButton, filters: [fileFilter(language, 'cunji')], properties: ['openFile', 'multiSelections'] };
}

export function chooseFolderOptions(language: Lang): OpenDialogOptions {
  const t = DIALOG_TEXT[language];
  return { title: t.chooseFolderTitle, buttonLabel: t.chooseButton, properties: ['openDirectory', 'createDirectory'] };
}

export function saveFileOptions(language: Lang, type: SaveFileType, defaultName: string): SaveDialogOptions {
  const t = DIALOG_TEXT[language];
  return {
    title: type === 'cunji' ? t.saveBundleTitle : t.saveReportTitle,
    defaultPath: withExtension(defaultName, type),
    filters: [fileFilter(language, type)],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Linux's save dialog does not add the extension the filter names: add it when missing. */
export function withExtension(path: string, type: SaveFileType): string {
  return path.toLowerCase().endsWith(`.${type}`) ? path : `${path}.${type}`;
}

export interface ElectronDialogsDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The app window, as parent; null when it is closed (the dialog is then free-standing). */
  window: () => BrowserWindow | null;
  language: () => Lang;
}

export function createElectronDialogs({ dialog, window, language }: ElectronDialogsDeps): Dialogs {
  async function open(options: OpenDialogOptions): Promise<DialogResult> {
    const parent = window();
    const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return canceled || filePaths.length === 0 ? { canceled: true, paths: [] } : { canceled: false, paths: filePaths };
  }
  async function save(type: SaveFileType, defaultName: string): Promise<DialogResult> {
    const options = saveFileOptions(language(), type, defaultName);
    const parent = window();
    const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? { canceled: true, paths: [] } : { canceled: false, paths: [withExtension(filePath, type)] };
  }
  return {
    openBundles: () => open(openBundlesOptions(language())),
    chooseFolder: () => open(chooseFolderOptions(language())),
    saveBundle: (defaultName) => save('cunji', defaultName),
    saveReport: (defaultName, type: ReportFileType) => save(type, defaultName),
  };
}
