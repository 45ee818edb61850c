// sync.*, devices.*, conflicts.*: export to a folder, import files, sync with a shared folder,
// the devices this one trusts (and what each may write), and conflicts a person resolves.
import { statSync } from 'node:fs';
import type { Handlers } from '../../../shared/api/types';
import { ApiError } from '../../../shared/api/result';
import { keepsWholeTownships, townshipsOf } from '../../../shared/domain/device';
import type { DeviceView, FolderLimitNote } from '../../../shared/domain/sync';
import { V } from '../../../shared/domain/validation';
import { listConflicts, resolveCell, ResolveError, villageOfRow } from '../../../db/sync/conflicts';
import { fingerprintOf, listTrusted, scopeOf, TOWNSHIP_SCOPE_PREFIX, trustDevice, TrustError, type TrustedDevice } from '../../../db/sync/trust';
import { loadDeviceKeys } from '../../../db/sync/segments/index';
import type { ServiceContext } from '../context';
import { exchangeAttachmentFilesAfterSync } from '../attachments/folderFiles';
import { readProfile, requireProfile } from '../profile';
import { villagesInScope } from '../ledgers/scope';
import { bundleOps, type SyncReceipt } from './bundles';
import { BUNDLE_EXTENSION, listFolderBundles } from './folderTarget';
import { FOLDER_WALK_LIMITS, walkFolder, type FolderWalkLimits } from './folderWalk';
import { revocationHandlers, revocationsView } from './revocationHandlers';
import { noteLastSync } from '../../../db/sync/lastSync';

type SyncHandlers = Pick<
  Handlers,
  'sync.exportFile' | 'sync.importFiles' | 'sync.now' | 'devices.list' | 'devices.trust' | 'devices.revoke' | 'conflicts.list' | 'conflicts.resolve'
>;

export function requireFolder(path: string, field: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new ApiError('INVALID_INPUT', `${path} is not an existing folder`, [{ path: [field], message: V.folderMissing }]);
}

/** A path that is not a bundle, refused on its own receipt so the rest of the batch goes on. */
function notImported(path: string, reason: 'MISSING' | 'NOT_A_BUNDLE', message: string): SyncReceipt {
  return {
    file: path, fileHash: null, producer: null, status: 'refused', segmentsNew: 0, segmentsKnown: 0, changesNew: 0, changesKnown: 0,
    conflictsCreated: 0, setAside: {}, gaps: [], refusal: { reason, message, devices: [] },
  };
}

/** What one path given to sync.importFiles stands for, and what its folder's walk has to say. */
export interface ExpandedPath {
  readonly files: string[];
  /** The path itself refused: missing, another kind of file, a folder without bundles. */
  readonly refusal: SyncReceipt | null;
  readonly unreadable: { path: string; message: string }[];
  readonly folderLimits: FolderLimitNote[];
}

/**
 * A `.cunji` file itself, or a folder's `.cunji` files found within bounds (folderWalk.ts: a
 * person may pick a whole drive). A missing path or another kind of file is refused by name
 * before anything is read; a bound that stopped the walk is named with its folder.
 */
export function expandImportPath(path: string, limits: FolderWalkLimits = FOLDER_WALK_LIMITS): ExpandedPath {
  const refused = (reason: 'MISSING' | 'NOT_A_BUNDLE', message: string): ExpandedPath => ({
    files: [], refusal: notImported(path, reason, message), unreadable: [], folderLimits: [],
  });
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return refused('MISSING', `${path} does not exist`);
  }
  if (stat.isDirectory()) {
    let walk;
    try {
      walk = walkFolder(path, limits);
    } catch (error) {
      return refused('MISSING', `${path} cannot be listed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const folderLimits = walk.limits.map((hit) => ({ folder: path, ...hit }));
    const refusal = walk.files.length > 0 ? null : notImported(path, 'NOT_A_BUNDLE', `${path} holds no ${BUNDLE_EXTENSION} files`);
    return { files: walk.files, refusal, unreadable: walk.unreadable, folderLimits };
  }
  if (!path.endsWith(BUNDLE_EXTENSION)) return refused('NOT_A_BUNDLE', `${path} is not a ${BUNDLE_EXTENSION} file`);
  return { files: [path], refusal: null, unreadable: [], folderLimits: [] };
}

export function syncHandlers(ctx: ServiceContext): SyncHandlers {
  const { sqlite } = ctx.db;
  const ops = bundleOps(ctx);

  function view(d: TrustedDevice, nameOf: (deviceId: string) => string | undefined = (id) => names().get(id)): DeviceView {
    const scope = scopeOf(d);
    // Another device's enrolment brought it here: say whose (one trusted by a person here has this device's own).
    const issuer = d.enrolment && d.enrolment.issuer !== ctx.identity.deviceId ? d.enrolment.issuer : null;
    return {
      deviceId: d.deviceId,
      name: d.name,
      role: d.role,
      township: [...scope.townships][0] ?? null,
      townships: [...scope.townships],
      villages: [...scope.villageIds],
      fingerprint: fingerprintOf(d.publicKey),
      trustedAt: d.trustedAt,
      ...(issuer ? { vouchedBy: { deviceId: issuer, name: nameOf(issuer) ?? null } } : {}),
      ...revocationsView(sqlite, d.deviceId, (id) => nameOf(id) ?? null),
    };
  }

  const names = () => new Map(listTrusted(sqlite).map((d) => [d.deviceId, d.name]));

  return {
    ...revocationHandlers(ctx, (id) => {
      const device = listTrusted(sqlite).find((d) => d.deviceId === id);
      return device ? view(device) : null;
    }),
    'sync.exportFile': async (input) => {
      requireFolder(input.path, 'path');
      const exported = await ops.exportToFolder(input.path, input.full === true);
      noteLastSync(ctx.db, new Date(ctx.now()).toISOString(), input.path);
      return exported;
    },
    'sync.importFiles': async (input) => {
      requireProfile(ctx);
      const receipts: SyncReceipt[] = [];
      const unreadable: ExpandedPath['unreadable'] = [];
      const folderLimits: FolderLimitNote[] = [];
      for (const path of input.paths) {
        const expanded = expandImportPath(path);
        if (expanded.refusal) receipts.push(expanded.refusal);
        for (const file of expanded.files) receipts.push(await ops.importFile(file, input.passphrase));
        unreadable.push(...expanded.unreadable);
        folderLimits.push(...expanded.folderLimits);
      }
      // A file read (now or before) is a sync that happened: the header says when, after a reload too.
      if (receipts.some((r) => r.status !== 'refused')) noteLastSync(ctx.db, new Date(ctx.now()).toISOString(), null);
      // After every batch: the clock may have caught up with changes set aside as too far ahead.
      return { receipts, released: ops.releaseHeld(), unreadable, folderLimits };
    },
    'sync.now': async (input) => {
      requireFolder(input.folder, 'folder');
      const exported = await ops.exportToFolder(input.folder, input.full === true);
      const listing = listFolderBundles(input.folder, ctx.identity.deviceId);
      const receipts: SyncReceipt[] = [];
      let known = 0;
      for (const path of listing.files) {
        if (await ops.knownFile(path)) {
          known++;
          continue;
        }
        receipts.push(await ops.importFile(path));
      }
      // The attachments' files after the records, by hash, each once; never holding the records back.
      exchangeAttachmentFilesAfterSync(ctx, input.folder);
      // A sync that happened: a file written, or the folder read and not only refused (a folder of
      // files all refused, with nothing to send, changed nothing and is not called a sync).
      if (exported.file !== null || receipts.length === 0 || receipts.some((r) => r.status !== 'refused')) {
        noteLastSync(ctx.db, new Date(ctx.now()).toISOString(), input.folder);
      }
      return { exported, receipts, known, unreadable: listing.unreadable, released: ops.releaseHeld() };
    },
    'devices.list': () => {
      const profile = readProfile(ctx);
      const self: DeviceView | null = profile
        ? {
            deviceId: ctx.identity.deviceId,
            name: profile.name,
            role: profile.role,
            township: profile.township,
            townships: keepsWholeTownships(profile.role) ? townshipsOf(profile) : [],
            villages: profile.villageIds,
            fingerprint: ctx.identity.keyFingerprint,
            trustedAt: null,
          }
        : null;
      const trusted = listTrusted(sqlite);
      const who = new Map(trusted.map((d) => [d.deviceId, d.name]));
      return { self, trusted: trusted.map((d) => view(d, (id) => who.get(id))) };
    },
    'devices.trust': (input) => {
      requireProfile(ctx);
      const townships = [...(input.township ? [input.township] : []), ...(input.townships ?? [])];
      const villages = [...input.villages, ...townships.map((t) => `${TOWNSHIP_SCOPE_PREFIX}${t}`)];
      try {
        const trusted = trustDevice(
          sqlite,
          ctx.identity.deviceId,
          { deviceId: input.deviceId, publicKey: input.publicKey, name: input.name, role: input.role, villages },
          new Date(ctx.now()).toISOString(),
          // A person here vouches for it: the enrolment travels with its card to whoever trusts this device.
          loadDeviceKeys(sqlite),
        );
        // Trust may have widened: what this device sent before for these villages now passes.
        return { ...view(trusted), released: ops.releaseHeld() };
      } catch (error) {
        if (error instanceof TrustError) {
          const field = error.code === 'SELF' ? 'deviceId' : 'publicKey';
          const message = error.code === 'KEY_MISMATCH' ? V.keyMismatch : error.code === 'SELF' ? V.deviceId : V.publicKey;
          throw new ApiError('INVALID_INPUT', error.message, [{ path: [field], message }]);
        }
        throw error;
      }
    },
    'conflicts.list': () => {
      const inScope = new Set(villagesInScope(ctx));
      const who = names();
      const selfName = readProfile(ctx)?.name ?? null;
      const items = listConflicts(sqlite)
        .filter((c) => inScope.has(c.villageId))
        .map((c) => ({
          ...c,
          heads: c.heads.map((h) => ({ ...h, originName: h.origin === ctx.identity.deviceId ? selfName : (who.get(h.origin) ?? null) })),
        }));
      return { items };
    },
    'conflicts.resolve': (input) => {
      const village = villageOfRow(sqlite, input.tbl, input.rowId);
      if (village !== null && !villagesInScope(ctx).includes(village)) {
        throw new ApiError('INVALID_INPUT', `Village ${village} is not one this device keeps`, [{ path: ['rowId'], message: V.villageOutOfScope }]);
      }
      try {
        return { changeId: resolveCell(sqlite, ctx.clock, ctx.identity.deviceId, input) };
      } catch (error) {
        if (error instanceof ResolveError) {
          if (error.code === 'NOT_FOUND') throw new ApiError('NOT_FOUND', error.message);
          throw new ApiError('INVALID_INPUT', error.message, [{ path: [error.code === 'BAD_VALUE' ? 'value' : 'col'], message: V.invalid }]);
        }
        throw error;
      }
    },
  };
}
