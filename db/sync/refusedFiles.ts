// The remote files a sync target's runs refused (migration 0120): read, written and forgotten
// here; what a refusal means for the next run is electron/services/sync/refusedFiles.ts.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../open';

export interface RefusedRow {
  readonly path: string;
  readonly size: number;
  readonly etag: string | null;
  readonly file_hash: string;
  readonly reason: string;
  readonly times: number;
  readonly app_version: string;
  readonly trust_epoch: string;
}

/** A digest of everything that decides whom this device accepts, and for which villages. */
export function trustedDevicesDigest(sqlite: Sqlite): string {
  const rows = sqlite
    .prepare('SELECT device_id, public_key, villages, role, enrolled_by, enrolment_sig FROM trusted_devices ORDER BY device_id')
    .raw()
    .all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 32);
}

export function refusedFilesOf(sqlite: Sqlite, targetId: string): RefusedRow[] {
  return sqlite.prepare('SELECT * FROM sync_refused_files WHERE target_id = ?').all(targetId) as RefusedRow[];
}

export function saveRefusedFile(sqlite: Sqlite, targetId: string, row: RefusedRow, at: string): void {
  sqlite
    .prepare(
      `INSERT INTO sync_refused_files (target_id, path, size, etag, file_hash, reason, times, app_version, trust_epoch, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (target_id, path) DO UPDATE SET size = excluded.size, etag = excluded.etag, file_hash = excluded.file_hash,
         reason = excluded.reason, times = excluded.times, app_version = excluded.app_version, trust_epoch = excluded.trust_epoch, at = excluded.at`,
    )
    .run(targetId, row.path, row.size, row.etag, row.file_hash, row.reason, row.times, row.app_version, row.trust_epoch, at);
}

/** Every target's refusals, one target's, or one file's. */
export function forgetRefusedFiles(sqlite: Sqlite, targetId?: string, path?: string): void {
  if (targetId === undefined) sqlite.prepare('DELETE FROM sync_refused_files').run();
  else if (path === undefined) sqlite.prepare('DELETE FROM sync_refused_files WHERE target_id = ?').run(targetId);
  else sqlite.prepare('DELETE FROM sync_refused_files WHERE target_id = ? AND path = ?').run(targetId, path);
}
