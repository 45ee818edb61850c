// devices.revoke: a coordinator or district withdraws a device's trust (a lost or stolen laptop).
// The revocation is signed with this device's key and carried on the device's card in every
// export from now on (db/sync/revocation.ts); its files signed after now are refused everywhere.
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import { keepsWholeTownships, townshipsOf } from '../../../shared/domain/device';
import type { DeviceView } from '../../../shared/domain/sync';
import { V } from '../../../shared/domain/validation';
import { revokeDevice, RevokeError, revocationsOf } from '../../../db/sync/revocation';
import { scopeOf, TOWNSHIP_SCOPE_PREFIX } from '../../../db/sync/trust';
import { loadDeviceKeys } from '../../../db/sync/segments/index';
import type { Sqlite } from '../../../db/open';
import type { ServiceContext } from '../context';
import { requireProfile } from '../profile';

/** Who revoked a device, when and why, for its view on the sync screen; absent when no one did. */
export function revocationsView(sqlite: Sqlite, deviceId: string, nameOf: (deviceId: string) => string | null): Pick<DeviceView, 'revocations'> {
  const revocations = revocationsOf(sqlite, deviceId);
  if (revocations.length === 0) return {};
  return { revocations: revocations.map((r) => ({ issuer: r.issuer, issuerName: nameOf(r.issuer), revokedAt: r.revokedAt, reason: r.reason })) };
}

/**
 * `view` describes a trusted device as devices.list does (electron/services/sync/index.ts), so the
 * answer is the device as the sync screen shows it from now on.
 */
export function revocationHandlers(ctx: ServiceContext, view: (deviceId: string) => DeviceView | null): Pick<Handlers, 'devices.revoke'> {
  const { sqlite } = ctx.db;
  return {
    'devices.revoke': (input) => {
      const profile = requireProfile(ctx);
      // This device's own scope: a coordinator's or district's townships; a secretary's villages (it may revoke no one).
      const own = keepsWholeTownships(profile.role) ? townshipsOf(profile).map((t) => `${TOWNSHIP_SCOPE_PREFIX}${t}`) : profile.villageIds;
      try {
        revokeDevice(sqlite, loadDeviceKeys(sqlite), scopeOf({ villages: own }), input.deviceId, input.reason, new Date(ctx.now()).toISOString());
      } catch (error) {
        if (!(error instanceof RevokeError)) throw error;
        if (error.code === 'NOT_TRUSTED') throw new ApiError('NOT_FOUND', error.message);
        throw new ApiError('INVALID_INPUT', error.message, [{ path: ['deviceId'], message: V.villageOutOfScope }]);
      }
      return view(input.deviceId)!;
    },
  };
}
