// The photos of a report's record, read in the same statement as the record (a connection that is
// streaming a village's rows cannot run another query meanwhile): the first few photos with their
// thumbnail's hash and proportions, how many photos and PDFs the record has in all.
/** Thumbnails a report shows per record; more are counted ("+N"). */
export const PHOTOS_PER_RECORD = 3;

export interface RecordPhotos {
  /** JSON: `[[thumbHash, width, height], …]`, the first photos in the order they were attached. */
  photoFirst: string | null;
  photoCount: number;
  pdfCount: number;
}

/** Columns `photoFirst`, `photoCount`, `pdfCount` of the record `alias`.id (on attachments_by_record). */
export function recordPhotoColumns(alias: string): string {
  const live = `a.record_id = ${alias}.id AND a.deleted_at IS NULL`;
  return `(SELECT json_group_array(json_array(t.thumb_sha256, t.width, t.height)) FROM (
       SELECT a.thumb_sha256, a.width, a.height FROM attachments a WHERE ${live} AND a.kind = 'photo'
        ORDER BY a.created_at, a.rowid LIMIT ${PHOTOS_PER_RECORD}) t) AS photoFirst,
     (SELECT count(*) FROM attachments a WHERE ${live} AND a.kind = 'photo') AS photoCount,
     (SELECT count(*) FROM attachments a WHERE ${live} AND a.kind = 'pdf') AS pdfCount`;
}

/** The first photos of a record as the statement gave them. */
export function firstPhotosOf(row: RecordPhotos): { thumb: string | null; width: number | null; height: number | null }[] {
  if (!row.photoFirst) return [];
  const parsed = JSON.parse(row.photoFirst) as [string | null, number | null, number | null][];
  return parsed.map(([thumb, width, height]) => ({ thumb, width, height }));
}
