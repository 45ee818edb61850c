// reports.pdf and reports.print: the report's print page (renderer, `#/print?…`) drawn by the
// desktop shell's Chromium in a hidden window, through a port the shell fills in
// (electron/main/printer.ts). The browser host has none and answers UNSUPPORTED: there the
// person prints the same page from the browser. The PDF reaches its file through `.part`.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../shared/api/result';
import type { Handlers } from '../../shared/api/types';
import { printHash } from '../../shared/domain/reportPrint';
import type { ReportRequest } from '../../shared/domain/reports';
import type { ServiceContext } from './context';
import { checkChosenPath, writeAtomically } from './reports/files';
import { resolveScope } from './reports/scope';

/** What the shell offers: the app at a print address, as PDF bytes or to the print dialog. */
export interface Printer {
  /** The page at `route` (a `#/print?…` hash) once it says it is drawn, as an A4 landscape PDF. */
  toPdf(route: string): Promise<Uint8Array>;
  /** The same page to the system's print dialog; false when the person closed it. */
  print(route: string): Promise<boolean>;
}

function portOf(ctx: ServiceContext): Printer {
  if (!ctx.printer) throw new ApiError('UNSUPPORTED', 'No printing here (browser host): print the report page from the browser');
  return ctx.printer;
}

/** Writes `bytes` to `file` through `<file>.part`, so a file by that name is a whole PDF or absent. */
export async function writePdf(file: string, bytes: Uint8Array): Promise<number> {
  const { bytes: size } = await writeAtomically(file, async (part) => writeFileSync(part, bytes));
  return size;
}

/** The scope is checked before the page is drawn, so a village outside it is refused by name. */
function checked(ctx: ServiceContext, request: ReportRequest): string {
  resolveScope(ctx, request);
  return printHash(request);
}

export function printerHandlers(ctx: ServiceContext): Pick<Handlers, 'reports.pdf' | 'reports.print'> {
  return {
    'reports.pdf': async ({ path, ...request }) => {
      const printer = portOf(ctx);
      checkChosenPath(path);
      const bytes = await printer.toPdf(checked(ctx, request));
      return { file: path, fileName: basename(path), bytes: await writePdf(path, bytes) };
    },
    'reports.print': async (request) => {
      const printer = portOf(ctx);
      return { printed: await printer.print(checked(ctx, request)) };
    },
  };
}
