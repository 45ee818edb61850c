// Every way a bundle or segment can be refused, as a reason code a caller can switch on and a
// plain message a person can act on. The reader throws nothing else for a bad file.

export type SyncFileReason =
  | 'TRUNCATED'
  | 'BAD_MAGIC'
  | 'NEWER_FORMAT'
  | 'NEWER_SCHEMA'
  | 'HASH_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_DEVICE'
  | 'KEY_MISMATCH'
  | 'TOO_LARGE'
  | 'BAD_HEADER'
  | 'BAD_SEGMENT'
  | 'FORKED_CHAIN'
  | 'UNKNOWN_TABLE'
  | 'UNKNOWN_COLUMN'
  | 'BOMB'
  // The passphrase envelope (db/sync/envelope.ts):
  | 'ENCRYPTED'
  | 'WRONG_PASSPHRASE'
  | 'CORRUPT_ENCRYPTION';

export class SyncFileError extends Error {
  constructor(
    readonly reason: SyncFileReason,
    message: string,
    /** For UNKNOWN_DEVICE: the device and the key the file offers (to show for a trust decision). */
    readonly device?: { readonly deviceId: string; readonly offeredPublicKey?: string },
  ) {
    super(message);
    this.name = 'SyncFileError';
  }
}

/** A name from a file, safe to put in a message: quoted, control characters escaped, cut short. */
export function shown(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}
