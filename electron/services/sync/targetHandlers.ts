// sync.targets, sync.saveTarget, sync.deleteTarget, sync.run, sync.status, sync.online: the saved
// places this machine syncs with, runs on demand, and what the scheduler knows. A password goes
// in through save and is never sent back: a view says only whether one is stored and encrypted.
// sync.setPassphrase, sync.encryption: the township passphrase, kept the same way.
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import type { ServiceContext } from '../context';
import { encryptionView, PASSPHRASE_SECRET_KEY } from './encryption';
import { forgetRefusedFiles } from '../../../db/sync/refusedFiles';
import { requireFolder } from './index';
import { deleteTarget, insertTarget, listSavedTargets, savedTarget, updateTarget, type TargetFields } from '../../../db/sync/syncTargets';
import { secretKeyOf, viewOf } from './savedTargets';
import { readLastArrivals, readLastSync } from '../../../db/sync/lastSync';

type TargetHandlers = Pick<
  Handlers,
  'sync.targets' | 'sync.saveTarget' | 'sync.deleteTarget' | 'sync.run' | 'sync.status' | 'sync.online' | 'sync.setPassphrase' | 'sync.encryption'
>;

export function syncTargetHandlers(ctx: ServiceContext): TargetHandlers {
  const { sqlite } = ctx.db;
  const sync = () => ctx.syncService;

  return {
    'sync.targets': () => ({ items: listSavedTargets(sqlite).map((t) => viewOf(t, ctx.secrets)) }),

    'sync.saveTarget': async (input) => {
      const existing = input.id !== undefined ? savedTarget(sqlite, input.id) : null;
      if (input.id !== undefined && !existing) throw new ApiError('NOT_FOUND', `No sync target ${input.id}`);
      if (input.kind === 'folder') requireFolder(input.folder!, 'folder');
      const fields: TargetFields = {
        kind: input.kind,
        name: input.name,
        folder: input.kind === 'folder' ? input.folder! : null,
        url: input.kind === 'webdav' ? input.url! : null,
        username: input.kind === 'webdav' ? input.username : null,
        auto: input.auto,
        intervalMinutes: input.intervalMinutes,
        attachmentFiles: input.attachmentFiles ?? existing?.attachmentFiles ?? true,
      };
      const id = existing?.id ?? ctx.newId();
      const secretKey = secretKeyOf(id);
      if (existing) updateTarget(sqlite, id, fields);
      else insertTarget(sqlite, id, fields, new Date(ctx.now()).toISOString());
      try {
        if (fields.kind === 'folder' || input.password === null) await ctx.secrets.delete(secretKey);
        else if (input.password !== undefined) await ctx.secrets.set(secretKey, input.password);
      } catch (error) {
        // A new target whose password could not be kept is not left half-saved.
        if (!existing) deleteTarget(sqlite, id);
        throw error;
      }
      sync().targetSaved(id);
      return viewOf(savedTarget(sqlite, id)!, ctx.secrets);
    },

    'sync.deleteTarget': async (input) => {
      if (!deleteTarget(sqlite, input.id)) throw new ApiError('NOT_FOUND', `No sync target ${input.id}`);
      await ctx.secrets.delete(secretKeyOf(input.id));
      sync().targetDeleted(input.id);
      return { id: input.id };
    },

    'sync.run': async (input) => {
      const { status, exported, receipts, known, unreadable, released, skippedRefused, files } = await sync().run(input.id, input.full === true);
      const moved = files ? { sent: files.sent, received: files.received, missing: files.missing, refused: files.refused } : null;
      return { status, exported, receipts, known, unreadable, released, skippedRefused, files: moved };
    },

    'sync.status': () => ({ targets: sync().status(), last: readLastSync(ctx.db), arrivals: readLastArrivals(ctx.db) }),

    'sync.online': () => {
      sync().notifyOnline();
      return { targets: sync().status(), last: readLastSync(ctx.db), arrivals: readLastArrivals(ctx.db) };
    },

    // Changing it affects only files written from now on; files written before keep their own.
    'sync.setPassphrase': async (input) => {
      if (input.passphrase === null) await ctx.secrets.delete(PASSPHRASE_SECRET_KEY);
      else await ctx.secrets.set(PASSPHRASE_SECRET_KEY, input.passphrase);
      // A file refused as locked or for another passphrase may open now: fetch them all again.
      forgetRefusedFiles(ctx.db.sqlite);
      return encryptionView(ctx);
    },

    'sync.encryption': () => encryptionView(ctx),
  };
}
