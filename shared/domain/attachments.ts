// Attachments (附件) as the contract sees them: photos and PDF scans on the records of seven ledgers.
// The row's fields (also the rules a synced value must pass), the inputs of attachments.*, and
// the named reasons a file is refused.
import { z } from 'zod';
import { absolutePath } from './sync';
import { choiceError, optionalText, rowId, V } from './validation';

/** The ledgers a file can be attached to: API noun → table. */
export const ATTACHABLE = {
  visits: 'visits',
  needs: 'needs',
  projects: 'projects',
  funds: 'fund_entries',
  diary: 'diary_entries',
  commitments: 'commitments',
  // 发展党员: the photo of the vote, the signed form ("one person, one event, one file").
  steps: 'party_steps',
} as const;
export type AttachableNoun = keyof typeof ATTACHABLE;
export type AttachableTable = (typeof ATTACHABLE)[AttachableNoun];
export const ATTACHABLE_NOUNS = Object.keys(ATTACHABLE) as [AttachableNoun, ...AttachableNoun[]];
export const ATTACHABLE_TABLES = Object.values(ATTACHABLE) as [AttachableTable, ...AttachableTable[]];

export function isAttachable(noun: string): noun is AttachableNoun {
  return Object.prototype.hasOwnProperty.call(ATTACHABLE, noun);
}

export function nounOfTable(table: string): AttachableNoun | null {
  const entry = Object.entries(ATTACHABLE).find(([, t]) => t === table);
  return entry ? (entry[0] as AttachableNoun) : null;
}

export const ATTACHMENT_KINDS = ['photo', 'pdf'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/** Bytes of a file as chosen; above it the file is refused before it is read whole. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** Files in one attachments.add call (the renderer sends a few at a time for its progress bar). */
export const MAX_FILES_PER_ADD = 20;

/** Why a file was refused; words under `attachments.refusal.<code>`. */
export const ATTACHMENT_REFUSAL_CODES = [
  'ATTACHMENT_EMPTY',
  'ATTACHMENT_NAME',
  'ATTACHMENT_TYPE',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_PIXELS',
  'ATTACHMENT_DECODE',
  'ATTACHMENT_PDF_SCRIPT',
  'ATTACHMENT_HASH',
  'ATTACHMENT_MISSING',
  'ATTACHMENT_UNREADABLE',
] as const;
export type AttachmentRefusalCode = (typeof ATTACHMENT_REFUSAL_CODES)[number];

export const sha256Hex = z.string({ error: choiceError }).regex(/^[0-9a-f]{64}$/, { error: V.invalid });
const dimension = z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(100_000, { error: V.tooLarge });
/** As the camera wrote it: local time, with its offset when given. */
const takenAt = z
  .string({ error: V.invalid })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/, { error: V.date });

/**
 * The synced row's fields (column = snake_case). They are also what a value arriving in a sync
 * file must pass (db/sync/valueCheck.ts), so a file can bring nothing attachments.add would not write.
 */
export const attachmentFields = {
  recordTable: z.enum(ATTACHABLE_TABLES, { error: choiceError }),
  recordId: rowId,
  kind: z.enum(ATTACHMENT_KINDS, { error: choiceError }),
  caption: optionalText(200),
  takenAt: takenAt.nullable(),
  fileName: z.string({ error: V.required }).min(1, { error: V.required }).max(255, { error: V.tooLong }),
  mime: z.enum(ATTACHMENT_MIMES, { error: choiceError }),
  sizeBytes: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(MAX_ATTACHMENT_BYTES, { error: V.tooLarge }),
  width: dimension.nullable(),
  height: dimension.nullable(),
  sha256: sha256Hex,
  thumbSha256: sha256Hex.nullable(),
  keepLocation: z.boolean({ error: V.invalid }),
  attachedBy: optionalText(40),
};
export const ATTACHMENT_CODECS = { keepLocation: 'bool' } as const;

const ledger = z.enum(ATTACHABLE_NOUNS, { error: choiceError });
const month = z.string({ error: V.invalid }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: V.date });

/**
 * One file: either `path`, an absolute path the native dialog (or a typed path) gave, or `name`
 * and `data`, the bytes (base64) of a file the page holds — dropped, pasted, or from the
 * browser's file input — with the `type` the browser declared.
 */
const incomingFile = z
  .strictObject({
    path: absolutePath.optional(),
    name: z.string({ error: V.invalid }).min(1, { error: V.required }).max(255, { error: V.tooLong }).optional(),
    type: z.string({ error: V.invalid }).max(100, { error: V.tooLong }).optional(),
    data: z
      .string({ error: V.invalid })
      .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, { error: V.tooLarge })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: V.invalid })
      .optional(),
  }, { error: V.invalid })
  .superRefine((file, ctx) => {
    if (file.path !== undefined) {
      for (const key of ['name', 'type', 'data'] as const) if (file[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: V.invalid });
    } else {
      if (file.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: V.required });
      if (file.data === undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: V.required });
    }
  });

export const attachmentAddInput = z.strictObject({
  ledger,
  recordId: rowId,
  files: z.array(incomingFile, { error: V.invalid }).min(1, { error: V.required }).max(MAX_FILES_PER_ADD, { error: V.tooLarge }),
  /** Keep the photos' GPS position (asked per photo; removed otherwise). */
  keepLocation: z.boolean({ error: V.invalid }).optional(),
  caption: optionalText(200),
});
export type AttachmentAddInput = z.input<typeof attachmentAddInput>;

/** One stored attachment as the renderer sees it. */
export const attachmentView = z.object({
  id: z.string(),
  villageId: z.string(),
  ledger,
  recordId: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  caption: z.string().nullable(),
  takenAt: z.string().nullable(),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sha256: z.string(),
  thumbSha256: z.string().nullable(),
  keepLocation: z.boolean(),
  attachedBy: z.string().nullable(),
  createdAt: z.string(),
  /** The file is kept here (a row synced before its file arrives shows a placeholder). */
  present: z.boolean(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

export const attachmentAddResult = z.object({
  results: z.array(
    z.union([
      z.object({ name: z.string(), ok: z.literal(true), attachment: attachmentView, duplicate: z.boolean() }),
      z.object({ name: z.string(), ok: z.literal(false), code: z.enum(ATTACHMENT_REFUSAL_CODES), message: z.string() }),
    ]),
  ),
});
export type AttachmentAddResult = z.infer<typeof attachmentAddResult>;

/** By record (its thumbnails: `recordId`), or a village's gallery filtered by ledger and month. */
export const attachmentListInput = z
  .strictObject({
    recordId: rowId.optional(),
    villageId: rowId.optional(),
    ledger: ledger.optional(),
    month: month.optional(),
    offset: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(0, { error: V.notNegative }).default(0),
    limit: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(500, { error: V.tooLarge }).default(100),
  })
  .superRefine((q, ctx) => {
    if (q.recordId === undefined && q.villageId === undefined) ctx.addIssue({ code: 'custom', path: ['villageId'], message: V.required });
    if (q.recordId !== undefined && q.villageId !== undefined) ctx.addIssue({ code: 'custom', path: ['villageId'], message: V.invalid });
  });
export type AttachmentListInput = z.input<typeof attachmentListInput>;
export const attachmentList = z.object({ items: z.array(attachmentView), total: z.number().int() });

export const attachmentUpdateInput = z.strictObject({
  id: rowId,
  patch: z.strictObject({ caption: optionalText(200), keepLocation: z.boolean({ error: V.invalid }) }).partial(),
});

export const attachmentIdInput = z.strictObject({ id: rowId });

/** The bytes of a kept file (the photo, its thumbnail, the PDF), asked for by hash only. */
export const attachmentContentInput = z.strictObject({ hash: sha256Hex });
export const attachmentContent = z.object({ mime: z.string(), data: z.string() });
