// Encrypted files imported here, remembered by their outer hash → the bundle's (`imports`), so
// one seen again is skipped without deriving a key or decrypting.
import type { Sqlite } from '../open';

export interface KnownEncryptedFile {
  readonly fileHash: string;
  readonly producer: string;
  /** Segments and changes of the bundle inside, as its import recorded them. */
  readonly segments: number;
  readonly changes: number;
}

/** The bundle inside an encrypted file imported before, when its import is still on record. */
export function knownEncryptedFile(sqlite: Sqlite, outerHash: string): KnownEncryptedFile | null {
  const row = sqlite
    .prepare('SELECT i.file_hash, i.producer, i.result FROM encrypted_files e JOIN imports i ON i.file_hash = e.file_hash WHERE e.outer_hash = ?')
    .get(outerHash) as { file_hash: string; producer: string; result: string } | undefined;
  if (!row) return null;
  const result = JSON.parse(row.result) as Partial<Record<'segmentsNew' | 'segmentsKnown' | 'changesNew' | 'changesKnown', number>>;
  return {
    fileHash: row.file_hash,
    producer: row.producer,
    segments: (result.segmentsNew ?? 0) + (result.segmentsKnown ?? 0),
    changes: (result.changesNew ?? 0) + (result.changesKnown ?? 0),
  };
}

export function rememberEncryptedFile(sqlite: Sqlite, outerHash: string, fileHash: string, at: string): void {
  sqlite
    .prepare('INSERT INTO encrypted_files (outer_hash, file_hash, at) VALUES (?, ?, ?) ON CONFLICT (outer_hash) DO UPDATE SET file_hash = excluded.file_hash, at = excluded.at')
    .run(outerHash, fileHash, at);
}
