// The application menu as data: which items, in which language, on which platform. Pure (no
// runtime 'electron'), so the template is unit-tested under Node; main.ts only hands it to
// Menu.buildFromTemplate and rebuilds it when the renderer switches language.
import type { MenuItemConstructorOptions } from 'electron';
import type { Lang } from '../../shared/domain/labels';
import type { MenuCommandName } from '../../shared/api/menuCommands';
import { MENU_TEXT } from '../../shared/i18n/menu';

/** What the menu's own items do; roles (copy, zoom…) need nothing from the shell. */
export interface MenuActions {
  /** Sent to the window: the renderer owns these screens. */
  command(name: Exclude<MenuCommandName, 'importFiles'>): void;
  about(): void;
  openDataFolder(): void;
  openLog(): void;
}

export interface MenuBuild {
  /** Running from a packaged build: no developer tools. */
  readonly packaged: boolean;
  /** Running `npm run dev` (renderer from the dev server): reload is offered. */
  readonly dev: boolean;
}

export function buildMenuTemplate(
  locale: Lang,
  actions: MenuActions,
  platform: NodeJS.Platform,
  build: MenuBuild = { packaged: true, dev: false },
): MenuItemConstructorOptions[] {
  const t = MENU_TEXT[locale];
  const mac = platform === 'darwin';

  // macOS puts About and Quit under the app's own menu; elsewhere they live in Help and File.
  const appMenu: MenuItemConstructorOptions = {
    label: t.app,
    submenu: [
      { label: t.about, click: () => actions.about() },
      { type: 'separator' },
      { role: 'hide', label: t.hide },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.showAll },
      { type: 'separator' },
      { role: 'quit', label: t.quit },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { id: 'importBundles', label: t.importBundles, accelerator: 'CmdOrCtrl+O', click: () => actions.command('importBundles') },
      { id: 'exportBundle', label: t.exportBundle, accelerator: 'CmdOrCtrl+E', click: () => actions.command('exportBundle') },
      { type: 'separator' },
      { id: 'syncNow', label: t.syncNow, accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.command('syncNow') },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit', label: t.quit }] as MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      // A reload in the field would drop an unsaved form; only a developer needs it.
      ...(build.dev ? ([{ role: 'reload', label: t.reload }] as MenuItemConstructorOptions[]) : []),
      ...(build.packaged ? [] : ([{ role: 'toggleDevTools', label: t.devTools }] as MenuItemConstructorOptions[])),
      ...(build.dev || !build.packaged ? ([{ type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t.help,
    submenu: [
      ...(mac ? [] : ([{ id: 'about', label: t.about, click: () => actions.about() }, { type: 'separator' }] as MenuItemConstructorOptions[])),
      { id: 'openDataFolder', label: t.openDataFolder, click: () => actions.openDataFolder() },
      { id: 'openLog', label: t.openLog, click: () => actions.openLog() },
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, help];
}
