// Thumbnails beside a report's records (走访, 项目), when asked for: the photos column, and each
// record's photos resolved against this device's file store — a thumbnail not here yet (its row
// synced before its file) is counted under a placeholder word, never a failure. Only the stored
// thumbnails are used (320 px JPEGs), never the photos themselves.
import type { Lang } from '../../../shared/domain/labels';
import type { CellValue, ReportPhotos } from '../../../shared/domain/reports';
import { firstPhotosOf, type RecordPhotos } from '../../../db/reports/photos';
import { col, type ColumnDef } from './model';

/** What a report needs of the file store: where a kept thumbnail is (null when not on this device). */
export interface ThumbFiles {
  pathOf(hash: string): string | null;
}

/** The thumbnails' height on paper and in Excel, in pixels; widths follow the photo (capped). */
export const THUMB_HEIGHT_PX = 72;
export const THUMB_MAX_WIDTH_PX = 96;
export const THUMB_GAP_PX = 4;

export function photosColumn(): ColumnDef {
  // Wide enough for three thumbnails side by side and a short note.
  return col('photos', '照片', 'Photos', 'text', 48);
}

const WORDS = {
  'zh-CN': { missing: (n: number) => `未在本机 ${n}`, pdf: (n: number) => `PDF ${n}`, summary: (n: number) => `照片 ${n} 张`, sep: '　' },
  en: { missing: (n: number) => `not on this device: ${n}`, pdf: (n: number) => `PDF ${n}`, summary: (n: number) => `${n} photo${n === 1 ? '' : 's'}`, sep: '  ' },
} as const;

/** The record's photos: the first few whose thumbnail is kept here, the rest counted. */
export function photosOf(row: Partial<RecordPhotos>, files: ThumbFiles, lang: Lang): ReportPhotos {
  const first = firstPhotosOf({ photoFirst: row.photoFirst ?? null, photoCount: row.photoCount ?? 0, pdfCount: row.pdfCount ?? 0 });
  const thumbs: ReportPhotos['thumbs'] = [];
  let missing = 0;
  for (const photo of first) {
    const path = photo.thumb ? files.pathOf(photo.thumb) : null;
    if (path && photo.thumb) thumbs.push({ hash: photo.thumb, width: photo.width ?? 4, height: photo.height ?? 3 });
    else missing++;
  }
  const more = Math.max(0, (row.photoCount ?? 0) - first.length);
  const pdfs = row.pdfCount ?? 0;
  const w = WORDS[lang];
  const note = [...(more > 0 ? [`+${more}`] : []), ...(missing > 0 ? [w.missing(missing)] : []), ...(pdfs > 0 ? [w.pdf(pdfs)] : [])].join(w.sep);
  return { thumbs, missing, more, pdfs, note };
}

/** The photos column's cell where no image can be drawn (CSV, the screen's preview): counts in words. */
export function photosCell(photos: ReportPhotos, lang: Lang): CellValue {
  const total = photos.thumbs.length + photos.missing + photos.more;
  const w = WORDS[lang];
  const parts = [...(total > 0 ? [w.summary(total)] : []), ...(photos.missing > 0 ? [w.missing(photos.missing)] : []), ...(photos.pdfs > 0 ? [w.pdf(photos.pdfs)] : [])];
  return parts.length > 0 ? parts.join(w.sep) : null;
}

/** A thumbnail's size on the page: THUMB_HEIGHT_PX high, its width by the photo's proportions. */
export function thumbSize(thumb: { width: number; height: number }): { width: number; height: number } {
  const width = Math.round((THUMB_HEIGHT_PX * thumb.width) / thumb.height);
  if (width <= THUMB_MAX_WIDTH_PX) return { width: Math.max(8, width), height: THUMB_HEIGHT_PX };
  return { width: THUMB_MAX_WIDTH_PX, height: Math.max(8, Math.round((THUMB_MAX_WIDTH_PX * thumb.height) / thumb.width)) };
}
