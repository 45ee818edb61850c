// 照片档案, a village's gallery as the contract sees it: attachments.gallery's input (a village,
// optionally one ledger and one month, a page) and its output (the page's photos and scans, each
// with the record it belongs to, the total, and the months that have any for the month filter).
import { z } from 'zod';
import { ATTACHABLE_NOUNS, attachmentView } from './attachments';
import { choiceError, rowId, V } from './validation';

/** Thumbnails a page: about four rows of a 1920 px screen; the grid shows no more at once. */
export const GALLERY_PAGE_SIZE = 48;

export const galleryInput = z.strictObject({
  villageId: rowId,
  ledger: z.enum(ATTACHABLE_NOUNS, { error: choiceError }).optional(),
  month: z.string({ error: V.invalid }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: V.date }).optional(),
  offset: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(0, { error: V.notNegative }).max(10_000_000, { error: V.tooLarge }).default(0),
  limit: z.number({ error: V.invalid }).int({ error: V.wholeNumber }).min(1, { error: V.invalid }).max(200, { error: V.tooLarge }).default(GALLERY_PAGE_SIZE),
});
export type GalleryInput = z.input<typeof galleryInput>;

export const galleryItem = attachmentView.extend({
  /** YYYY-MM: when the camera took it, else the China day it was attached. */
  month: z.string(),
  record: z.object({
    /** The household's head, the project's or candidate's name, a commitment's words; null for a diary day. */
    label: z.string().nullable(),
    /** The record's own day (the visit's, the fund entry's, the step's …). */
    date: z.string().nullable(),
    /** The record is not on this computer (deleted, or not arrived yet): no link to it. */
    gone: z.boolean(),
  }),
});
export type GalleryItem = z.infer<typeof galleryItem>;

export const galleryPage = z.object({
  items: z.array(galleryItem),
  total: z.number().int(),
  /** Months with attachments under the ledger filter, newest first. */
  months: z.array(z.object({ month: z.string(), count: z.number().int() })),
});
export type GalleryPage = z.infer<typeof galleryPage>;
