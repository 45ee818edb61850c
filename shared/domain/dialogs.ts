// Native open/save dialogs as the contract sees them. The renderer names what it wants (a
// bundle, a report of one type) and a default file name; the shell picks titles and filters,
// so a page can never widen a dialog to any file type. The answer is what the person chose.
import { z } from 'zod';
import { V } from './validation';

export const SAVE_FILE_TYPES = ['cunji', 'xlsx', 'csv', 'pdf'] as const;
export type SaveFileType = (typeof SAVE_FILE_TYPES)[number];
export type ReportFileType = Exclude<SaveFileType, 'cunji'>;

const hasControlCharacter = (text: string) => [...text].some((ch) => ch.charCodeAt(0) < 0x20);

/** A file name offered in a save dialog: a name only, never a path (nor anything Windows refuses in one). */
export const defaultFileName = z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.invalid) })
  .trim()
  .min(1, { error: V.required })
  .max(120, { error: V.tooLong })
  .refine((name) => !/[\\/:*?"<>|]/.test(name) && !hasControlCharacter(name) && name !== '.' && name !== '..', { error: V.invalid });

export const saveFileInput = z.strictObject({
  type: z.enum(SAVE_FILE_TYPES, { error: (issue) => (issue.input === undefined ? V.required : V.invalid) }),
  defaultName: defaultFileName,
});

/** What the person chose; `canceled` with no paths when they closed the dialog. */
export const dialogResult = z.object({ canceled: z.boolean(), paths: z.array(z.string()) });
export type DialogResult = z.infer<typeof dialogResult>;
