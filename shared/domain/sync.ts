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
/** The township passphrase: at least 8 characters besides spaces at either end (it is never trimmed). */
export const PASSPHRASE_MIN_LENGTH = 8;
export const passphraseText = z
  .string({ error: (issue) => (issue.input === undefined ? V.required : V.invalid) })
  .max(1000, { error: V.tooLong })
  .refine((s) => s.trim().length >= PASSPHRASE_MIN_LENGTH, { error: V.passphraseShort })
  .refine((s) => !s.includes('\u0000'), { error: V.invalid });

export const importFilesInput = z.strictObject({
  paths: z.array(absolutePath, { error: V.invalid }).min(1, { error: V.required }).max(1000, { error: V.tooLong }),
  /** For encrypted files of another township: their passphrase (this device's stored one otherwise). */
  passphrase: passphraseText.optional(),
});
export const syncNowInput = z.strictObject({ folder: absolutePath, full: z.boolean({ error: V.invalid }).optional() });

export const trustInput = z.strictObject({
  deviceId: deviceIdText,
  publicKey: publicKeyPem,
  name: requiredText(60),
  role,
  villages: z.array(rowId, { error: V.invalid }).max(500, { error: V.tooLong }).default([]),
  /** A coordinator's township: it may then write every village of it. */
  township: optionalText(60),
  /** A district's townships: it may then write every village of each. */
  townships: z.array(requiredText(60), { error: V.invalid }).max(60, { error: V.tooLong }).optional(),
});
export type TrustInput = z.input<typeof trustInput>;

/** A device's trust withdrawn (a lost or stolen laptop): signed here, carried in every export. */
export const revokeInput = z.strictObject({ deviceId: deviceIdText, reason: requiredText(200) });
export type RevokeInput = z.input<typeof revokeInput>;

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
  /** Written with the township passphrase (then `bytes` are the encrypted file's). */
  encrypted: z.boolean().optional(),
});
export type ExportResultView = z.infer<typeof exportResult>;

export const offeredDevice = z.object({
  deviceId: z.string(),
  publicKey: z.string().nullable(),
  fingerprint: z.string().nullable(),
  name: z.string().nullable(),
  role: z.string().nullable(),
  township: z.string().nullable(),
  /** Every township its card names (a district's several). */
  townships: z.array(z.string()).optional(),
  villages: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The device its card says vouches for it, when that one is not trusted here either. */
  vouchedBy: z.object({ deviceId: z.string(), name: z.string().nullable() }).nullable().optional(),
});

/** Records of one ledger one device sent, as an import merged them. */
export const recordCount = z.object({
  origin: z.string(),
  originName: z.string().nullable(),
  tbl: z.string(),
  created: z.number().int(),
  changed: z.number().int(),
  deleted: z.number().int(),
});
export type RecordCountView = z.infer<typeof recordCount>;

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
  setAside: z.partialRecord(z.enum(['OUT_OF_SCOPE', 'FUTURE_CLOCK', 'BAD_VALUE', 'VALUE_INVALID', 'VILLAGE_MISMATCH', 'DUPLICATE_ID', 'VILLAGE_MOVE']), z.number().int()),
  gaps: z.array(z.string()),
  refusal: z.object({ reason: z.string(), message: z.string(), devices: z.array(offeredDevice) }).nullable(),
  /** The file was encrypted with a passphrase (decrypted here before it was read). */
  encrypted: z.boolean().optional(),
  /** Devices trusted on the enrolment of a device trusted here (a coordinator vouching for its secretaries). */
  enrolled: z.array(z.object({ deviceId: z.string(), name: z.string(), issuer: z.string(), issuerName: z.string() })).optional(),
  /** Devices that wrote two histories (a computer restored from a backup, or copied): `self` when it is this one. */
  forks: z.array(z.object({ deviceId: z.string(), seq: z.number().int(), self: z.boolean() })).optional(),
  /** What came in as records (not field changes): per device and ledger table, new, changed and deleted. */
  records: z.array(recordCount).optional(),
  /** Revoked devices whose segments signed after the revocation were refused (REVOKED_DEVICE). */
  revoked: z.array(z.object({ deviceId: z.string(), issuer: z.string(), revokedAt: z.string(), segments: z.number().int(), message: z.string() })).optional(),
  /** Devices whose scope a newer enrolment by the same voucher replaced. */
  renewed: z.array(z.object({ deviceId: z.string(), name: z.string(), issuer: z.string(), issuerName: z.string() })).optional(),
});
export type ImportReceiptView = z.infer<typeof importReceipt>;

/** Changes set aside before (out of scope, clock ahead) that now passed and were merged. */
const released = z.number().int();

/** The bounds of a folder's walk (electron/services/sync/folderWalk.ts) that can stop it short. */
export const FOLDER_LIMITS = ['DEPTH', 'ENTRIES', 'FILES'] as const;
export type FolderLimit = (typeof FOLDER_LIMITS)[number];
/** A folder given to import that was walked only in part: which bound stopped it, and its value. */
export const folderLimitNote = z.object({ folder: z.string(), limit: z.enum(FOLDER_LIMITS), max: z.number().int() });
export type FolderLimitNote = z.infer<typeof folderLimitNote>;

export const importResult = z.object({
  receipts: z.array(importReceipt),
  released,
  /** Sub-folders of a folder given that could not be listed (the rest was imported). */
  unreadable: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Folders given that were walked only in part (always said, never a silent cut). */
  folderLimits: z.array(folderLimitNote).optional(),
});

export const syncNowResult = z.object({
  exported: exportResult,
  receipts: z.array(importReceipt),
  /** Files seen before (by content hash), skipped unread. */
  known: z.number().int(),
  /** Files that could not be listed or read (reported, never fatal). */
  unreadable: z.array(z.object({ path: z.string(), message: z.string() })),
  released,
});

export const deviceView = z.object({
  deviceId: z.string(),
  name: z.string(),
  role: z.string(),
  township: z.string().nullable(),
  /** Every township it may write (a district has several); `township` is the first. */
  townships: z.array(z.string()).optional(),
  villages: z.array(z.string()),
  fingerprint: z.string(),
  trustedAt: z.string().nullable(),
  /** Trusted on another device's enrolment rather than by a person here: that device. */
  vouchedBy: z.object({ deviceId: z.string(), name: z.string().nullable() }).nullable().optional(),
  /** Who revoked it, when and why: its files signed after that are refused. */
  revocations: z.array(z.object({ issuer: z.string(), issuerName: z.string().nullable(), revokedAt: z.string(), reason: z.string() })).optional(),
});
export type DeviceView = z.infer<typeof deviceView>;

export const deviceList = z.object({ self: deviceView.nullable(), trusted: z.array(deviceView) });
/** The device trusted, and how many of its changes set aside before now passed (trust may have widened). */
export const trustResult = deviceView.extend({ released });

export const conflictHead = z.object({
  changeId: z.string(),
  value: z.union([z.string(), z.number(), z.null()]),
  origin: z.string(),
  originName: z.string().nullable(),
  at: z.string(),
  shown: z.boolean(),
  /** Delete-vs-edit (listed on the row's `_row` cell): the column this head edited unaware of the delete. */
  col: z.string().optional(),
});

export const conflictItem = z.object({
  tbl: z.string(),
  rowId: z.string(),
  villageId: z.string(),
  col: z.string(),
  heads: z.array(conflictHead),
  /**
   * Which record it is about, deleted or not: the cells a person knows it by (a household's
   * head and group, a visit's date and household …), a reference already read as the name of
   * the row it points at. Absent from a host that predates it.
   */
  record: z.array(z.object({ col: z.string(), value: z.union([z.string(), z.number(), z.null()]) })).optional(),
});
export type ConflictItem = z.infer<typeof conflictItem>;

export const conflictList = z.object({ items: z.array(conflictItem) });
export const resolveResult = z.object({ changeId: z.string() });

// ---- Saved sync targets (a folder or a WebDAV server), their runs and their status ----

export const SYNC_TARGET_KINDS = ['folder', 'webdav'] as const;
export type SyncTargetKind = (typeof SYNC_TARGET_KINDS)[number];

/**
 * Why a run failed, as a screen names it (renderer/src/i18n `syncTargets.error.<code>`); the
 * status also carries a plain English sentence with the detail, for the log and support.
 */
export const SYNC_ERROR_CODES = [
  'UNREACHABLE', // no answer: offline, wrong address, server down, USB stick not plugged in
  'TIMEOUT', // the server stopped answering part way
  'AUTH', // user name or password refused (401)
  'FORBIDDEN', // the server refuses this folder or this write (403, 405 …)
  'QUOTA_FULL', // the server's storage for the account is full (507)
  'NOT_FOUND', // the address points nowhere and cannot be created
  'BUSY', // 429 / 503 for longer than we wait
  'INTERRUPTED', // the connection dropped in the middle of a transfer
  'VERIFY_MISMATCH', // the file read back is not the file sent
  'FOLDER_MISSING', // a folder target that is not there (or not a folder)
  'NO_PASSWORD', // a WebDAV target with a user name but no stored password
  'NOT_SET_UP', // this device has not been set up yet
  'SERVER', // any other answer the server should not have given
  'LOCAL', // this computer could not write its temporary files, or another local failure
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** http(s) only, with a host; user:password@ belongs in its own fields, not in the address. */
export function isWebdavUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

function hasCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

export const webdavUrl = z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.webdavUrl) })
  .trim()
  .min(1, { error: V.required })
  .max(2000, { error: V.tooLong })
  .refine(isWebdavUrl, { error: V.webdavUrl })
  .refine((s) => !hasCredentials(s), { error: V.urlCredentials });

export const syncIntervalMinutes = z
  .number({ error: V.invalid })
  .int({ error: V.wholeNumber })
  .min(1, { error: V.invalid })
  .max(1440, { error: V.tooLarge });

/**
 * Save a new target (no id) or change one (its id). `password`: a string sets it, null removes
 * it, left out keeps the stored one, so a screen never needs to hold a password it was not typed.
 */
export const syncTargetSaveInput = z
  .strictObject({
    id: rowId.optional(),
    kind: z.enum(SYNC_TARGET_KINDS, { error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.invalid) }),
    name: requiredText(60),
    folder: absolutePath.optional(),
    url: webdavUrl.optional(),
    username: optionalText(200),
    password: z.string({ error: V.invalid }).min(1, { error: V.required }).max(1000, { error: V.tooLong }).nullable().optional(),
    auto: z.boolean({ error: V.invalid }).default(true),
    intervalMinutes: syncIntervalMinutes.default(5),
    /** The attachments' files travel through this place (default), or only their rows: a coordinator's choice for what she relays upward. */
    /** Left out: as it was (a new target: true). */
    attachmentFiles: z.boolean({ error: V.invalid }).optional(),
  })
  .superRefine((input, ctx) => {
    // Each kind names its own place, and only that one.
    const needs = input.kind === 'folder' ? 'folder' : 'url';
    if (input[needs] === undefined) ctx.addIssue({ code: 'custom', path: [needs], message: V.required });
    const stray = input.kind === 'folder' ? (['url', 'username', 'password'] as const) : (['folder'] as const);
    for (const key of stray) if (input[key] !== undefined && input[key] !== null) ctx.addIssue({ code: 'custom', path: [key], message: V.invalid });
    if (input.kind === 'webdav' && typeof input.password === 'string' && input.username === null) ctx.addIssue({ code: 'custom', path: ['username'], message: V.required });
  });
export type SyncTargetSaveInput = z.input<typeof syncTargetSaveInput>;

export const syncTargetIdInput = z.strictObject({ id: rowId });
export const syncRunInput = z.strictObject({ id: rowId, full: z.boolean({ error: V.invalid }).optional() });

export const syncTargetView = z.object({
  id: z.string(),
  kind: z.enum(SYNC_TARGET_KINDS),
  name: z.string(),
  folder: z.string().nullable(),
  url: z.string().nullable(),
  username: z.string().nullable(),
  /** Whether a password is stored; the password itself never leaves the main process. */
  hasPassword: z.boolean(),
  /** Whether stored passwords are encrypted at rest (the OS keychain); false in the browser host. */
  passwordProtected: z.boolean(),
  auto: z.boolean(),
  intervalMinutes: z.number().int(),
  /** Whether the attachments' files travel through this place, or only their rows. */
  attachmentFiles: z.boolean(),
  createdAt: z.string(),
});
export type SyncTargetView = z.infer<typeof syncTargetView>;
export const syncTargetList = z.object({ items: z.array(syncTargetView) });

/** What one successful run moved. */
export const syncRunCounts = z.object({
  filesOut: z.number().int(),
  changesOut: z.number().int(),
  filesIn: z.number().int(),
  changesIn: z.number().int(),
  conflicts: z.number().int(),
  /** Files of other devices that were not imported (see the receipts: untrusted, damaged …). */
  refused: z.number().int(),
  /** Changes set aside before that now passed (0 in runs recorded before this was counted). */
  released: z.number().int().default(0),
  /** Files refused before and not fetched again: nothing that decided it (trust, the app's version) changed (0 before this was counted). */
  skippedRefused: z.number().int().default(0),
});
export type SyncRunCounts = z.infer<typeof syncRunCounts>;

export const syncTargetStatus = z.object({
  targetId: z.string(),
  name: z.string(),
  kind: z.enum(SYNC_TARGET_KINDS),
  /** `running` now, `queued` behind a running one, else `idle`. */
  state: z.enum(['idle', 'running', 'queued']),
  /** Whether the last contact worked; null before the first since start. */
  reachable: z.boolean().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastCounts: syncRunCounts.nullable(),
  /** Of the last attempt (null when it succeeded). */
  lastError: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string() }).nullable(),
  /** The next automatic run (null: on demand only, or waiting for the target to come back). */
  nextRunAt: z.string().nullable(),
  passwordProtected: z.boolean(),
});
export type SyncTargetStatus = z.infer<typeof syncTargetStatus>;
export const syncStatusList = z.object({
  targets: z.array(syncTargetStatus),
  /** The last sync by hand this database remembers (a folder synced, files imported or exported), and its folder. */
  last: z.object({ at: z.string(), folder: z.string().nullable() }).nullable().optional(),
  /** What the last run's imports brought, as records per device and ledger (the header's "what came in"). */
  arrivals: z.object({ at: z.string(), records: z.array(recordCount) }).nullable().optional(),
});
export type SyncStatusView = z.infer<typeof syncStatusList>;

export const syncRunResult = z.object({
  status: syncTargetStatus,
  /** Null when the run failed before exporting. */
  exported: exportResult.nullable(),
  receipts: z.array(importReceipt),
  known: z.number().int(),
  unreadable: z.array(z.object({ path: z.string(), message: z.string() })),
  released,
  /** Files refused before and not fetched again this time. */
  skippedRefused: z.number().int().nonnegative(),
  /** The attachments' files this run moved (null: the place carries only their rows, or the run stopped before them). */
  files: z
    .object({
      sent: z.number().int(),
      received: z.number().int(),
      /** Named by a row here, on neither side yet: fetched by a later sync. */
      missing: z.number().int(),
      refused: z.array(z.object({ hash: z.string(), reason: z.string() })),
    })
    .nullable()
    .optional(),
});
export type SyncRunResult = z.infer<typeof syncRunResult>;

// ---- The township passphrase (bundles encrypted with AES-256-GCM) ----

/** A string sets the passphrase (every bundle written from now on is encrypted), null removes it. */
export const setPassphraseInput = z.strictObject({ passphrase: passphraseText.nullable() });

/** Whether a passphrase is set; the passphrase itself never leaves the main process. */
export const syncEncryptionView = z.object({
  passphraseSet: z.boolean(),
  /** Whether it is kept encrypted at rest (the OS keychain), as for target passwords. */
  passwordProtected: z.boolean(),
});
export type SyncEncryptionView = z.infer<typeof syncEncryptionView>;
