// A full disk, named once for the whole app: SQLite's SQLITE_FULL (the write-ahead log or the
// database could not grow) and the system's ENOSPC / EDQUOT (a file could not be written) become
// one DISK_FULL error in plain words, which the screens show in the person's language.
import { ApiError } from '../../shared/api/result';

/** The start of every disk-full message (the words the person reads are `errors.DISK_FULL`). */
export const DISK_FULL_MESSAGE = 'Not enough space on the disk';

const CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** True for an error that says the disk (or the user's quota on it) is full, from SQLite or from the system. */
export function isDiskFull(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CODES.has(code)) return true;
  // Wrapped errors (a zip or stream library) keep only the text.
  return /\bENOSPC\b|\bEDQUOT\b|database or disk is full|no space left on device/i.test(error.message);
}

/** The named error for a full disk, `for` what ("the backup") when the caller knows. */
export function diskFullError(what?: string): ApiError {
  return new ApiError('DISK_FULL', `${DISK_FULL_MESSAGE}${what ? ` for ${what}` : ''}: free some space and try again. Nothing stored was changed.`);
}
