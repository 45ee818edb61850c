// Titles and file-type names of the native open/save dialogs (the shell shows them; shared/
// so the parity test checks them with the menu's). zh-CN first; en has the same keys.
import type { Lang } from '../domain/labels';

export const DIALOG_TEXT_ZH = {
  openBundlesTitle: '选择要导入的同步文件',
  saveBundleTitle: '导出同步文件',
  chooseFolderTitle: '选择文件夹',
  saveReportTitle: '保存报表',
  chooseButton: '选择',
  cunjiFiles: '村记同步文件',
  xlsxFiles: 'Excel 表格',
  csvFiles: 'CSV 表格',
  pdfFiles: 'PDF 文档',
  aboutTitle: '关于村记',
  aboutDetail: '驻村第一书记的离线工作台账',
  version: '版本',
  dataFolder: '数据文件夹',
  ok: '确定',
  upgradingTitle: '村记',
  upgradingText: '正在升级本机数据，只需这一次，可能要一两分钟。请不要关闭电脑。',
} as const;

export type DialogTexts = Record<keyof typeof DIALOG_TEXT_ZH, string>;

export const DIALOG_TEXT: Readonly<Record<Lang, DialogTexts>> = {
  'zh-CN': DIALOG_TEXT_ZH,
  en: {
    openBundlesTitle: 'Choose sync files to import',
    saveBundleTitle: 'Export sync file',
    chooseFolderTitle: 'Choose a folder',
    saveReportTitle: 'Save report',
    chooseButton: 'Choose',
    cunjiFiles: 'Cunji sync files',
    xlsxFiles: 'Excel workbooks',
    csvFiles: 'CSV tables',
    pdfFiles: 'PDF documents',
    aboutTitle: 'About Cunji',
    aboutDetail: "The first secretary's offline work ledger",
    version: 'Version',
    dataFolder: 'Data folder',
    ok: 'OK',
    upgradingTitle: 'Cunji',
    upgradingText: 'Upgrading the data on this computer, this once; it can take a minute or two. Please do not turn the computer off.',
  },
};
