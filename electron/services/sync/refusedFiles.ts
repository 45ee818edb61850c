// What a target's files were refused for, so a run does not download the same refused file
// again and again (坚果云 counts every byte against a monthly quota, and one junk or untrusted
// file on a shared place would drain every device). A refusal stands while nothing that decided
// it has changed: the same bytes (path, size, and the listing's version tag where it gives one),
// the same app version, the same trusted devices. A new passphrase forgets them all.
import type { Sqlite } from '../../../db/open';
import { refusedFilesOf, saveRefusedFile, trustedDevicesDigest, type RefusedRow } from '../../../db/sync/refusedFiles';
import type { RemoteBundle } from './syncTarget';

/** What a refusal depended on besides the file: a change to either may turn it into an import. */
export interface RefusalEpoch {
  readonly appVersion: string;
  readonly trust: string;
}

/** Refusals never remembered: they may clear on their own (a local read failing, this device's own history). */
const NOT_REMEMBERED = new Set(['UNREADABLE', 'FORKED_CHAIN']);
/**
 * Damage that a download spoilt on the way would look like too: skipped only once two runs got
 * the same bytes refused, so a good file is never given up on for one bad transfer.
 */
const DAMAGE = new Set(['TRUNCATED', 'BAD_MAGIC', 'HASH_MISMATCH', 'BAD_SIGNATURE', 'BAD_HEADER', 'BAD_SEGMENT', 'BOMB', 'CORRUPT_ENCRYPTION']);

export function refusalEpoch(sqlite: Sqlite, appVersion: string): RefusalEpoch {
  return { appVersion, trust: trustedDevicesDigest(sqlite) };
}

export interface RefusalMemory {
  /** True when `file` was refused before and nothing that decided it has changed: do not fetch it. */
  stands(file: RemoteBundle): boolean;
  /** Records a refusal of the bytes fetched for `file` (`size` and `fileHash` of what arrived). */
  remember(file: RemoteBundle, refused: { size: number; fileHash: string; reason: string }, at: string): void;
}

export function refusalMemory(sqlite: Sqlite, targetId: string, epoch: RefusalEpoch): RefusalMemory {
  const rows = new Map(
    refusedFilesOf(sqlite, targetId).map((r) => [r.path, r]),
  );
  const sameFile = (row: RefusedRow, file: RemoteBundle) =>
    file.size !== null && file.size === row.size && (file.etag === undefined || file.etag === null || row.etag === null || file.etag === row.etag);
  return {
    stands(file) {
      const row = rows.get(file.path);
      if (!row || !sameFile(row, file)) return false;
      if (row.app_version !== epoch.appVersion || row.trust_epoch !== epoch.trust) return false;
      return !DAMAGE.has(row.reason) || row.times >= 2;
    },
    remember(file, refused, at) {
      // A file that arrived shorter or longer than listed was spoilt on the way: nothing to remember.
      if (NOT_REMEMBERED.has(refused.reason) || file.size === null || refused.size !== file.size) return;
      const before = rows.get(file.path);
      const times = before && before.file_hash === refused.fileHash && before.reason === refused.reason ? before.times + 1 : 1;
      const row: RefusedRow = {
        path: file.path,
        size: refused.size,
        etag: file.etag ?? null,
        file_hash: refused.fileHash,
        reason: refused.reason,
        times,
        app_version: epoch.appVersion,
        trust_epoch: epoch.trust,
      };
      saveRefusedFile(sqlite, targetId, row, at);
      rows.set(file.path, row);
    },
  };
}
