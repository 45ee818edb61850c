// The desktop shell's printer under Node: Electron's window is replaced by a recorder (the binary
// cannot run here). What is proved is the shell's own part: the address it loads, waiting for
// the page to say it is drawn, the PDF options, and the hidden window always going away.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createElectronPrinter, PDF_OPTIONS, printUrl, printWindowOptions, waitForReady } from '../../../electron/main/printer';

const APP = 'file:///opt/cunji/resources/app.asar/dist/renderer/index.html';
const ROUTE = '#/print?report=summary&scope=township&from=2026-10-01&to=2026-10-31';

describe('the print window', () => {
  it('loads the app’s own page with the print route, and nothing else', () => {
    expect(printUrl(APP, ROUTE)).toBe(`${APP}${ROUTE}`);
    expect(printUrl(`${APP}#/reports`, ROUTE)).toBe(`${APP}${ROUTE}`);
    expect(() => printUrl(APP, '#/sync')).toThrow(/print address/);
    expect(() => printUrl(APP, 'https://example.com/#/print?x=1')).toThrow(/print address/);
  });

  it('is hidden, sandboxed and given the app’s preload', () => {
    const options = printWindowOptions('/opt/cunji/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ preload: '/opt/cunji/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('asks for an A4 landscape PDF whose size and margins the page decides', () => {
    expect(PDF_OPTIONS).toEqual({ landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  });
});

describe('waiting for the page', () => {
  const noSleep = () => Promise.resolve();
  it('returns once the page says it is drawn', async () => {
    const answers = ['', '', '1'];
    let asked = 0;
    await waitForReady(async () => answers[asked++]!, { timeoutMs: 1000, intervalMs: 100, sleep: noSleep });
    expect(asked).toBe(3);
  });
  it('fails when the page says it could not draw, or never says anything', async () => {
    await expect(waitForReady(async () => 'error', { timeoutMs: 1000, intervalMs: 100, sleep: noSleep })).rejects.toThrow(/could not draw/);
    let asked = 0;
    await expect(waitForReady(async () => (asked++, ''), { timeoutMs: 500, intervalMs: 100, sleep: noSleep })).rejects.toThrow(/not ready after 500/);
    expect(asked).toBe(6);
  });
});

function recordingWindows(ready: string) {
  const log: string[] = [];
  const made: BrowserWindowConstructorOptions[] = [];
  const createWindow = (options: BrowserWindowConstructorOptions) => {
    made.push(options);
    let destroyed = false;
    return {
      loadURL: async (url: string) => void log.push(`load ${url}`),
      isDestroyed: () => destroyed,
      destroy: () => {
        destroyed = true;
        log.push('destroy');
      },
      webContents: {
        executeJavaScript: async () => ready,
        printToPDF: async (options: unknown) => (log.push(`pdf ${JSON.stringify(options)}`), new Uint8Array([37, 80, 68, 70])),
        print: (_options: unknown, done: (success: boolean) => void) => (log.push('print'), done(false)),
      },
    } as unknown as BrowserWindow;
  };
  return { log, made, createWindow };
}

describe('the printer', () => {
  it('loads the print page, prints it to PDF once drawn, and closes the window', async () => {
    const { log, made, createWindow } = recordingWindows('1');
    const printer = createElectronPrinter({ createWindow, preloadPath: '/p.cjs', appUrl: APP });
    expect([...(await printer.toPdf(ROUTE))]).toEqual([37, 80, 68, 70]);
    expect(made).toHaveLength(1);
    expect(log).toEqual([`load ${APP}${ROUTE}`, `pdf ${JSON.stringify(PDF_OPTIONS)}`, 'destroy']);
  });

  it('says whether the person went through with the print dialog', async () => {
    const { log, createWindow } = recordingWindows('1');
    expect(await createElectronPrinter({ createWindow, preloadPath: '/p.cjs', appUrl: APP }).print(ROUTE)).toBe(false);
    expect(log.slice(1)).toEqual(['print', 'destroy']);
  });

  it('closes the window and makes no PDF when the page could not draw', async () => {
    const { log, createWindow } = recordingWindows('error');
    await expect(createElectronPrinter({ createWindow, preloadPath: '/p.cjs', appUrl: APP }).toPdf(ROUTE)).rejects.toThrow(/could not draw/);
    expect(log).toEqual([`load ${APP}${ROUTE}`, 'destroy']);
  });
});
