// archive.export: a village's photo archive as a new folder — a folder per ledger, each kept file
// copied under a readable, Windows-safe, unique name and checked by its SHA-256 after the copy,
// the thumbnails beside the index, index.html and index.csv. It is built as `<name>.part` and
// renamed only when whole; an existing folder is never written into (the next free name is
// taken: `… (2)`). A file not on this device yet is listed, not copied, never a failure.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import type { ArchiveExportResult } from '../../../shared/domain/archive';
import type { Lang } from '../../../shared/domain/labels';
import { STEP_LABELS } from '../../../shared/domain/party/enums';
import { V } from '../../../shared/domain/validation';
import { archiveRows, type ArchiveRow } from '../../../db/archive';
import { liveVillageRow } from '../../../db/ledgers/villages';
import { openFileStore, sha256Hex, type FileStore } from '../attachments/fileStore';
import type { ServiceContext } from '../context';
import { requireVillageInScope } from '../ledgers/scope';
import { today } from '../ledgers/today';
import { exportsDirOf } from '../reports/files';
import { indexCsv, indexHtml, type IndexEntry } from './indexFiles';
import { fileNameOf, MAX_FOLDER, safePart, uniqueIn } from './names';

/** The ledger folders, in the order the index lists them. */
const LEDGER_FOLDERS: Readonly<Record<string, { zh: string; en: string; order: number }>> = {
  visits: { zh: '入户走访', en: 'Visits', order: 1 },
  needs: { zh: '群众诉求', en: 'Needs', order: 2 },
  projects: { zh: '项目', en: 'Projects', order: 3 },
  fund_entries: { zh: '项目资金', en: 'Fund entries', order: 4 },
  commitments: { zh: '承诺事项', en: 'Commitments', order: 5 },
  diary_entries: { zh: '民情日记', en: 'Diary', order: 6 },
  party_steps: { zh: '发展党员', en: 'Member development', order: 7 },
};

const THUMBS_DIR = '_index';
/** Files copied between two turns of the event loop, so the app keeps answering. */
const FILES_PER_TURN = 20;

const extOf = (mime: string) => (mime === 'image/png' ? 'png' : mime === 'application/pdf' ? 'pdf' : 'jpg');
const stemOf = (name: string) => name.replace(/\.[^.]*$/, '');

function recordOf(row: ArchiveRow, lang: Lang): string {
  if (row.recordTable === 'party_steps' && row.stepCode) {
    const step = (STEP_LABELS as Record<string, { zh: string; en: string }>)[row.stepCode];
    return [row.recordLabel, step ? (lang === 'zh-CN' ? step.zh : step.en) : row.stepCode].filter(Boolean).join(' ');
  }
  return row.recordLabel ?? '';
}

/** A new folder's name under `parent`: `name`, else `name (2)` …, skipping any name in use (a `.part` too). */
function freeFolder(parent: string, name: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`;
    if (!existsSync(join(parent, candidate)) && !existsSync(join(parent, `${candidate}.part`))) return candidate;
  }
}

/** Copies one kept file to `target` (never over anything) and checks the copy by its hash. */
function copyChecked(files: FileStore, hash: string, target: string): number {
  const bytes = files.read(hash); // refused if the kept copy itself no longer matches its hash
  writeFileSync(target, bytes, { flag: 'wx' });
  const copied = sha256Hex(readFileSync(target));
  if (copied !== hash) throw new Error(`${target} was written as ${copied}, not ${hash}`);
  return bytes.length;
}

export function archiveHandlers(ctx: ServiceContext): Pick<Handlers, 'attachments.archive'> {
  return {
    'attachments.archive': async ({ villageId, parent, language }): Promise<ArchiveExportResult> => {
      requireVillageInScope(ctx, villageId);
      const village = liveVillageRow(ctx.db.sqlite, villageId);
      if (!village) throw new ApiError('NOT_FOUND', `No village ${villageId}`);
      const base = parent ?? exportsDirOf(ctx.dataDir);
      if (parent === undefined) mkdirSync(base, { recursive: true });
      let isFolder = false;
      try {
        isFolder = statSync(base).isDirectory();
      } catch {
        isFolder = false;
      }
      if (!isFolder) throw new ApiError('INVALID_INPUT', `${base} is not a folder`, [{ path: ['parent'], message: V.folderMissing }]);

      const villageName = village.name ?? '';
      const folderName = freeFolder(base, safePart(`${villageName}_${language === 'zh-CN' ? '照片档案' : 'photo archive'}_${today(ctx.now)}`, MAX_FOLDER));
      const part = join(base, `${folderName}.part`);
      mkdirSync(part); // not recursive: fails rather than use a folder that appeared meanwhile
      const files = openFileStore(ctx.dataDir);
      const rows = archiveRows(ctx.db.sqlite, villageId).sort((a, b) => (LEDGER_FOLDERS[a.recordTable]?.order ?? 99) - (LEDGER_FOLDERS[b.recordTable]?.order ?? 99));
      try {
        const entries: IndexEntry[] = [];
        const taken = new Map<string, Set<string>>();
        const counts = new Map<string, number>();
        let bytes = 0;
        let copied = 0;
        for (const [i, row] of rows.entries()) {
          if (i > 0 && i % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
          const names = LEDGER_FOLDERS[row.recordTable] ?? { zh: row.recordTable, en: row.recordTable };
          const ledger = safePart(language === 'zh-CN' ? names.zh : names.en, MAX_FOLDER);
          const record = recordOf(row, language);
          const caption = row.caption ?? '';
          const entry: IndexEntry = {
            ledger, record: record || row.recordDate, date: row.recordDate, caption, path: null, thumb: null, sha256: row.sha256, sizeBytes: row.sizeBytes, originalName: row.fileName,
          };
          if (files.has(row.sha256)) {
            if (!taken.has(ledger)) {
              mkdirSync(join(part, ledger));
              taken.set(ledger, new Set());
            }
            const name = uniqueIn(taken.get(ledger)!, fileNameOf([row.recordDate, record, caption || stemOf(row.fileName)], extOf(row.mime)));
            bytes += copyChecked(files, row.sha256, join(part, ledger, name));
            copied++;
            counts.set(ledger, (counts.get(ledger) ?? 0) + 1);
            entry.path = `${ledger}/${name}`;
            if (row.thumbSha256 && files.has(row.thumbSha256)) {
              const thumb = `${THUMBS_DIR}/${row.thumbSha256}.jpg`;
              mkdirSync(join(part, THUMBS_DIR), { recursive: true });
              if (!existsSync(join(part, thumb))) copyChecked(files, row.thumbSha256, join(part, thumb));
              entry.thumb = thumb;
            }
          }
          entries.push(entry);
        }
        const exportedAt = new Date(ctx.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
        writeFileSync(join(part, 'index.html'), indexHtml(villageName, exportedAt, entries, language), { flag: 'wx' });
        writeFileSync(join(part, 'index.csv'), indexCsv(entries, language), { flag: 'wx' });
        const folder = join(base, folderName);
        if (existsSync(folder)) throw new ApiError('INTERNAL', `${folder} appeared while the archive was written`);
        renameSync(part, folder);
        return { folder, folderName, files: copied, bytes, missing: entries.length - copied, ledgers: [...counts].map(([name, n]) => ({ folder: name, files: n })) };
      } catch (error) {
        rmSync(part, { recursive: true, force: true });
        throw error;
      }
    },
  };
}
