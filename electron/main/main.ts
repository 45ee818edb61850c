// The Electron shell: single instance, one hardened window, the contract's handlers on IPC.
// Everything it serves comes from electron/services, the same code the browser host runs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, screen, session } from 'electron';
import { openApp, type OpenedApp } from '../services/app';
import { dataDirArgument } from '../services/paths';
import { isAppFrame, registerApi } from './ipc';
import { denyPermissions, hardenWebContents } from './security';
import { windowOptions } from './windowOptions';
import { readWindowState, writeWindowState } from './windowState';

const indexHtml = join(__dirname, '..', 'renderer', 'index.html');
const appUrl = pathToFileURL(indexHtml).href;

// `--data DIR` keeps everything (database, backups, Chromium's own files) in DIR.
const dataDirFlag = dataDirArgument(process.argv);
if (dataDirFlag) app.setPath('userData', dataDirFlag);

let mainWindow: BrowserWindow | null = null;
let opened: OpenedApp | null = null;

function showWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
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
      console.error('[cunji] could not remember the win position:', error); // never blocks quitting
    }
  });
  win.once('ready-to-show', showWindow);
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(appUrl);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  try {
    opened = await openApp({
      dataDir,
      appVersion: app.getVersion(),
      // Set by `npm start`: better-sqlite3 built for Electron's ABI, kept apart from Node's build.
      nativeBinding: process.env.CUNJI_NATIVE_BINDING || undefined,
      onUnexpected: (method, error) => console.error(`[cunji] ${method} failed:`, error),
    });
  } catch (error) {
    dialog.showErrorBox('村记无法打开数据 / Cunji cannot open its data', `${dataDir}\n\n${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
    return;
  }
  const dispatch = opened.dispatch;
  registerApi(ipcMain, dispatch, (event) =>
    isAppFrame(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame, appUrl),
  );
  denyPermissions(session.defaultSession);
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Cunji already has this data folder open: it focuses its window, this one leaves.
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => opened?.close());
  app.on('activate', () => {
    if (!mainWindow && opened) createWindow();
  });
  void app.whenReady().then(start);
}
