// The application menu as data, under Node: its items per platform and build, its words in
// both languages (same keys, none empty, no stray English in Chinese), and what each item does.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/menu';
import type { Lang } from '../../../shared/domain/labels';
import { DIALOG_TEXT } from '../../../shared/i18n/dialogs';
import { MENU_TEXT } from '../../../shared/i18n/menu';

function recordingActions() {
  const calls: string[] = [];
  const actions: MenuActions = {
    command: (name) => calls.push(`command:${name}`),
    about: () => calls.push('about'),
    openDataFolder: () => calls.push('openDataFolder'),
    openLog: () => calls.push('openLog'),
  };
  return { calls, actions };
}

const DEV = { packaged: false, dev: true };
const PACKAGED = { packaged: true, dev: false };

const submenuOf = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label);
const menu = (template: MenuItemConstructorOptions[], label: string) => submenuOf(template.find((item) => item.label === label)!);
/** Every item of every submenu, flattened, without separators. */
const allItems = (template: MenuItemConstructorOptions[]) => template.flatMap(submenuOf).filter((item) => item.type !== 'separator');
const byId = (template: MenuItemConstructorOptions[], id: string) => allItems(template).find((item) => item.id === id)!;
/** Electron passes (menuItem, window, event); the template's clicks ignore all three. */
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('the menu bar', () => {
  it('is File, Edit, View, Help on Windows and Linux, in Chinese by default', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(labels(buildMenuTemplate('zh-CN', recordingActions().actions, platform))).toEqual(['文件', '编辑', '视图', '帮助']);
    }
    expect(labels(buildMenuTemplate('en', recordingActions().actions, 'win32'))).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('starts with the app menu on macOS, which holds About and Quit', () => {
    const template = buildMenuTemplate('zh-CN', recordingActions().actions, 'darwin');
    expect(labels(template)).toEqual(['村记', '文件', '编辑', '视图', '帮助']);
    const appMenu = submenuOf(template[0]!);
    expect(appMenu[0]!.label).toBe('关于村记');
    expect(appMenu.at(-1)).toMatchObject({ role: 'quit', label: '退出' });
    // …so neither is repeated under File or Help.
    expect(menu(template, '文件').some((item) => item.role === 'quit')).toBe(false);
    expect(menu(template, '帮助').some((item) => item.id === 'about')).toBe(false);
  });
});

describe('File', () => {
  it('imports, exports and syncs now through the window, and quits', () => {
    const { calls, actions } = recordingActions();
    const file = menu(buildMenuTemplate('zh-CN', actions, 'win32'), '文件');
    expect(file.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['导入同步文件…', '导出同步文件…', '立即同步', '退出']);
    for (const item of file.filter((i) => i.click)) click(item);
    expect(calls).toEqual(['command:importBundles', 'command:exportBundle', 'command:syncNow']);
    expect(file.at(-1)).toMatchObject({ role: 'quit' });
  });

  it('has a keyboard shortcut for each command, none taken twice', () => {
    const accelerators = allItems(buildMenuTemplate('en', recordingActions().actions, 'linux')).flatMap((item) => (item.accelerator ? [item.accelerator] : []));
    expect(accelerators).toEqual(['CmdOrCtrl+O', 'CmdOrCtrl+E', 'CmdOrCtrl+Shift+S']);
  });
});

describe('Edit', () => {
  it('is the standard editing roles, so text fields get undo, copy and paste', () => {
    const edit = menu(buildMenuTemplate('en', recordingActions().actions, 'win32'), 'Edit');
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });
});

describe('View', () => {
  const roles = (build: { packaged: boolean; dev: boolean }) =>
    menu(buildMenuTemplate('en', recordingActions().actions, 'linux', build), 'View').filter((i) => i.role).map((i) => i.role);

  it('offers reload and developer tools only to a developer', () => {
    expect(roles(DEV)).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('offers neither in a packaged build, where the default is packaged', () => {
    expect(roles(PACKAGED)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(menu(buildMenuTemplate('en', recordingActions().actions, 'linux'), 'View').map((i) => i.role)).not.toContain('toggleDevTools');
  });

  it('offers developer tools, but not reload, to an unpackaged build that is not the dev server', () => {
    expect(roles({ packaged: false, dev: false })).toEqual(['toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });
});

describe('Help', () => {
  it('shows About, opens the data folder and opens the log', () => {
    const { calls, actions } = recordingActions();
    const help = menu(buildMenuTemplate('zh-CN', actions, 'win32'), '帮助');
    const items = help.filter((i) => i.type !== 'separator');
    expect(items.map((i) => i.label)).toEqual(['关于村记', '打开数据文件夹', '打开日志']);
    items.forEach(click);
    expect(calls).toEqual(['about', 'openDataFolder', 'openLog']);
  });
});

describe('the menu in each language', () => {
  it('labels every item, role or not, in the language asked for', () => {
    for (const [lang, texts] of Object.entries(MENU_TEXT) as [Lang, Record<string, string>][]) {
      for (const platform of ['darwin', 'win32'] as const) {
        const template = buildMenuTemplate(lang, recordingActions().actions, platform, DEV);
        const used = [...template.map((i) => i.label), ...allItems(template).map((i) => i.label)];
        for (const label of used) expect(Object.values(texts), `${lang} ${platform}`).toContain(label);
      }
    }
    const zh = buildMenuTemplate('zh-CN', recordingActions().actions, 'darwin', DEV);
    const en = buildMenuTemplate('en', recordingActions().actions, 'darwin', DEV);
    expect(byId(zh, 'syncNow').label).toBe('立即同步');
    expect(byId(en, 'syncNow').label).toBe('Sync now');
    expect(byId(en, 'openLog').label).toBe('Open log');
  });
});

describe('the shell texts', () => {
  for (const [name, table] of [
    ['menu', MENU_TEXT],
    ['dialogs', DIALOG_TEXT],
  ] as const) {
    it(`${name}: both languages have the same keys, and none is empty`, () => {
      const zh = table['zh-CN'] as Record<string, string>;
      const en = table.en as Record<string, string>;
      expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
      for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
    });

    it(`${name}: the Chinese is Chinese and the English is English`, () => {
      for (const [key, text] of Object.entries(table['zh-CN'])) expect(text, key).toMatch(/[\u4e00-\u9fff]/);
      for (const [key, text] of Object.entries(table.en)) expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
