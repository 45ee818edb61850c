// The Printer port (electron/services/printer.ts) over Chromium: a hidden window with the app's
// own preload and session loads the report's print page, waits until the page says everything
// is drawn (`<html data-print-ready="1">`), then prints it to PDF or to the print dialog, and
// goes away. What decides anything (the address, the options, the wait) is pure and unit-tested.
import type { BrowserWindow, BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { isPrintHash } from '../../shared/domain/reportPrint';
import type { Printer } from '../services/printer';
import { windowOptions } from './windowOptions';

/** The app's address with a print route: same file, same origin, only the hash differs. */
export function printUrl(appUrl: string, route: string): string {
  if (!isPrintHash(route)) throw new Error(`Not a print address: ${route}`);
  return `${appUrl.split('#')[0]}${route}`;
}

/** A hidden window the size of an A4 landscape page at 96 dpi, hardened as the app's own. */
export function printWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  const base = windowOptions(preloadPath, { width: 1123, height: 794 });
  return { ...base, show: false, minWidth: undefined, minHeight: undefined, width: 1123, height: 794, paintWhenInitiallyHidden: true };
}

/** The page decides size and margins (`@page`), its footer carries page numbers and the period. */
export const PDF_OPTIONS: PrintToPDFOptions = { landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true };
export const PRINT_OPTIONS: WebContentsPrintOptions = { silent: false, printBackground: true, landscape: true, pageSize: 'A4' };

/** The page's own words for "drawn" and "could not draw": read by the check below. */
export const READY_SCRIPT = "document.documentElement.dataset.printReady || ''";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Asks `state()` until it answers '1' (drawn); 'error' or the time running out rejects, so a
 * page that cannot draw never becomes a blank PDF.
 */
export async function waitForReady(state: () => Promise<string>, { timeoutMs, intervalMs, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: WaitOptions): Promise<void> {
  for (let waited = 0; ; waited += intervalMs) {
    const now = await state();
    if (now === '1') return;
    if (now === 'error') throw new Error('The print page could not draw the report');
    if (waited >= timeoutMs) throw new Error(`The print page was not ready after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export interface ElectronPrinterDeps {
  /** Electron's BrowserWindow class (passed in, so this module loads without Electron). */
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  appUrl: string;
  timeoutMs?: number;
}

export function createElectronPrinter({ createWindow, preloadPath, appUrl, timeoutMs = 60_000 }: ElectronPrinterDeps): Printer {
  async function withPage<T>(route: string, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
    const win = createWindow(printWindowOptions(preloadPath));
    try {
      await win.loadURL(printUrl(appUrl, route));
      await waitForReady(() => win.webContents.executeJavaScript(READY_SCRIPT) as Promise<string>, { timeoutMs, intervalMs: 150 });
      return await use(win);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }
  return {
    toPdf: (route) => withPage(route, (win) => win.webContents.printToPDF(PDF_OPTIONS)),
    print: (route) =>
      withPage(route, (win) => new Promise<boolean>((resolve) => win.webContents.print(PRINT_OPTIONS, (success) => resolve(success)))),
  };
}
