// The Electron shell: single instance, a start-up self-test, one hardened window, the
// contract's handlers on IPC, the menu, native dialogs and the log. Everything it serves comes
// from electron/services, the same code the browser host runs; what decides anything lives in
// the pure modules next to this file (menu, instance, dialogs, ipc), tested under Node.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, screen, session, shell } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/api/menuCommands';
import type { Lang } from '../../shared/domain/labels';
import { DIALOG_TEXT } from '../../shared/i18n/dialogs';
import { pendingMigrationCount } from '../../db/open';
import { DATABASE_FILE_NAME, openApp, type OpenedApp } from '../services/app';
import { createLogger, logDirOf } from '../services/log';
import { dataDirArgument } from '../services/paths';
import { describeFailures, runSelfTest } from '../services/selfTest';
import { createElectronDialogs } from './dialogs';
import { createElectronPrinter } from './printer';
import { bundlePathsFromArgv, BUNDLE_EXTENSION, createCommandOutbox, focusWindow, handleSecondInstance } from './instance';
import { isAppFrame, registerApi } from './ipc';
import { buildMenuTemplate } from './menu';
import { createSafeStorageSecretStore } from './secrets';
import { denyPermissions, hardenWebContents } from './security';
import { upgradeNoticeOptions, upgradeNoticeUrl } from './upgradeNotice';
import { windowOptions } from './windowOptions';
import { readWindowState, writeWindowState } from './windowState';

const indexHtml = join(__dirname, '..', 'renderer', 'index.html');
const appUrl = pathToFileURL(indexHtml).href;

// `--data DIR` keeps everything (database, backups, logs, Chromium's own files) in DIR.
const dataDirFlag = dataDirArgument(process.argv);
if (dataDirFlag) app.setPath('userData', dataDirFlag);

const log = createLogger({ dir: logDirOf(app.getPath('userData')) });
process.on('uncaughtException', (error) => log.error('uncaught exception', error));
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

let mainWindow: BrowserWindow | null = null;
let opened: OpenedApp | null = null;
/** The renderer's language (it tells us through app.setLanguage); zh-CN, as it starts. */
let language: Lang = 'zh-CN';
const outbox = createCommandOutbox();

function sendCommand(command: MenuCommand): void {
  focusWindow(mainWindow);
  outbox.send(command);
}

function showAbout(): void {
  const t = DIALOG_TEXT[language];
  const options = {
    type: 'info' as const,
    title: t.aboutTitle,
    message: '村记 Cunji',
    detail: `${t.aboutDetail}\n\n${t.version}: ${app.getVersion()}\n${t.dataFolder}: ${app.getPath('userData')}`,
    buttons: [t.ok],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function setMenu(): void {
  const template = buildMenuTemplate(
    language,
    {
      command: (name) => sendCommand({ command: name }),
      about: showAbout,
      openDataFolder: () => void shell.openPath(app.getPath('userData')),
      openLog: () => {
        log.info('log opened from the Help menu'); // so there is a file to open
        void shell.openPath(log.file);
      },
    },
    process.platform,
    { packaged: app.isPackaged, dev: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const userData = app.getPath('userData');
  const remembered = readWindowState(userData, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs'), remembered?.bounds));
  mainWindow = win;
  if (remembered?.maximized) win.maximize();
  win.on('close', () => {
    try {
      writeWindowState(userData, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      log.warn('could not remember the window position', error); // never blocks quitting
    }
  });
  win.once('ready-to-show', () => focusWindow(win));
  // Commands wait until the page (and its preload) is there to take them.
  win.webContents.on('did-finish-load', () => outbox.attach((command) => win.webContents.send(MENU_COMMAND_CHANNEL, command)));
  win.webContents.on('render-process-gone', (_event, details) => log.error('the window’s renderer stopped', details));
  win.on('closed', () => {
    outbox.detach();
    mainWindow = null;
  });
  void win.loadURL(appUrl);
}

function failAtStart(title: string, text: string): void {
  dialog.showErrorBox(title, text);
  app.exit(1);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  // `npm start` points at better-sqlite3 built for Electron's ABI. An installed app ignores the
  // variable: it must not load native code named by the environment (what the fuses close).
  const nativeBinding = app.isPackaged ? undefined : process.env.CUNJI_NATIVE_BINDING || undefined;
  log.info(`start: Cunji ${app.getVersion()}, Electron ${process.versions.electron}, ${process.platform}-${process.arch}, data ${dataDir}`);

  const failures = await runSelfTest({ databaseFile: join(dataDir, DATABASE_FILE_NAME), nativeBinding });
  if (failures.length) {
    for (const failure of failures) log.error(`self-test failed: ${failure.check}`, failure.detail);
    return failAtStart('村记无法启动 / Cunji cannot start', describeFailures(failures, log.file));
  }
  log.info('self-test passed');

  // A database from an older version is upgraded as it opens: say so while it runs.
  const databaseFile = join(dataDir, DATABASE_FILE_NAME);
  let notice: BrowserWindow | null = null;
  if (pendingMigrationCount(databaseFile, { nativeBinding }) > 0) {
    log.info('upgrading the data');
    notice = new BrowserWindow(upgradeNoticeOptions());
    hardenWebContents(notice.webContents, upgradeNoticeUrl());
    void notice.loadURL(upgradeNoticeUrl());
  }
  try {
    opened = await openApp({
      dataDir,
      appVersion: app.getVersion(),
      nativeBinding,
      // Sync passwords in the OS keychain (after whenReady: safeStorage needs it).
      secrets: await createSafeStorageSecretStore(dataDir),
      dialogs: createElectronDialogs({ dialog, window: () => mainWindow, language: () => language }),
      // Report PDFs and printing: the print page in a hidden window of the same app and session.
      printer: createElectronPrinter({ createWindow: (options) => new BrowserWindow(options), preloadPath: join(__dirname, 'preload.cjs'), appUrl }),
      onLanguageChange: (next) => {
        language = next;
        setMenu();
      },
      onUnexpected: (method, error) => log.error(`${method} failed`, error),
    });
  } catch (error) {
    notice?.destroy();
    log.error('cannot open the data', error);
    const reason = error instanceof Error ? error.message : String(error);
    return failAtStart('村记无法打开数据 / Cunji cannot open its data', `${dataDir}\n\n${reason}\n\n日志 / Log: ${log.file}`);
  }
  notice?.destroy();
  registerApi(ipcMain, opened.dispatch, (event) => {
    const trusted = isAppFrame(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame, appUrl);
    if (!trusted) log.warn(`refused an IPC call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
    return trusted;
  });
  // Waking from sleep or unlocking is when a laptop finds its network again: saved targets
  // that could not be reached are tried at once (the renderer also reports the 'online' event).
  powerMonitor.on('resume', () => opened?.context.syncService.notifyOnline());
  powerMonitor.on('unlock-screen', () => opened?.context.syncService.notifyOnline());
  denyPermissions(session.defaultSession);
  setMenu();
  createWindow();
  // Started by double-clicking a .cunji file: import it once the page is up.
  const paths = bundlePathsFromArgv(process.argv, process.cwd());
  if (paths.length) outbox.send({ command: 'importFiles', paths });
}

// Windows: the taskbar groups the window under the installer's shortcut (electron-builder appId).
if (process.platform === 'win32') app.setAppUserModelId('cn.cunji.desktop');

if (!app.requestSingleInstanceLock()) {
  // Another Cunji already has this data folder open: it shows its window (and takes any
  // .cunji file this start was given), this one leaves.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => handleSecondInstance(argv, workingDirectory, mainWindow, outbox));
  // macOS: a double-clicked .cunji arrives as an event, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    if (!path.toLowerCase().endsWith(BUNDLE_EXTENSION)) return;
    event.preventDefault();
    sendCommand({ command: 'importFiles', paths: [path] });
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    log.info('quit');
    opened?.close();
  });
  app.on('activate', () => {
    if (!mainWindow && opened) createWindow();
  });
  void app.whenReady().then(start).catch((error: unknown) => {
    log.error('start failed', error);
    failAtStart('村记无法启动 / Cunji cannot start', `${error instanceof Error ? error.message : String(error)}\n\n日志 / Log: ${log.file}`);
  });
}
