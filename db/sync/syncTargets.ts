// Saved sync targets in the local `sync_targets` table (never synced: a target is where this
// machine puts its files), what their last run did, and the remote files each has delivered.
// Typed by the schema through kysely; passwords are never here (the services' SecretStore).
import type { Sqlite } from '../open';
import { all, first, run } from '../query';
import type { SyncTargetRow } from '../schema';
import { sqlBuilder } from '../sqlBuilder';
import { syncRunCounts, type SyncErrorCode, type SyncRunCounts, type SyncTargetKind } from '../../shared/domain/sync';
import { forgetRefusedFiles } from './refusedFiles';

export interface TargetFields {
  readonly kind: SyncTargetKind;
  readonly name: string;
  readonly folder: string | null;
  readonly url: string | null;
  readonly username: string | null;
  readonly auto: boolean;
  readonly intervalMinutes: number;
  /** The attachments' files travel through this target (true), or only their rows (false). */
  readonly attachmentFiles: boolean;
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

/** Longest error message kept for a target (a server's page of HTML is not kept whole). */
const ERROR_MESSAGE_CHARS = 2000;

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
    attachmentFiles: row.attachment_files === 1,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastCounts: row.last_result ? syncRunCounts.parse(JSON.parse(row.last_result)) : null,
    lastError: row.last_error_code ? { code: row.last_error_code as SyncErrorCode, message: row.last_error_message ?? '' } : null,
  };
}

const columnsOf = (fields: TargetFields) => ({
  kind: fields.kind,
  name: fields.name,
  folder: fields.folder,
  url: fields.url,
  username: fields.username,
  auto: fields.auto ? 1 : 0,
  interval_minutes: fields.intervalMinutes,
  attachment_files: fields.attachmentFiles ? 1 : 0,
});

export function listSavedTargets(sqlite: Sqlite): SavedTarget[] {
  return all(sqlite, sqlBuilder.selectFrom('sync_targets').selectAll().orderBy('created_at').orderBy('id')).map(fromRow);
}

export function savedTarget(sqlite: Sqlite, id: string): SavedTarget | null {
  const row = first(sqlite, sqlBuilder.selectFrom('sync_targets').selectAll().where('id', '=', id));
  return row ? fromRow(row) : null;
}

export function insertTarget(sqlite: Sqlite, id: string, fields: TargetFields, createdAt: string): void {
  run(sqlite, sqlBuilder.insertInto('sync_targets').values({ id, ...columnsOf(fields), created_at: createdAt }));
}

/** Forgets every file a target delivered or had refused. */
function forgetFiles(sqlite: Sqlite, id: string): void {
  run(sqlite, sqlBuilder.deleteFrom('sync_target_files').where('target_id', '=', id));
  forgetRefusedFiles(sqlite, id);
}

/** A changed place starts afresh: the files it delivered before say nothing about the new one. */
export function updateTarget(sqlite: Sqlite, id: string, fields: TargetFields): void {
  sqlite.transaction(() => {
    const before = savedTarget(sqlite, id);
    run(sqlite, sqlBuilder.updateTable('sync_targets').set(columnsOf(fields)).where('id', '=', id));
    if (before && (before.folder !== fields.folder || before.url !== fields.url)) forgetFiles(sqlite, id);
  })();
}

export function deleteTarget(sqlite: Sqlite, id: string): boolean {
  return sqlite.transaction(() => {
    forgetFiles(sqlite, id);
    return run(sqlite, sqlBuilder.deleteFrom('sync_targets').where('id', '=', id)) > 0;
  })();
}

export function recordAttempt(sqlite: Sqlite, id: string, at: string): void {
  run(sqlite, sqlBuilder.updateTable('sync_targets').set({ last_attempt_at: at }).where('id', '=', id));
}

export function recordSuccess(sqlite: Sqlite, id: string, at: string, counts: SyncRunCounts): void {
  run(
    sqlite,
    sqlBuilder
      .updateTable('sync_targets')
      .set({ last_success_at: at, last_result: JSON.stringify(counts), last_error_code: null, last_error_message: null })
      .where('id', '=', id),
  );
}

export function recordFailure(sqlite: Sqlite, id: string, code: SyncErrorCode, message: string): void {
  run(
    sqlite,
    sqlBuilder.updateTable('sync_targets').set({ last_error_code: code, last_error_message: message.slice(0, ERROR_MESSAGE_CHARS) }).where('id', '=', id),
  );
}

/** Remote files this target has delivered already, by path, with their size then. */
export function deliveredFiles(sqlite: Sqlite, id: string): Map<string, number> {
  const rows = all(sqlite, sqlBuilder.selectFrom('sync_target_files').select(['path', 'size']).where('target_id', '=', id));
  return new Map(rows.map((r) => [r.path, r.size]));
}

/** A delivered file is no longer one refused. */
export function recordDelivered(sqlite: Sqlite, id: string, path: string, size: number, fileHash: string, at: string): void {
  sqlite.transaction(() => {
    run(
      sqlite,
      sqlBuilder
        .insertInto('sync_target_files')
        .values({ target_id: id, path, size, file_hash: fileHash, at })
        .onConflict((oc) => oc.columns(['target_id', 'path']).doUpdateSet((eb) => ({ size: eb.ref('excluded.size'), file_hash: eb.ref('excluded.file_hash'), at: eb.ref('excluded.at') }))),
    );
    forgetRefusedFiles(sqlite, id, path);
  })();
}

/** Where a target's attachment files are noted among its files: `attachments/<hash>`, never a bundle's path. */
const ATTACHMENT_PREFIX = 'attachments/';

/** The attachment files (by hash) this target is known to hold: sent there or seen in its listing. Nothing there is ever deleted. */
export function attachmentFilesAt(sqlite: Sqlite, id: string): Set<string> {
  const rows = all(sqlite, sqlBuilder.selectFrom('sync_target_files').select('path').where('target_id', '=', id).where('path', 'like', `${ATTACHMENT_PREFIX}%`));
  return new Set(rows.map((r) => r.path.slice(ATTACHMENT_PREFIX.length)));
}

/** Notes attachment files as held by the target (or, `held` false, as not found there after all). */
export function noteAttachmentFilesAt(sqlite: Sqlite, id: string, files: readonly { hash: string; size: number }[], at: string, held = true): void {
  sqlite.transaction(() => {
    for (const file of files) {
      const path = `${ATTACHMENT_PREFIX}${file.hash}`;
      if (!held) {
        run(sqlite, sqlBuilder.deleteFrom('sync_target_files').where('target_id', '=', id).where('path', '=', path));
        continue;
      }
      run(sqlite, sqlBuilder.insertInto('sync_target_files').values({ target_id: id, path, size: file.size, file_hash: file.hash, at }).onConflict((oc) => oc.doNothing()));
    }
  })();
}
