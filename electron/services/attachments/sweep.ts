// Which kept files may leave the disk: a file goes only when no live attachment refers to it (as
// its file or its thumbnail) and the last row that did was deleted longer ago than the backups
// reach back, so restoring any kept backup finds its photos. A file no row has ever named (an add
// cut short between the file and its row) goes after a day.
import { DEFAULT_ROTATION, type RotationRule } from '../../../db/backups';
import { fileReferences } from '../../../db/attachments';
import type { Sqlite } from '../../../db/open';
import type { FileStore } from './fileStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** As far back as the oldest backup the rotation keeps (its monthly ones), and a month more. */
export function retentionOf(rule: RotationRule = DEFAULT_ROTATION): number {
  return (Math.max(rule.days, rule.weeks * 7, rule.months * 31) + 31) * DAY_MS;
}

export interface SweepOptions {
  now: number;
  /** How long after the last referring row was deleted a file is kept (the backups' reach). */
  retentionMs?: number;
  /** How long a file no row names is kept (an add in progress writes the file before its row). */
  unreferencedGraceMs?: number;
}

export interface SweepResult {
  removed: string[];
  kept: number;
}

export function sweepAttachmentFiles(sqlite: Sqlite, files: FileStore, options: SweepOptions): SweepResult {
  const retention = options.retentionMs ?? retentionOf();
  const grace = options.unreferencedGraceMs ?? DAY_MS;
  const references = fileReferences(sqlite);
  const removed: string[] = [];
  let kept = 0;
  for (const hash of files.list()) {
    const ref = references.get(hash);
    let goes: boolean;
    if (ref?.live) goes = false;
    else if (ref) goes = ref.lastDeletedAt !== null && Date.parse(ref.lastDeletedAt) + retention <= options.now;
    else goes = (files.writtenAt(hash) ?? options.now) + grace <= options.now;
    if (goes && files.remove(hash)) removed.push(hash);
    else kept++;
  }
  return { removed, kept };
}
