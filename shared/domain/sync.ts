// Sync as the contract sees it: export to a folder, import files, sync with a shared folder,
// the devices this one trusts, and the conflicts a person resolves.
import { z } from 'zod';
import { role } from './device';
import { optionalText, requiredText, rowId, V } from './validation';

/**
 * Validation keys of the sync screens (to be translated in renderer/src/i18n with the screens;
 * kept out of `V` until then, so the locales test stays a promise about what is shown today).
 */
/** POSIX `/…`, Windows `C:\…` or `C:/…`, or a UNC share `\\server\share…`. */
export function isAbsolutePath(text: string): boolean {
  return /^\//.test(text) || /^[A-Za-z]:[\\/]/.test(text) || /^\\\\[^\\]+\\[^\\]+/.test(text);
}

/** A path a person chose (a native dialog): absolute, no NUL, of a sane length. */
export const absolutePath = z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.invalid) })
  .min(1, { error: V.required })
  .max(4096, { error: V.tooLong })
  .refine((s) => !s.includes('\u0000'), { error: V.invalid })
  .refine(isAbsolutePath, { error: V.absolutePath });

export const deviceIdText = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.deviceId) }).regex(/^[0-9a-f]{16}$/, { error: V.deviceId });

export const publicKeyPem = z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.publicKey) })
  .max(2000, { error: V.tooLong })
  .regex(/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\r?\n?$/, { error: V.publicKey });

export const exportFileInput = z.strictObject({ path: absolutePath, full: z.boolean({ error: V.invalid }).optional() });
export const importFilesInput = z.strictObject({ paths: z.array(absolutePath, { error: V.invalid }).min(1, { error: V.required }).max(1000, { error: V.tooLong }) });
export const syncNowInput = z.strictObject({ folder: absolutePath, full: z.boolean({ error: V.invalid }).optional() });

export const trustInput = z.strictObject({
  deviceId: deviceIdText,
  publicKey: publicKeyPem,
  name: requiredText(60),
  role,
  villages: z.array(rowId, { error: V.invalid }).max(500, { error: V.tooLong }).default([]),
  /** A coordinator's township: it may then write every village of it. */
  township: optionalText(60),
});
export type TrustInput = z.input<typeof trustInput>;

const ledgerTable = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.invalid) }).regex(/^[a-z_]{1,40}$/, { error: V.invalid });
const ledgerColumn = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.invalid) }).regex(/^_?[a-z_]{1,40}$/, { error: V.invalid });
export const cellValue = z.union([z.string().max(20_000), z.number().finite(), z.null()], { error: V.invalid });

export const resolveInput = z.strictObject({ tbl: ledgerTable, rowId, col: ledgerColumn, value: cellValue });

// ---- Outputs ----

export const exportResult = z.object({
  file: z.string().nullable(),
  fileHash: z.string().nullable(),
  segments: z.number().int(),
  changes: z.number().int(),
  bytes: z.number().int(),
  sealed: z.number().int(),
  full: z.boolean(),
});
export type ExportResultView = z.infer<typeof exportResult>;

export const offeredDevice = z.object({
  deviceId: z.string(),
  publicKey: z.string().nullable(),
  fingerprint: z.string().nullable(),
  name: z.string().nullable(),
  role: z.string().nullable(),
  township: z.string().nullable(),
  villages: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const importReceipt = z.object({
  file: z.string(),
  fileHash: z.string().nullable(),
  producer: z.string().nullable(),
  status: z.enum(['imported', 'already-imported', 'refused']),
  segmentsNew: z.number().int(),
  segmentsKnown: z.number().int(),
  changesNew: z.number().int(),
  changesKnown: z.number().int(),
  conflictsCreated: z.number().int(),
  setAside: z.partialRecord(z.enum(['OUT_OF_SCOPE', 'FUTURE_CLOCK', 'BAD_VALUE', 'VILLAGE_MISMATCH']), z.number().int()),
  gaps: z.array(z.string()),
  refusal: z.object({ reason: z.string(), message: z.string(), devices: z.array(offeredDevice) }).nullable(),
});
export type ImportReceiptView = z.infer<typeof importReceipt>;

export const importResult = z.object({ receipts: z.array(importReceipt) });

export const syncNowResult = z.object({
  exported: exportResult,
  receipts: z.array(importReceipt),
  /** Files seen before (by content hash), skipped unread. */
  known: z.number().int(),
  /** Files that could not be listed or read (reported, never fatal). */
  unreadable: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const deviceView = z.object({
  deviceId: z.string(),
  name: z.string(),
  role: z.string(),
  township: z.string().nullable(),
  villages: z.array(z.string()),
  fingerprint: z.string(),
  trustedAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof deviceView>;

export const deviceList = z.object({ self: deviceView.nullable(), trusted: z.array(deviceView) });

export const conflictHead = z.object({
  changeId: z.string(),
  value: z.union([z.string(), z.number(), z.null()]),
  origin: z.string(),
  originName: z.string().nullable(),
  at: z.string(),
  shown: z.boolean(),
});

export const conflictItem = z.object({
  tbl: z.string(),
  rowId: z.string(),
  villageId: z.string(),
  col: z.string(),
  heads: z.array(conflictHead),
});
export type ConflictItem = z.infer<typeof conflictItem>;

export const conflictList = z.object({ items: z.array(conflictItem) });
export const resolveResult = z.object({ changeId: z.string() });
