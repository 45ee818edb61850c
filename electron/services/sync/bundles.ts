// Export and import as every sync path does them: this device's card and the origins it
// relays go into each bundle, so a receiver can decide whom to trust.
import { exportBundle, type ExportResult } from '../../../db/sync/exportBundle';
import { importBundle, type ImportReceipt } from '../../../db/sync/importBundle';
import { listTrusted, scopeOf } from '../../../db/sync/trust';
import { loadDeviceKeys, type BundleDeviceCard } from '../../../db/sync/segments/index';
import type { ServiceContext } from '../context';
import { villagesInScope } from '../ledgers/scope';
import { requireProfile } from '../profile';

export interface BundleOps {
  /** Exports into `<dir>/<device id>/`; `target` names the marks (default: the folder's). */
  exportTo(dir: string, full: boolean, target?: string): ExportResult;
  importPath(path: string): ImportReceipt;
}

export function bundleOps(ctx: ServiceContext): BundleOps {
  const { sqlite } = ctx.db;
  const villageName = sqlite.prepare('SELECT name FROM villages WHERE id = ?').pluck();

  /** This device and the origins it relays, described for the receiver's trust decision. */
  function deviceCards(): BundleDeviceCard[] {
    const profile = requireProfile(ctx);
    const own: BundleDeviceCard = {
      deviceId: ctx.identity.deviceId,
      publicKey: ctx.identity.publicKeyPem,
      name: profile.name,
      role: profile.role,
      township: profile.township,
      villages: (profile.role === 'coordinator' ? villagesInScope(ctx) : profile.villageIds).map((id) => ({ id, name: (villageName.get(id) as string | undefined) ?? '' })),
    };
    const relayed = listTrusted(sqlite).map((d): BundleDeviceCard => {
      const scope = scopeOf(d);
      return {
        deviceId: d.deviceId,
        publicKey: d.publicKey,
        name: d.name,
        role: d.role,
        township: [...scope.townships][0] ?? null,
        villages: [...scope.villageIds].map((id) => ({ id, name: (villageName.get(id) as string | undefined) ?? '' })),
      };
    });
    return [own, ...relayed];
  }

  return {
    exportTo(dir, full, target) {
      requireProfile(ctx);
      return exportBundle(sqlite, {
        keys: loadDeviceKeys(sqlite),
        app: ctx.appVersion,
        dir,
        full,
        newId: ctx.newId,
        now: ctx.now,
        devices: deviceCards(),
        ...(target ? { target } : {}),
      });
    },
    importPath(path) {
      return importBundle(sqlite, ctx.clock, path, { selfId: ctx.identity.deviceId, selfPublicKey: ctx.identity.publicKeyPem, now: ctx.now });
    },
  };
}
