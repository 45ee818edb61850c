// The reads of the attachments ledger: a record's files, a village's gallery, whether a record
// exists to attach to, whether a hash is one the person may see, what the sweep needs to know
// before a file leaves the disk, and which files a sync sends or fetches. Writes go through the
// store like any ledger's.
import type { LedgerName } from './ledgers';
import type { Sqlite } from './open';

export interface AttachmentRow {
  id: string;
  village_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  record_table: string;
  record_id: string;
  kind: string;
  caption: string | null;
  taken_at: string | null;
  file_name: string;
  mime: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  thumb_sha256: string | null;
  keep_location: number | null;
  attached_by: string | null;
}

export function attachmentById(sqlite: Sqlite, id: string): AttachmentRow | undefined {
  return sqlite.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
}

/** The live attachments of one record, in the order they were attached. */
export function attachmentsOfRecord(sqlite: Sqlite, recordId: string): AttachmentRow[] {
  return sqlite
    .prepare('SELECT * FROM attachments WHERE record_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid')
    .all(recordId) as AttachmentRow[];
}

export interface GalleryQuery {
  villageId: string;
  table?: string;
  /** YYYY-MM: of the photo's taken-at where the camera gave one, else of when it was attached. */
  month?: string;
  offset: number;
  limit: number;
}

/** A village's gallery, newest first, with the total for paging. */
export function attachmentsOfVillage(sqlite: Sqlite, q: GalleryQuery): { rows: AttachmentRow[]; total: number } {
  const where = ['village_id = @villageId', 'deleted_at IS NULL'];
  if (q.table) where.push('record_table = @table');
  if (q.month) where.push("substr(coalesce(taken_at, created_at), 1, 7) = @month");
  const params = { villageId: q.villageId, table: q.table ?? null, month: q.month ?? null, offset: q.offset, limit: q.limit };
  const clause = where.join(' AND ');
  const rows = sqlite
    .prepare(`SELECT * FROM attachments WHERE ${clause} ORDER BY coalesce(taken_at, created_at) DESC, id DESC LIMIT @limit OFFSET @offset`)
    .all(params) as AttachmentRow[];
  const total = sqlite.prepare(`SELECT count(*) FROM attachments WHERE ${clause}`).pluck().get(params) as number;
  return { rows, total };
}

/** The village of a live record of `table`, or null: what a file may be attached to. */
export function liveRecordVillage(sqlite: Sqlite, table: LedgerName, id: string): string | null {
  // `table` is a LedgerName: from the allow-list, never from input.
  const village = sqlite.prepare(`SELECT village_id FROM "${table}" WHERE id = ? AND deleted_at IS NULL`).pluck().get(id) as string | undefined;
  return village ?? null;
}

/** Whether a live attachment of one of these villages refers to the hash (as its file or thumbnail). */
export function hashVisibleIn(sqlite: Sqlite, hash: string, villageIds: readonly string[]): { mime: string; thumb: boolean } | null {
  const row = sqlite
    .prepare(
      `SELECT mime, thumb_sha256 = @hash AS thumb FROM attachments
        WHERE (sha256 = @hash OR thumb_sha256 = @hash) AND deleted_at IS NULL
          AND village_id IN (SELECT value FROM json_each(@villages)) LIMIT 1`,
    )
    .get({ hash, villages: JSON.stringify(villageIds) }) as { mime: string; thumb: number } | undefined;
  return row ? { mime: row.mime, thumb: row.thumb === 1 } : null;
}

export interface FileReference {
  hash: string;
  /** A live row refers to it. */
  live: boolean;
  /** The latest deletion of a row that referred to it (null when one is live). */
  lastDeletedAt: string | null;
}

/** Every hash any row (live or deleted) refers to, as its file or its thumbnail. */
export function fileReferences(sqlite: Sqlite): Map<string, FileReference> {
  const rows = sqlite
    .prepare(
      `SELECT hash, max(deleted_at IS NULL) AS live, max(deleted_at) AS last_deleted FROM (
         SELECT sha256 AS hash, deleted_at FROM attachments WHERE sha256 IS NOT NULL
         UNION ALL SELECT thumb_sha256, deleted_at FROM attachments WHERE thumb_sha256 IS NOT NULL
       ) GROUP BY hash`,
    )
    .all() as { hash: string; live: number; last_deleted: string | null }[];
  return new Map(rows.map((r) => [r.hash, { hash: r.hash, live: r.live === 1, lastDeletedAt: r.live === 1 ? null : r.last_deleted }]));
}

export interface WantedFile {
  hash: string;
  ext: 'jpg' | 'png' | 'pdf';
  /** The bytes the row says the file has (a thumbnail's size is not recorded: null). */
  size: number | null;
  /**
   * A live attachment of a village this device keeps names it: a file to fetch when it is not here.
   * A secretary's database holds the rows of other villages too (the coordinator's files relay
   * the whole township, and the other secretaries' files sit in the same shared place); their
   * files are never shown here, so they are not fetched, nor counted missing.
   */
  kept: boolean;
}

/**
 * Every file a live attachment names (its file and its thumbnail), once each, marked `kept` when
 * an attachment of one of `keptVillages` names it (the row's village is its record's).
 */
export function filesOfLiveAttachments(sqlite: Sqlite, keptVillages: readonly string[]): WantedFile[] {
  const rows = sqlite
    .prepare(
      `SELECT sha256, thumb_sha256, mime, size_bytes, village_id IN (SELECT value FROM json_each(@villages)) AS kept
         FROM attachments WHERE deleted_at IS NULL AND sha256 IS NOT NULL ORDER BY sha256, kept DESC`,
    )
    .all({ villages: JSON.stringify(keptVillages) }) as { sha256: string; thumb_sha256: string | null; mime: string | null; size_bytes: number | null; kept: number }[];
  const wanted = new Map<string, WantedFile>();
  const add = (file: WantedFile) => {
    const seen = wanted.get(file.hash);
    // A kept row's word wins over another village's row naming the same bytes.
    if (!seen) wanted.set(file.hash, file);
    else if (file.kept && !seen.kept) seen.kept = true;
  };
  for (const row of rows) {
    const ext = row.mime === 'image/png' ? 'png' : row.mime === 'application/pdf' ? 'pdf' : 'jpg';
    const kept = row.kept === 1;
    add({ hash: row.sha256, ext, size: row.size_bytes, kept });
    if (row.thumb_sha256) add({ hash: row.thumb_sha256, ext: 'jpg', size: null, kept });
  }
  return [...wanted.values()];
}
