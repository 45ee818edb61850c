// Export and import as every sync path does them: this device's card and the origins it
// relays go into each bundle, so a receiver can decide whom to trust. With a township
// passphrase set, a bundle is written plain into the private temp folder and encrypted to its
// destination; an encrypted file is decrypted there, imported, and the plain copy removed.
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decryptFile, encryptFile, isEncryptedFile } from '../../../db/sync/envelope';
import { knownEncryptedFile, rememberEncryptedFile, type KnownEncryptedFile } from '../../../db/sync/encryptedFiles';
import { exportBundle, targetOfFolder, type ExportResult } from '../../../db/sync/exportBundle';
import { commitMarks, copyMarks, dropMarks, stagedMarksOf } from '../../../db/sync/exportMarks';
import { importBundle, isImported, statedFileHash, type ImportReceipt } from '../../../db/sync/importBundle';
import { releaseQuarantine } from '../../../db/sync/quarantine';
import { SyncFileError } from '../../../db/sync/segments/errors';
import { predecessorOf } from '../../../db/sync/succession';
import { enrolUnenrolled, relayedDeviceCards } from '../../../db/sync/trust';
import { loadDeviceKeys, type BundleDeviceCard } from '../../../db/sync/segments/index';
import { keepsWholeTownships, townshipsOf } from '../../../shared/domain/device';
import type { ServiceContext } from '../context';
import { villagesInScope } from '../ledgers/scope';
import { villageNameOf } from '../../../db/ledgers/villages';
import { readProfile, requireProfile } from '../profile';
import { privateWorkDir, sha256OfFile, storedPassphrase } from './encryption';

/** An export as the contract reports it: `encrypted` when written with the passphrase. */
export type SyncExport = ExportResult & { readonly encrypted?: boolean };
/** An import receipt; `encrypted` when the file was decrypted first. */
export type SyncReceipt = ImportReceipt & { readonly encrypted?: boolean };

export interface BundleOps {
  /** Exports plain into `<dir>/<device id>/`; `target` names the marks (default: the folder's). */
  exportTo(dir: string, full: boolean, target?: string): ExportResult;
  /** Imports a plain bundle file. */
  importPath(path: string): ImportReceipt;
  /** Exports into `<dir>/<device id>/`, encrypted when a passphrase is set; the folder's marks move once the file is there. */
  exportToFolder(dir: string, full: boolean): Promise<SyncExport>;
  /** `plainFile` encrypted with the stored passphrase into `intoDir` (same name), or null when none is set. */
  encryptForTarget(plainFile: string, intoDir: string): Promise<{ file: string; bytes: number } | null>;
  /** Imports a bundle file, decrypting it first when it is encrypted (`passphrase`, then the stored one). */
  importFile(path: string, passphrase?: string | null): Promise<SyncReceipt>;
  /** The bundle hash of a file imported before (a plain file by its stated hash, an encrypted one by its own), unread. */
  knownFile(path: string): Promise<string | null>;
  /** Merges the changes set aside before that now pass (trust widened, the clock caught up); how many. */
  releaseHeld(): number;
}

const emptyReceipt = (file: string): Omit<ImportReceipt, 'status' | 'refusal'> => ({
  file, fileHash: null, producer: null, segmentsNew: 0, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0, setAside: {}, gaps: [],
});

function refusedReceipt(file: string, reason: string, message: string): SyncReceipt {
  return { ...emptyReceipt(file), status: 'refused', refusal: { reason, message, devices: [] }, encrypted: true };
}

function alreadyImported(file: string, known: KnownEncryptedFile): SyncReceipt {
  return {
    ...emptyReceipt(file),
    fileHash: known.fileHash,
    producer: known.producer,
    status: 'already-imported',
    segmentsKnown: known.segments,
    changesKnown: known.changes,
    refusal: null,
    encrypted: true,
  };
}

export function bundleOps(ctx: ServiceContext): BundleOps {
  const { sqlite } = ctx.db;
  const villageName = villageNameOf(sqlite);

  /** The enrolment by the identity this device succeeded (it was copied), while it still describes the card. */
  function ownEnrolment(profile: { name: string; role: string }): Pick<BundleDeviceCard, 'enrolment'> {
    const predecessor = predecessorOf(sqlite);
    if (!predecessor || predecessor.name !== profile.name || predecessor.role !== profile.role) return {};
    return { enrolment: { ...predecessor.enrolment, scope: [...predecessor.enrolment.scope] } };
  }

  /** This device and the origins it relays, described for the receiver's trust decision. */
  function deviceCards(): BundleDeviceCard[] {
    const profile = requireProfile(ctx);
    const own: BundleDeviceCard = {
      deviceId: ctx.identity.deviceId,
      publicKey: ctx.identity.publicKeyPem,
      name: profile.name,
      role: profile.role,
      township: profile.township,
      ...(keepsWholeTownships(profile.role) && townshipsOf(profile).length > 1 ? { townships: townshipsOf(profile) } : {}),
      villages: (keepsWholeTownships(profile.role) ? villagesInScope(ctx) : profile.villageIds).map((id) => ({ id, name: villageName(id) ?? '' })),
      ...ownEnrolment(profile),
    };
    // Devices trusted before enrolments existed are vouched for now, so every relayed card carries one.
    enrolUnenrolled(sqlite, loadDeviceKeys(sqlite), new Date(ctx.now()).toISOString());
    return [own, ...relayedDeviceCards(sqlite, (id) => villageName(id) ?? '')];
  }

  // A device that keeps whole townships holds another's move of a village into or out of them for a person.
  const keptTownships = (): string[] => {
    const profile = readProfile(ctx);
    return profile && keepsWholeTownships(profile.role) ? townshipsOf(profile) : [];
  };
  // The demo township's files and real ones never mix: only a demo installation takes demo files.
  const isDemo = () => readProfile(ctx)?.demo === true;
  const importPlain = (path: string) =>
    importBundle(sqlite, ctx.clock, path, {
      selfId: ctx.identity.deviceId, selfPublicKey: ctx.identity.publicKeyPem, now: ctx.now, keys: loadDeviceKeys(sqlite), townships: keptTownships(), acceptDemo: isDemo(),
    });

  const exportPlain = (dir: string, full: boolean, target?: string): ExportResult => {
    requireProfile(ctx);
    return exportBundle(sqlite, {
      keys: loadDeviceKeys(sqlite),
      app: ctx.appVersion,
      dir,
      full,
      newId: ctx.newId,
      now: ctx.now,
      devices: deviceCards(),
      demo: isDemo(),
      ...(target ? { target } : {}),
    });
  };

  /** Decrypts with each passphrase in turn (a wrong one tries the next); the plain file, or the refusal. */
  async function decryptInto(path: string, plain: string, passphrases: (string | null)[]): Promise<SyncFileError | null> {
    for (const [index, passphrase] of passphrases.entries()) {
      try {
        await decryptFile(path, plain, passphrase);
        return null;
      } catch (error) {
        if (!(error instanceof SyncFileError)) throw error;
        if (error.reason !== 'WRONG_PASSPHRASE' || index === passphrases.length - 1) return error;
      }
    }
    return null;
  }

  return {
    exportTo: exportPlain,
    importPath: importPlain,

    async exportToFolder(dir, full) {
      const passphrase = await storedPassphrase(ctx.secrets);
      if (passphrase === null) return exportPlain(dir, full);
      requireProfile(ctx);
      const real = targetOfFolder(dir);
      const staged = stagedMarksOf(real, ctx.newId());
      const work = privateWorkDir(ctx.dataDir, 'out-');
      try {
        copyMarks(sqlite, real, staged);
        const plain = exportPlain(work, full, staged);
        if (!plain.file) return plain;
        const destination = join(dir, ctx.identity.deviceId, basename(plain.file));
        mkdirSync(join(dir, ctx.identity.deviceId), { recursive: true });
        const sealed = await encryptFile(plain.file, destination, passphrase);
        commitMarks(sqlite, staged, real);
        return { ...plain, file: destination, bytes: sealed.bytes, encrypted: true };
      } finally {
        dropMarks(sqlite, staged);
        rmSync(work, { recursive: true, force: true });
      }
    },

    async encryptForTarget(plainFile, intoDir) {
      const passphrase = await storedPassphrase(ctx.secrets);
      if (passphrase === null) return null;
      mkdirSync(intoDir, { recursive: true });
      const sealed = await encryptFile(plainFile, join(intoDir, basename(plainFile)), passphrase);
      return { file: sealed.path, bytes: sealed.bytes };
    },

    async importFile(path, passphrase) {
      // A snapshot before importing (at most one an hour, electron/services/backups); one that cannot be made does not stop the sync.
      await ctx.backups?.beforeImport().catch(() => undefined);
      if (!isEncryptedFile(path)) return importPlain(path);
      const file = basename(path);
      let outer: string;
      try {
        outer = await sha256OfFile(path);
      } catch (error) {
        return refusedReceipt(file, 'UNREADABLE', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      const known = knownEncryptedFile(sqlite, outer);
      if (known) return alreadyImported(file, known);
      const stored = await storedPassphrase(ctx.secrets);
      // No passphrase at all still reads the header: a damaged file is named as such, not as locked.
      const candidates = [...new Set([passphrase ?? null, stored].filter((p): p is string => p !== null))];
      const work = privateWorkDir(ctx.dataDir, 'in-');
      try {
        const plain = join(work, file);
        let refusal: SyncFileError | null;
        try {
          refusal = await decryptInto(path, plain, candidates.length ? candidates : [null]);
        } catch (error) {
          return refusedReceipt(file, 'UNREADABLE', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (refusal) return refusedReceipt(file, refusal.reason, refusal.message);
        const receipt: SyncReceipt = { ...importPlain(plain), file, encrypted: true };
        if (receipt.status !== 'refused' && receipt.fileHash) rememberEncryptedFile(sqlite, outer, receipt.fileHash, new Date(ctx.now()).toISOString());
        return receipt;
      } finally {
        // The plaintext never outlives the import, whatever happened.
        rmSync(work, { recursive: true, force: true });
      }
    },

    async knownFile(path) {
      if (isEncryptedFile(path)) {
        try {
          return knownEncryptedFile(sqlite, await sha256OfFile(path))?.fileHash ?? null;
        } catch {
          return null;
        }
      }
      const stated = statedFileHash(path);
      return stated && isImported(sqlite, stated) ? stated : null;
    },

    releaseHeld: () => releaseQuarantine(sqlite, ctx.clock, { selfId: ctx.identity.deviceId, now: ctx.now }).released,
  };
}

