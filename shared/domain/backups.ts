// Backups of this device's database (kept in the data folder's backups/, or copied to a folder a
// person chooses) and restoring one: what the contract carries for backups.list|create|restore|exportTo.
import { z } from 'zod';
import { absolutePath } from './sync';
import { V } from './validation';

export const BACKUP_KIND_VALUES = ['daily', 'import', 'manual', 'restore', 'schema'] as const;

/** A backup's file name as the list gives it: `cunji-<kind>-<time>.sqlite`, nothing with a folder in it. */
export const backupFileName = z
  .string({ error: (issue) => (issue.input === undefined ? V.required : V.invalid) })
  .min(1, { error: V.required })
  .max(200, { error: V.tooLong })
  .regex(/^cunji-(daily|import|manual|restore|schema\d{4})-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/, { error: V.invalid });

export const backupItem = z.object({
  name: z.string(),
  kind: z.enum(BACKUP_KIND_VALUES),
  at: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Live records per ledger; null when the file cannot be read. */
  counts: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  /** The device the backup was made on; false when another device's. */
  thisDevice: z.boolean(),
});
export type BackupItem = z.infer<typeof backupItem>;

export const backupList = z.object({ items: z.array(backupItem), folder: z.string() });
export type BackupList = z.infer<typeof backupList>;

export const backupRestoreInput = z.strictObject({ name: backupFileName });
export const backupRestoreResult = z.object({
  restored: z.string(),
  /** The copy of the database as it was just before, itself restorable. */
  keptAs: z.string(),
});

export const backupExportInput = z.strictObject({ folder: absolutePath });
export const backupExportResult = z.object({ file: z.string(), bytes: z.number().int().nonnegative() });

/** The start of the message a backup refused for want of space gives (the screen says it in the person's words). */
export const BACKUP_DISK_FULL = 'Not enough space on the disk for the backup';
