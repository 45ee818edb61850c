// A sync run's failure, with a code a screen translates (shared SYNC_ERROR_CODES) and a plain
// English sentence with the detail. `reachable` says whether the target answered at all: a
// target that did not is probed until it does, and then synced at once.
import type { SyncErrorCode } from '../../../shared/domain/sync';

export class SyncTargetError extends Error {
  readonly code: SyncErrorCode;
  readonly reachable: boolean;
  constructor(code: SyncErrorCode, message: string, reachable = true) {
    super(message);
    this.name = 'SyncTargetError';
    this.code = code;
    this.reachable = reachable;
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What a refusing HTTP status means for a person. */
export function errorOfStatus(status: number, what: string): SyncTargetError {
  if (status === 401) return new SyncTargetError('AUTH', `The server refused the user name or password (HTTP 401) for ${what}.`);
  if (status === 507) {
    return new SyncTargetError('QUOTA_FULL', `The storage on the server is full (HTTP 507) for ${what}: free some space or raise the quota.`);
  }
  if (status === 403 || status === 405) {
    return new SyncTargetError('FORBIDDEN', `The server does not allow ${what} (HTTP ${status}); check the folder address and the account's rights or space.`);
  }
  if (status === 404 || status === 409 || status === 410) return new SyncTargetError('NOT_FOUND', `The server has no such folder for ${what} (HTTP ${status}); check the address.`);
  if (status === 429 || status === 503) return new SyncTargetError('BUSY', `The server stayed busy (HTTP ${status}) for ${what}; it will be tried again later.`);
  return new SyncTargetError('SERVER', `The server answered HTTP ${status} to ${what}.`);
}
