// villages.moves / villages.decideMove: a village moved to another township on another device is
// held here (a device that keeps whole townships) until a person decides. Confirming merges the
// move; keeping merges it too and then writes the old township back, a change that has seen the
// move, so it supersedes it on every replica without a conflict and the mover sees her village
// back where it was after her next sync.
import type { Handlers } from '../../shared/api/types';
import { ApiError } from '../../shared/api/result';
import { heldVillageMove, listVillageMoves, mergeVillageMove, villagesMovedAway } from '../../db/sync/villageMoves';
import { keepsWholeTownships, townshipsOf } from '../../shared/domain/device';
import { releaseQuarantine } from '../../db/sync/quarantine';
import { liveVillageTownship } from '../../db/ledgers/villages';
import type { ServiceContext } from './context';
import { readProfile, requireProfile } from './profile';

type VillageMoveHandlers = Pick<Handlers, 'villages.moves' | 'villages.decideMove'>;

export function villageMoveHandlers(ctx: ServiceContext): VillageMoveHandlers {
  const { sqlite } = ctx.db;
  return {
    'villages.moves': () => {
      const profile = readProfile(ctx);
      const townships = profile && keepsWholeTownships(profile.role) ? townshipsOf(profile) : [];
      return { items: listVillageMoves(sqlite), movedAway: villagesMovedAway(sqlite, townships) };
    },
    'villages.decideMove': ({ id, decision }) => {
      requireProfile(ctx);
      const move = heldVillageMove(sqlite, id);
      if (!move) throw new ApiError('NOT_FOUND', `No village move ${id} is waiting`);
      ctx.store.transaction(() => {
        mergeVillageMove(sqlite, ctx.clock, id, ctx.identity.deviceId, new Date(ctx.now()).toISOString());
        if (decision === 'keep' && move.from !== null && liveVillageTownship(sqlite, move.villageId) !== undefined) {
          ctx.store.update('villages', move.villageId, { township: move.from });
        }
      });
      // The village left or joined a township: what was held for scope is judged again.
      releaseQuarantine(sqlite, ctx.clock, { selfId: ctx.identity.deviceId, now: ctx.now });
      return { villageId: move.villageId, township: liveVillageTownship(sqlite, move.villageId) ?? move.to ?? '' };
    },
  };
}
