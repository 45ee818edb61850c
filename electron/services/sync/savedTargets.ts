// Saved sync targets in the local `sync_targets` table (never synced: a target is where this
// machine puts its files), with what their last run did. Passwords live in the SecretStore
// under `sync-target:<id>`, never in the database and never in a view.
import type { Sqlite } from '../../../db/open';
import type { SyncTargetRow } from '../../../db/schema';
import { forgetRefusedFiles } from '../../../db/sync/refusedFiles';
import { syncRunCounts, type SyncErrorCode, type SyncRunCounts, type SyncTargetKind, type SyncTargetView } from '../../../shared/domain/sync';
import type { SecretStore } from './secrets';

export const secretKeyOf = (targetId: string) => `sync-target:${targetId}`;

export interface TargetFields {
  readonly kind: SyncTargetKind;
  readonly name: string;
  readonly folder: string | null;
  readonly url: string | null;
  readonly username: string | null;
  readonly auto: boolean;
  readonly intervalMinutes: number;
}

/** A saved place as the person set it up, and what its last run did. */
export interface SavedTarget extends TargetFields {
  readonly id: string;
  readonly createdAt: string;
  readonly lastAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastCounts: SyncRunCounts | null;
  readonly lastError: { code: SyncErrorCode; message: string } | null;
}

function fromRow(row: SyncTargetRow): SavedTarget {
  return {
    id: row.id,
    kind: row.kind as SyncTargetKind,
    name: row.name,
    folder: row.folder,
    url: row.url,
    username: row.username,
    auto: row.auto === 1,
    intervalMinutes: row.interval_minutes,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastCounts: row.last_result ? syncRunCounts.parse(JSON.parse(row.last_result)) : null,
    lastError: row.last_error_code ? { code: row.last_error_code as SyncErrorCode, message: row.last_error_message ?? '' } : null,
  };
}

export function listSavedTargets(sqlite: Sqlite): SavedTarget[] {
  return (sqlite.prepare('SELECT * FROM sync_targets ORDER BY created_at, id').all() as SyncTargetRow[]).map(fromRow);
}

export function savedTarget(sqlite: Sqlite, id: string): SavedTarget | null {
  const row = sqlite.prepare('SELECT * FROM sync_targets WHERE id = ?').get(id) as SyncTargetRow | undefined;
  return row ? fromRow(row) : null;
}

export function insertTarget(sqlite: Sqlite, id: string, fields: TargetFields, createdAt: string): void {
  sqlite
    .prepare(
      `INSERT INTO sync_targets (id, kind, name, folder, url, username, auto, interval_minutes, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, fields.kind, fields.name, fields.folder, fields.url, fields.username, fields.auto ? 1 : 0, fields.intervalMinutes, createdAt);
}

/** A changed place starts afresh: the files it delivered before say nothing about the new one. */
export function updateTarget(sqlite: Sqlite, id: string, fields: TargetFields): void {
  sqlite.transaction(() => {
    const before = savedTarget(sqlite, id);
    sqlite
      .prepare('UPDATE sync_targets SET kind = ?, name = ?, folder = ?, url = ?, username = ?, auto = ?, interval_minutes = ? WHERE id = ?')
      .run(fields.kind, fields.name, fields.folder, fields.url, fields.username, fields.auto ? 1 : 0, fields.intervalMinutes, id);
    if (before && (before.folder !== fields.folder || before.url !== fields.url)) {
      sqlite.prepare('DELETE FROM sync_target_files WHERE target_id = ?').run(id);
      forgetRefusedFiles(sqlite, id);
    }
  })();
}

export function deleteTarget(sqlite: Sqlite, id: string): boolean {
  return sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM sync_target_files WHERE target_id = ?').run(id);
    forgetRefusedFiles(sqlite, id);
    return sqlite.prepare('DELETE FROM sync_targets WHERE id = ?').run(id).changes > 0;
  })();
}

export function recordAttempt(sqlite: Sqlite, id: string, at: string): void {
  sqlite.prepare('UPDATE sync_targets SET last_attempt_at = ? WHERE id = ?').run(at, id);
}

export function recordSuccess(sqlite: Sqlite, id: string, at: string, counts: SyncRunCounts): void {
  sqlite
    .prepare('UPDATE sync_targets SET last_success_at = ?, last_result = ?, last_error_code = NULL, last_error_message = NULL WHERE id = ?')
    .run(at, JSON.stringify(counts), id);
}

export function recordFailure(sqlite: Sqlite, id: string, code: SyncErrorCode, message: string): void {
  sqlite.prepare('UPDATE sync_targets SET last_error_code = ?, last_error_message = ? WHERE id = ?').run(code, message.slice(0, 2000), id);
}

/** Remote files this target has delivered already, by path, with their size then. */
export function deliveredFiles(sqlite: Sqlite, id: string): Map<string, number> {
  const rows = sqlite.prepare('SELECT path, size FROM sync_target_files WHERE target_id = ?').all(id) as { path: string; size: number }[];
  return new Map(rows.map((r) => [r.path, r.size]));
}

/** A delivered file is no longer one refused. */
export function recordDelivered(sqlite: Sqlite, id: string, path: string, size: number, fileHash: string, at: string): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO sync_target_files (target_id, path, size, file_hash, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (target_id, path) DO UPDATE SET size = excluded.size, file_hash = excluded.file_hash, at = excluded.at`,
      )
      .run(id, path, size, fileHash, at);
    forgetRefusedFiles(sqlite, id, path);
  })();
}

export function viewOf(target: SavedTarget, secrets: SecretStore): SyncTargetView {
  return {
    id: target.id,
    kind: target.kind,
    name: target.name,
    folder: target.folder,
    url: target.url,
    username: target.username,
    hasPassword: target.kind === 'webdav' && secrets.has(secretKeyOf(target.id)),
    passwordProtected: secrets.protectedAtRest,
    auto: target.auto,
    intervalMinutes: target.intervalMinutes,
    createdAt: target.createdAt,
  };
}
