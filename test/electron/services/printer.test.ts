// reports.pdf and reports.print on a real data folder: the PDF the shell's printer gives reaches
// the chosen file whole (through `.part`) or not at all; the print address names the request;
// a village outside the scope is refused before anything is drawn; the browser host has no printer.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/services/app';
import type { Printer } from '../../../electron/services/printer';
import { printAddressOf } from '../../../shared/domain/reportPrint';
import { expectOk, expectRefused, SECRETARY_SETUP } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const PERIOD = { from: '2026-10-01', to: '2026-10-31' };
const PDF = new TextEncoder().encode('%PDF-1.7\n% a report\n%%EOF\n');

async function appWith(printer: Printer | undefined) {
  const dir = tempDir();
  const app = await openApp({ dataDir: dir, appVersion: 'test', now: () => Date.UTC(2026, 10, 27), printer, sync: { autoStart: false } });
  const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
  return { app, dir, villageId: profile.villageIds[0]! };
}

function recordingPrinter(pdf: () => Uint8Array, printed = true) {
  const routes: string[] = [];
  const printer: Printer = {
    toPdf: async (route) => (routes.push(route), pdf()),
    print: async (route) => (routes.push(route), printed),
  };
  return { routes, printer };
}

describe('reports.pdf', () => {
  it('writes the PDF of the print page for the request to the chosen path, leaving no .part', async () => {
    const { routes, printer } = recordingPrinter(() => PDF);
    const { app, dir, villageId } = await appWith(printer);
    try {
      const path = join(dir, '李家村月报.pdf');
      const request = { report: 'monthly', scope: 'village', villageId, ...PERIOD } as const;
      const result = await expectOk(app, 'reports.pdf', { ...request, path });
      expect(result).toEqual({ file: path, fileName: '李家村月报.pdf', bytes: PDF.length });
      expect(readFileSync(path)).toEqual(Buffer.from(PDF));
      expect(readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
      expect(routes).toHaveLength(1);
      expect(printAddressOf(routes[0]!)?.request).toMatchObject(request);
    } finally {
      app.close();
    }
  });

  it('leaves the file before it untouched and no .part when the page cannot be drawn', async () => {
    const { printer } = recordingPrinter(() => {
      throw new Error('The print page could not draw the report');
    });
    const { app, dir, villageId } = await appWith(printer);
    try {
      const path = join(dir, 'old.pdf');
      writeFileSync(path, 'the earlier report');
      await expectRefused(app, 'reports.pdf', { report: 'monthly', scope: 'village', villageId, ...PERIOD, path });
      expect(readFileSync(path, 'utf8')).toBe('the earlier report');
      expect(existsSync(`${path}.part`)).toBe(false);
    } finally {
      app.close();
    }
  });

  it('refuses a village this device does not keep before drawing anything', async () => {
    const { routes, printer } = recordingPrinter(() => PDF);
    const { app, dir } = await appWith(printer);
    try {
      const error = await expectRefused(app, 'reports.pdf', { report: 'monthly', scope: 'village', villageId: '0190a8b0-0000-7000-8000-000000000009', ...PERIOD, path: join(dir, 'x.pdf') });
      expect(error.code).toBe('INVALID_INPUT');
      expect(routes).toEqual([]);
      expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    } finally {
      app.close();
    }
  });
});

describe('reports.print', () => {
  it('sends the print page to the print dialog and says whether it was printed', async () => {
    const { routes, printer } = recordingPrinter(() => PDF, false);
    const { app, villageId } = await appWith(printer);
    try {
      expect(await expectOk(app, 'reports.print', { report: 'attendance', scope: 'village', villageId, ...PERIOD })).toEqual({ printed: false });
      expect(printAddressOf(routes[0]!)?.request.report).toBe('attendance');
    } finally {
      app.close();
    }
  });

  it('is not offered by the browser host, which has no printer', async () => {
    const { app, dir, villageId } = await appWith(undefined);
    try {
      expect((await expectRefused(app, 'reports.print', { report: 'attendance', scope: 'village', villageId, ...PERIOD })).code).toBe('UNSUPPORTED');
      expect((await expectRefused(app, 'reports.pdf', { report: 'attendance', scope: 'village', villageId, ...PERIOD, path: join(dir, 'a.pdf') })).code).toBe('UNSUPPORTED');
    } finally {
      app.close();
    }
  });
});
