// A village's photo archive (照片档案) as the contract sees it: "one person, one event, one file" —
// a new folder holding a folder per ledger, each kept file copied under a readable name, and an
// index (index.html that opens offline, index.csv). Nothing existing is ever written over.
import { z } from 'zod';
import { absolutePath } from './sync';
import { choiceError, rowId } from './validation';

export const archiveExportInput = z.strictObject({
  villageId: rowId,
  /**
   * The folder the archive's own new folder is made in: what the native folder dialog gave. Left
   * out (the browser host, which has no dialog), it is made in `<data folder>/exports/`.
   */
  parent: absolutePath.optional(),
  /** The language of the folder names and the index. */
  language: z.enum(['zh-CN', 'en'], { error: choiceError }).default('zh-CN'),
});
export type ArchiveExportInput = z.input<typeof archiveExportInput>;

export const archiveExportResult = z.object({
  /** The new folder (absolute), and its name. */
  folder: z.string(),
  folderName: z.string(),
  /** Files copied, each checked by its SHA-256 after the copy; their bytes. */
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Attachments whose file is not on this device yet: listed in the index, not copied. */
  missing: z.number().int().nonnegative(),
  /** Per ledger folder: its name and how many files went in. */
  ledgers: z.array(z.object({ folder: z.string(), files: z.number().int().nonnegative() })),
});
export type ArchiveExportResult = z.infer<typeof archiveExportResult>;
