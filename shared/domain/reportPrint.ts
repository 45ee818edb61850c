// The print page of a report: its address (`#/print?report=…&scope=…&from=…`), built by the report
// screen (a new tab in the browser host) and by the desktop shell (a hidden window it turns into
// a PDF or prints), and read back by the page. Also the contract's reports.pdf / reports.print.
import { z } from 'zod';
import { reportRequest, type ReportRequest, type ReportRequestInput } from './reports';
import { absolutePath } from './sync';
import { V } from './validation';

/** The request's fields in the address, in this order; nothing else is read from it. */
const FIELDS = ['report', 'scope', 'villageId', 'township', 'from', 'to', 'language', 'showFullNumbers', 'noticeIds', 'householdCategory', 'thumbnails'] as const;

export const PRINT_HASH_PREFIX = '#/print';

/** `#/print?report=summary&scope=township&from=…`; `autoPrint` asks the page to open the print dialog once drawn. */
export function printHash(request: ReportRequestInput, options: { autoPrint?: boolean } = {}): string {
  const params = new URLSearchParams();
  for (const key of FIELDS) {
    const value = request[key];
    // Thumbnails off is the default: left out, so the addresses of reports without them stay as they were.
    if (value !== undefined && value !== null && !(key === 'thumbnails' && value === false)) params.set(key, String(value));
  }
  if (options.autoPrint) params.set('autoprint', '1');
  return `${PRINT_HASH_PREFIX}?${params.toString()}`;
}

export function isPrintHash(hash: string): boolean {
  return hash === PRINT_HASH_PREFIX || hash.startsWith(`${PRINT_HASH_PREFIX}?`);
}

export interface PrintAddress {
  readonly request: ReportRequest;
  readonly autoPrint: boolean;
}

/** The request a print address names, checked as the contract checks it; null if it names none. */
export function printAddressOf(hash: string): PrintAddress | null {
  if (!isPrintHash(hash)) return null;
  const params = new URLSearchParams(hash.slice(PRINT_HASH_PREFIX.length + 1));
  const raw: Record<string, unknown> = {};
  for (const key of FIELDS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    raw[key] = key === 'showFullNumbers' || key === 'thumbnails' ? (value === 'true' ? true : value === 'false' ? false : value) : value;
  }
  const parsed = reportRequest.safeParse(raw);
  return parsed.success ? { request: parsed.data, autoPrint: params.get('autoprint') === '1' } : null;
}

/** reports.pdf: a request and the path the native save dialog gave (ending in .pdf). */
export const reportPdfInput = reportRequest.safeExtend({ path: absolutePath }).superRefine(
  (value, ctx) => {
    if (typeof value.path === 'string' && !value.path.toLowerCase().endsWith('.pdf')) ctx.addIssue({ code: 'custom', path: ['path'], message: V.invalid });
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);
export type ReportPdfInput = z.input<typeof reportPdfInput>;

export const reportPdfResult = z.object({ file: z.string(), fileName: z.string(), bytes: z.number().int().nonnegative() });
export type ReportPdfResult = z.infer<typeof reportPdfResult>;

/** reports.print: whether the person went through with it (false when they closed the dialog). */
export const reportPrintResult = z.object({ printed: z.boolean() });
export type ReportPrintResult = z.infer<typeof reportPrintResult>;
