// The native menu's words. Here, in shared/, because the shell may not import renderer/ (where
// the interface's own texts live) and shared/ is what both may import. zh-CN first; en must
// have the same keys (test/electron/main/menu.test.ts checks).
import type { Lang } from '../domain/labels';

export const MENU_TEXT_ZH = {
  app: '村记',
  file: '文件',
  importBundles: '导入同步文件…',
  exportBundle: '导出同步文件…',
  syncNow: '立即同步',
  quit: '退出',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  devTools: '开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '全屏',
  window: '窗口',
  minimize: '最小化',
  help: '帮助',
  about: '关于村记',
  openDataFolder: '打开数据文件夹',
  openLog: '打开日志',
  hide: '隐藏村记',
  hideOthers: '隐藏其他',
  showAll: '全部显示',
} as const;

export type MenuTextKey = keyof typeof MENU_TEXT_ZH;
export type MenuTexts = Record<MenuTextKey, string>;

export const MENU_TEXT: Readonly<Record<Lang, MenuTexts>> = {
  'zh-CN': MENU_TEXT_ZH,
  en: {
    app: 'Cunji',
    file: 'File',
    importBundles: 'Import sync files…',
    exportBundle: 'Export sync file…',
    syncNow: 'Sync now',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer tools',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    window: 'Window',
    minimize: 'Minimize',
    help: 'Help',
    about: 'About Cunji',
    openDataFolder: 'Open data folder',
    openLog: 'Open log',
    hide: 'Hide Cunji',
    hideOthers: 'Hide others',
    showAll: 'Show all',
  },
};
