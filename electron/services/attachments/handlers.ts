// attachments.*: attach files to a record (each checked and converted by ingest, kept once by
// hash, its metadata a synced row through the store), list a record's or a village's, page through
// a village's gallery (照片档案), change a caption or drop a kept location, remove (a synced delete;
// the file goes later, by the sweep), and give the page a kept file's bytes by hash — only one a
// live row in scope refers to.
import { lstatSync, readFileSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import {
  ATTACHABLE, MAX_ATTACHMENT_BYTES, nounOfTable, type AttachableNoun, type AttachmentAddResult, type AttachmentView,
} from '../../../shared/domain/attachments';
import { galleryMonths, galleryPage } from '../../../db/attachmentsGallery';
import { attachmentById, attachmentsOfRecord, attachmentsOfVillage, hashVisibleIn, liveRecordVillage, type AttachmentRow } from '../../../db/attachments';
import type { ServiceContext } from '../context';
import { requireVillageInScope, villagesInScope } from '../ledgers/scope';
import { requireProfile } from '../profile';
import { AttachmentRefused } from './errors';
import { openFileStore, type FileStore, type StoredExtension } from './fileStore';
import { ingestAttachment } from './ingest';
import { stripLocation } from './stripLocation';

type AttachmentMethod = 'attachments.add' | 'attachments.list' | 'attachments.update' | 'attachments.remove' | 'attachments.content' | 'attachments.gallery';

/** A file as the contract hands it over: a path the person chose, or bytes the page holds. */
type IncomingFile = { path?: string | undefined; name?: string | undefined; type?: string | undefined; data?: string | undefined };

export function viewOf(row: AttachmentRow, files: FileStore): AttachmentView {
  return {
    id: row.id,
    villageId: row.village_id,
    ledger: nounOfTable(row.record_table) ?? 'visits',
    recordId: row.record_id,
    kind: row.kind === 'pdf' ? 'pdf' : 'photo',
    caption: row.caption,
    takenAt: row.taken_at,
    fileName: row.file_name,
    mime: row.mime,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    thumbSha256: row.thumb_sha256,
    keepLocation: row.keep_location === 1,
    attachedBy: row.attached_by,
    createdAt: row.created_at,
    present: files.has(row.sha256),
  };
}

/** The bytes and name of one incoming file, or the refusal that stops it before ingest. */
function readIncoming(file: IncomingFile): { name: string; bytes: Buffer; declaredType?: string } {
  if (file.path !== undefined) {
    const name = basename(file.path);
    if (!isAbsolute(file.path)) throw new AttachmentRefused('ATTACHMENT_NAME', `${JSON.stringify(file.path)} is not a whole path`);
    let size: number;
    try {
      const stat = lstatSync(file.path);
      if (!stat.isFile()) throw new AttachmentRefused('ATTACHMENT_UNREADABLE', `${name} is not a file`);
      size = stat.size;
    } catch (error) {
      if (error instanceof AttachmentRefused) throw error;
      throw new AttachmentRefused('ATTACHMENT_UNREADABLE', `${name} cannot be read: ${(error as Error).message}`);
    }
    // Refused on its size before a byte is read: a 4 GB video chosen by mistake is never loaded.
    if (size > MAX_ATTACHMENT_BYTES) throw new AttachmentRefused('ATTACHMENT_TOO_LARGE', `${name} is ${size.toLocaleString('en')} bytes`);
    return { name, bytes: readFileSync(file.path) };
  }
  const bytes = Buffer.from(file.data ?? '', 'base64');
  return { name: file.name ?? '', bytes, ...(file.type !== undefined ? { declaredType: file.type } : {}) };
}

export function attachmentHandlers(ctx: ServiceContext): Pick<Handlers, AttachmentMethod> {
  const files = openFileStore(ctx.dataDir);
  const sqlite = ctx.db.sqlite;

  /** A live attachment in a village this device keeps, or NOT_FOUND (one out of scope is as absent). */
  function liveInScope(id: string): AttachmentRow {
    const row = attachmentById(sqlite, id);
    if (!row || row.deleted_at !== null || !villagesInScope(ctx).includes(row.village_id)) throw new ApiError('NOT_FOUND', `No attachment ${id}`);
    return row;
  }

  return {
    'attachments.add': async ({ ledger, recordId, files: incoming, keepLocation, caption }) => {
      const profile = requireProfile(ctx);
      const table = ATTACHABLE[ledger as AttachableNoun];
      const villageId = liveRecordVillage(sqlite, table, recordId);
      if (villageId === null) throw new ApiError('NOT_FOUND', `No ${ledger} record ${recordId}`);
      requireVillageInScope(ctx, villageId, ['recordId']);
      const results: AttachmentAddResult['results'] = [];
      for (const file of incoming) {
        let name = file.path !== undefined ? basename(file.path) : (file.name ?? '');
        try {
          const read = readIncoming(file);
          name = read.name;
          const meta = await ingestAttachment(files, { bytes: read.bytes, name, keepLocation: keepLocation === true, ...(read.declaredType !== undefined ? { declaredType: read.declaredType } : {}) });
          // The same photo twice on one record is one attachment; on two records it is two rows, one file.
          const existing = attachmentsOfRecord(sqlite, recordId).find((row) => row.sha256 === meta.hash);
          if (existing) {
            results.push({ name, ok: true, attachment: viewOf(existing, files), duplicate: true });
            continue;
          }
          const id = ctx.store.create('attachments', villageId, {
            record_table: table,
            record_id: recordId,
            kind: meta.kind === 'pdf' ? 'pdf' : 'photo',
            caption: caption ?? null,
            taken_at: meta.takenAt,
            file_name: name,
            mime: meta.mime,
            size_bytes: meta.bytes,
            width: meta.width,
            height: meta.height,
            sha256: meta.hash,
            thumb_sha256: meta.thumbHash,
            keep_location: meta.hasLocation ? 1 : 0,
            attached_by: profile.name.slice(0, 40) || null,
          });
          results.push({ name, ok: true, attachment: viewOf(attachmentById(sqlite, id)!, files), duplicate: false });
        } catch (error) {
          if (!(error instanceof AttachmentRefused)) throw error;
          results.push({ name: name.slice(0, 255), ok: false, code: error.code, message: error.message });
        }
      }
      return { results };
    },

    'attachments.list': (input) => {
      if (input.recordId !== undefined) {
        const scope = new Set(villagesInScope(ctx));
        const rows = attachmentsOfRecord(sqlite, input.recordId).filter((row) => scope.has(row.village_id));
        return { items: rows.map((row) => viewOf(row, files)), total: rows.length };
      }
      const villageId = input.villageId!;
      requireVillageInScope(ctx, villageId);
      const { rows, total } = attachmentsOfVillage(sqlite, {
        villageId,
        ...(input.ledger ? { table: ATTACHABLE[input.ledger] } : {}),
        ...(input.month ? { month: input.month } : {}),
        offset: input.offset,
        limit: input.limit,
      });
      return { items: rows.map((row) => viewOf(row, files)), total };
    },

    'attachments.update': ({ id, patch }) => {
      const row = liveInScope(id);
      const values: { caption?: string | null; keep_location?: number; sha256?: string; size_bytes?: number } = {};
      if (patch.caption !== undefined) values.caption = patch.caption;
      if (patch.keepLocation === true && row.keep_location !== 1) {
        // The position was removed on the way in; it cannot be put back.
        throw new ApiError('INVALID_INPUT', 'The location was removed when the photo was attached', [{ path: ['patch', 'keepLocation'], message: 'attachments.locationGone' }]);
      }
      if (patch.keepLocation === false && row.keep_location === 1) {
        const stripped = stripLocation(files.read(row.sha256));
        const ext: StoredExtension = row.mime === 'image/png' ? 'png' : 'jpg';
        const { hash } = files.put(stripped, ext);
        Object.assign(values, { keep_location: 0, sha256: hash, size_bytes: stripped.length });
      }
      ctx.store.update('attachments', id, values);
      return viewOf(attachmentById(sqlite, id)!, files);
    },

    'attachments.remove': ({ id }) => {
      liveInScope(id);
      ctx.store.remove('attachments', id);
      return { id };
    },

    // 照片档案: one village at a time (a coordinator picks it), so a page never mixes villages.
    'attachments.gallery': ({ villageId, ledger: noun, month, offset, limit }) => {
      requireVillageInScope(ctx, villageId, ['villageId']);
      const table = noun ? ATTACHABLE[noun] : undefined;
      const { rows, total } = galleryPage(sqlite, { villageId, ...(table ? { table } : {}), ...(month ? { month } : {}), offset, limit });
      return {
        items: rows.map((row) => ({
          ...viewOf(row, files),
          month: row.month,
          record: { label: row.record_label, date: row.record_date, gone: row.record_gone === 1 },
        })),
        total,
        months: galleryMonths(sqlite, { villageId, ...(table ? { table } : {}) }),
      };
    },

    'attachments.content': ({ hash }) => {
      const seen = hashVisibleIn(sqlite, hash, villagesInScope(ctx));
      if (!seen) throw new ApiError('NOT_FOUND', `No attachment file ${hash}`);
      try {
        const bytes = files.read(hash);
        return { mime: seen.thumb ? 'image/jpeg' : seen.mime, data: bytes.toString('base64') };
      } catch (error) {
        if (error instanceof AttachmentRefused) throw new ApiError('NOT_FOUND', error.message);
        throw error;
      }
    },
  };
}
