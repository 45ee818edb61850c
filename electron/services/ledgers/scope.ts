// Which villages this device keeps: a secretary's own villages; a coordinator's whole township;
// a district's several townships.
// Every ledger read and write is limited to them.
import { ApiError } from '../../../shared/api/result';
import { keepsWholeTownships, townshipsOf } from '../../../shared/domain/device';
import { V } from '../../../shared/domain/validation';
import { liveVillagesAmong, liveVillagesOf } from '../../../db/ledgers/villages';
import type { ServiceContext } from '../context';
import { requireProfile } from '../profile';

export function villagesInScope(ctx: ServiceContext): string[] {
  const profile = requireProfile(ctx);
  return keepsWholeTownships(profile.role)
    ? liveVillagesOf(ctx.db.sqlite, { townships: townshipsOf(profile), villageIds: profile.villageIds })
    : liveVillagesAmong(ctx.db.sqlite, profile.villageIds);
}

/** `path` names the input field that carries the village (`id` for villages.* itself). */
export function requireVillageInScope(ctx: ServiceContext, villageId: string, path: readonly string[] = ['villageId']): void {
  if (!villagesInScope(ctx).includes(villageId)) {
    throw new ApiError('INVALID_INPUT', `Village ${villageId} is not one this device keeps`, [{ path: [...path], message: V.villageOutOfScope }]);
  }
}
