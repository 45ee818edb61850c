// A saved sync target as a view shows it (db/sync/syncTargets.ts keeps the targets). Passwords
// live in the SecretStore under `sync-target:<id>`, never in the database and never in a view.
import type { SavedTarget } from '../../../db/sync/syncTargets';
import type { SyncTargetView } from '../../../shared/domain/sync';
import type { SecretStore } from './secrets';

export const secretKeyOf = (targetId: string) => `sync-target:${targetId}`;

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
    attachmentFiles: target.attachmentFiles,
    createdAt: target.createdAt,
  };
}
