// The recent exports list: local to this device (the meta table, never synced), newest first,
// the last few only. Whether each file is still there is looked up when the list is read.
import { existsSync } from 'node:fs';
import { RECENT_EXPORTS_KEPT, recentExport, type RecentExport } from '../../../shared/domain/reports';
import { getMeta, setMeta } from '../../../db/meta';
import type { OpenedDatabase } from '../../../db/open';

const KEY = 'reports.recent';

type Stored = Omit<RecentExport, 'exists'>;

function readStored(db: OpenedDatabase): Stored[] {
  let values: unknown;
  try {
    values = JSON.parse(getMeta(db, KEY) ?? '[]');
  } catch {
    values = [];
  }
  if (!Array.isArray(values)) return [];
  // An entry damaged by hand, or written by a newer version, is left out rather than trusted.
  return values.flatMap((v) => {
    const parsed = recentExport.omit({ exists: true }).safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

export function addRecent(db: OpenedDatabase, entry: Stored): void {
  const kept = [entry, ...readStored(db).filter((e) => e.id !== entry.id && e.file !== entry.file)].slice(0, RECENT_EXPORTS_KEPT);
  setMeta(db, KEY, JSON.stringify(kept));
}

export function listRecent(db: OpenedDatabase): RecentExport[] {
  return readStored(db).map((e) => ({ ...e, exists: existsSync(e.file) }));
}
