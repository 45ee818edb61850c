// The kysely Database interface: what the migrations create, as TypeScript sees it. A ledger's
// table is typed from its definition (shared/domain/ledgers), never copied here; the tables that
// are not ledgers are written out below. Nullable columns are `T | null`, never optional
// (kysely's convention).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CellsOf } from '../shared/domain/ledgers/columns';
import type { LedgerDefinitions } from '../shared/domain/ledgers/index';

interface SyncedRow {
  id: string;
  village_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface VillagesTable extends SyncedRow {
  name: string | null;
  code: string | null;
  township: string | null;
  county: string | null;
  notes: string | null;
}

/** Every ledger's table under its name: the synced row's columns and one per field. */
export type LedgerTables = {
  [D in LedgerDefinitions[keyof LedgerDefinitions] as D['table']]: SyncedRow & CellsOf<D['fields']>;
};

/** One row per column written, by anyone, ever. The ledgers are its projection. */
export interface ChangesTable {
  /** hlc + origin: fixed width, sorts as it compares. */
  id: string;
  tbl: string;
  row_id: string;
  village_id: string;
  col: string;
  /** JSON text of the value. */
  value: string;
  /** Read off the id (a VIRTUAL generated column, migration 0220): never written. */
  hlc: Generated<string>;
  /** Read off the id (a VIRTUAL generated column, migration 0220): never written. */
  origin: Generated<string>;
  /** JSON array of the change ids that were the cell's heads when the author wrote. */
  seen: string;
  segment: string | null;
}

/** The changes of a cell that no other change has seen. More than one is a conflict. */
export interface CellHeadsTable {
  tbl: string;
  row_id: string;
  col: string;
  change_id: string;
}

/** Local only: device identity, keys, settings. */
export interface MetaTable {
  key: string;
  value: string;
}

/** Changes sealed into a numbered, hash-chained segment signed by its origin (ours or received). */
export interface SegmentsTable {
  /** SHA-256 (hex) over the canonical segment header and the body: what the origin signed. */
  hash: string;
  origin: string;
  /** 1, 2, 3 … per origin. */
  seq: number;
  /** The hash of segment seq - 1 of the same origin; null for the first. */
  prev_hash: string | null;
  hlc_min: string;
  hlc_max: string;
  count: number;
  /** The schema version of the writer (a reader older than it refuses the segment). */
  schema_version: number;
  /** The signing key's fingerprint: SHA-256 of the SPKI DER, first 16 bytes, hex. */
  key_id: string;
  /** Ed25519 over the hash. */
  signature: Buffer;
  /** The codec's bytes (compressed), verbatim as the origin sealed them. */
  body: Buffer;
  /** Null on the first history stored of the origin; else the fork branch (docs/sync-forks.md). */
  branch: string | null;
}

/** One row per fork branch: a device that wrote two histories (restored from a backup, or copied). */
export interface ForksTable {
  /** The hash of the branch's first segment stored here. */
  branch: string;
  origin: string;
  /** Where the branch parts from the main history. */
  seq: number;
  at: string;
  file_name: string | null;
  /** 1 when the origin is this device itself (it was copied). */
  self: number;
}

/** Every bundle file imported (or refused), by content hash. */
export interface ImportsTable {
  file_hash: string;
  file_name: string;
  producer: string;
  at: string;
  /** JSON: what the import did. */
  result: string;
}

/** Input refused with its reason and source, never dropped silently. */
export interface QuarantineTable {
  id: Generated<number>;
  at: string;
  reason: string;
  detail: string;
  file_hash: string | null;
  origin: string | null;
  change_id: string | null;
}

/** The last segment of each origin written to each target. */
export interface ExportMarksTable {
  target: string;
  origin: string;
  last_seq: number;
}

/** Devices whose signatures this device accepts, and for which villages. */
export interface TrustedDevicesTable {
  device_id: string;
  /** SPKI PEM. */
  public_key: string;
  name: string;
  /** JSON array of village ids. */
  villages: string;
  role: string;
  trusted_at: string;
  /** The device vouching for it (this one when trusted here by a person); NULL before migration 0070. */
  enrolled_by: string | null;
  enrolment_at: string | null;
  /** Base64 Ed25519 signature of `enrolled_by` over the enrolment (db/sync/trust.ts). */
  enrolment_sig: string | null;
}

/** A saved sync target of this machine (local only, never synced; no password here). */
export interface SyncTargetsTable {
  id: string;
  /** 'folder' | 'webdav'. */
  kind: string;
  name: string;
  /** For a folder target: its absolute path. */
  folder: string | null;
  /** For a WebDAV target: the folder's URL (no credentials in it). */
  url: string | null;
  username: string | null;
  /** 1: the scheduler runs it (start, every interval, when it comes back); 0: on demand only. */
  auto: Generated<number>;
  interval_minutes: Generated<number>;
  /** 1: the attachments' files travel through this target; 0: only their rows (migration 0200). */
  attachment_files: Generated<number>;
  created_at: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  /** JSON: the counts of the last successful run. */
  last_result: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
}

/** Remote files a target has delivered (imported or already known), so they are not fetched again. */
export interface SyncTargetFilesTable {
  target_id: string;
  /** The file's path inside the target: `<device id>/<name>.cunji`. */
  path: string;
  size: number;
  file_hash: string;
  at: string;
}

/** Remote files a target offered that were refused, with what the refusal depended on (not fetched again until that changes). */
export interface SyncRefusedFilesTable {
  target_id: string;
  /** The file's path inside the target: `<device id>/<name>.cunji`. */
  path: string;
  size: number;
  /** The listing's version tag (a WebDAV ETag, a folder file's modification time), when it gives one. */
  etag: string | null;
  /** SHA-256 of the bytes refused. */
  file_hash: string;
  reason: string;
  /** How many runs in a row refused these same bytes. */
  times: number;
  app_version: string;
  /** A digest of the trusted devices when it was refused. */
  trust_epoch: string;
  at: string;
}

/** Encrypted bundle files imported here: the encrypted bytes' hash → the bundle's (`imports`). */
export interface EncryptedFilesTable {
  outer_hash: string;
  file_hash: string;
  at: string;
}

export interface Database extends LedgerTables {
  villages: VillagesTable;
  changes: ChangesTable;
  cell_heads: CellHeadsTable;
  meta: MetaTable;
  segments: SegmentsTable;
  imports: ImportsTable;
  quarantine: QuarantineTable;
  export_marks: ExportMarksTable;
  forks: ForksTable;
  trusted_devices: TrustedDevicesTable;
  sync_targets: SyncTargetsTable;
  sync_target_files: SyncTargetFilesTable;
  sync_refused_files: SyncRefusedFilesTable;
  encrypted_files: EncryptedFilesTable;
}

export type VillageRow = Selectable<VillagesTable>;
export type NewVillageRow = Insertable<VillagesTable>;
export type VillageRowUpdate = Updateable<VillagesTable>;
export type ChangeRow = Selectable<ChangesTable>;
export type NewChangeRow = Insertable<ChangesTable>;
export type CellHeadRow = Selectable<CellHeadsTable>;
export type MetaRow = Selectable<MetaTable>;
export type SegmentRow = Selectable<SegmentsTable>;
export type TrustedDeviceRow = Selectable<TrustedDevicesTable>;
export type SyncTargetRow = Selectable<SyncTargetsTable>;
