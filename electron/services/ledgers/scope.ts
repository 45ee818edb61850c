// Which villages this device keeps: a secretary's own villages; a coordinator's whole township;
// a district's several townships.
// Every ledger read and write is limited to them.
import { ApiError } from '../../../shared/api/result';
import { keepsWholeTownships, townshipsOf } from '../../../shared/domain/device';
import { V } from '../../../shared/domain/validation';
import type { ServiceContext } from '../context';
import { requireProfile } from '../profile';

export function villagesInScope(ctx: ServiceContext): string[] {
  const profile = requireProfile(ctx);
  const rows =
    keepsWholeTownships(profile.role)
      ? (ctx.db.sqlite
          .prepare('SELECT id FROM villages WHERE deleted_at IS NULL AND (township IN (SELECT value FROM json_each(?)) OR id IN (SELECT value FROM json_each(?)))')
          .pluck()
          .all(JSON.stringify(townshipsOf(profile)), JSON.stringify(profile.villageIds)) as string[])
      : (ctx.db.sqlite
          .prepare('SELECT id FROM villages WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(JSON.stringify(profile.villageIds)) as string[]);
  return rows;
}

/** `path` names the input field that carries the village (`id` for villages.* itself). */
export function requireVillageInScope(ctx: ServiceContext, villageId: string, path: readonly string[] = ['villageId']): void {
  if (!villagesInScope(ctx).includes(villageId)) {
    throw new ApiError('INVALID_INPUT', `Village ${villageId} is not one this device keeps`, [{ path: [...path], message: V.villageOutOfScope }]);
  }
}
