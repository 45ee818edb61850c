// Export: seal what is waiting, then write every segment the target has not been sent (and the
// last few again: a folder never acknowledges; marks are per chain, a fork branch has its own) into `<dir>/<device id>/<bundle uuidv7>.cunji`
// through the atomic writer (.part, fsync, rename). The target's marks move only after the
// rename, so a crash can make us send too much, never too little. Files are never overwritten
// or deleted.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Sqlite } from '../open';
import { latestTownshipSettingsRecorded, listTownshipSettings, TOWNSHIP_SETTINGS_MARK } from './townshipSettings';
import { chainOf, sealAll, segmentsToExport, writeBundle, type BundleDeviceCard, type DeviceKeys } from './segments/index';

/** Segments of each origin sent again although the mark says they were sent. */
export const DEFAULT_RESEND = 2;

export interface ExportOptions {
  readonly keys: DeviceKeys;
  readonly app: string;
  /** The folder: the file goes to `<dir>/<device id>/`. */
  readonly dir: string;
  /** Names the target for its marks (default: `folder:<absolute dir>`). */
  readonly target?: string;
  /** Everything, whatever the marks say. */
  readonly full?: boolean;
  readonly resend?: number;
  /** A new UUIDv7: the bundle id and the file name. */
  readonly newId: () => string;
  readonly now?: () => number;
  readonly devices?: readonly BundleDeviceCard[];
  /** A demo installation: the file is marked as demo (a real installation refuses it). */
  readonly demo?: boolean;
}

export interface ExportResult {
  /** The file written, or null when the target had been sent everything already. */
  readonly file: string | null;
  readonly fileHash: string | null;
  readonly segments: number;
  readonly changes: number;
  readonly bytes: number;
  /** Segments sealed from local changes by this export. */
  readonly sealed: number;
  readonly full: boolean;
}

export function targetOfFolder(dir: string): string {
  return `folder:${resolve(dir)}`;
}

export function exportMarks(sqlite: Sqlite, target: string): Map<string, number> {
  const rows = sqlite.prepare('SELECT origin, last_seq FROM export_marks WHERE target = ?').all(target) as { origin: string; last_seq: number }[];
  return new Map(rows.map((r) => [r.origin, r.last_seq]));
}

export function exportBundle(sqlite: Sqlite, options: ExportOptions): ExportResult {
  const sealed = sealAll(sqlite, options.keys).length;
  const target = options.target ?? targetOfFolder(options.dir);
  const marks = exportMarks(sqlite, target);
  // Township settings stored here since the last file to this target (db/sync/townshipSettings.ts)
  // are news too: a file goes out for them, resending the last segments, even with no new change.
  const settingsSent = marks.get(TOWNSHIP_SETTINGS_MARK) ?? 0;
  marks.delete(TOWNSHIP_SETTINGS_MARK);
  const settingsStored = latestTownshipSettingsRecorded(sqlite);
  const full = options.full === true || marks.size === 0;
  const fresh = segmentsToExport(sqlite, full ? new Map() : marks, 0);
  if (fresh.length === 0 && !full && settingsStored <= settingsSent) return { file: null, fileHash: null, segments: 0, changes: 0, bytes: 0, sealed, full };
  const hashes = full ? fresh : segmentsToExport(sqlite, marks, options.resend ?? DEFAULT_RESEND);
  if (hashes.length === 0) return { file: null, fileHash: null, segments: 0, changes: 0, bytes: 0, sealed, full };

  const folder = join(options.dir, options.keys.deviceId);
  mkdirSync(folder, { recursive: true });
  const bundleId = options.newId();
  const written = writeBundle(sqlite, join(folder, `${bundleId}.cunji`), {
    keys: options.keys,
    app: options.app,
    segments: hashes,
    bundleId,
    ...(options.now ? { now: options.now } : {}),
    ...(options.devices ? { devices: options.devices } : {}),
    ...(options.demo ? { demo: true } : {}),
    // Every township setting held here, relayed verbatim: a district and secretaries get them through a coordinator.
    townshipSettings: listTownshipSettings(sqlite).map((t) => ({ ...t, duties: [...t.duties] })),
  });

  // The file is durable (renamed, directory synced): only now do the marks move.
  const seqOf = sqlite.prepare('SELECT origin, seq, branch FROM segments WHERE hash = ?');
  const greatest = new Map<string, number>();
  for (const hash of hashes) {
    const { origin, seq, branch } = seqOf.get(hash) as { origin: string; seq: number; branch: string | null };
    const chain = chainOf(origin, branch);
    greatest.set(chain, Math.max(greatest.get(chain) ?? 0, seq));
  }
  const mark = sqlite.prepare(
    `INSERT INTO export_marks (target, origin, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (target, origin) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  );
  sqlite.transaction(() => {
    for (const [origin, seq] of greatest) mark.run(target, origin, seq);
    if (settingsStored > settingsSent) mark.run(target, TOWNSHIP_SETTINGS_MARK, settingsStored);
  })();
  return { file: written.path, fileHash: written.fileHash, segments: written.segments, changes: written.changes, bytes: written.bytes, sealed, full };
}
