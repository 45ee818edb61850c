// villages.*: the assisted villages. Reads are db/ledgers/villages'; writes go through the store.
import type { Handlers } from '../../shared/api/types';
import { ApiError } from '../../shared/api/result';
import { V } from '../../shared/domain/validation';
import { keepsWholeTownships, townshipsOf } from '../../shared/domain/device';
import type { Village } from '../../shared/domain/village';
import type { VillageRow } from '../../db/schema';
import { listLiveVillages, liveVillageRow, villageNameTaken } from '../../db/ledgers/villages';
import type { ServiceContext } from './context';
import { requireVillageInScope, villagesInScope } from './ledgers/scope';
import { readProfile, requireProfile, saveProfile } from './profile';
import { villageMoveHandlers } from './villageMoves';

type VillageHandlers = Pick<Handlers, 'villages.list' | 'villages.get' | 'villages.create' | 'villages.update' | 'villages.delete' | 'villages.moves' | 'villages.decideMove'>;

export function toVillage(row: VillageRow): Village {
  return {
    id: row.id,
    name: row.name ?? '',
    code: row.code,
    township: row.township ?? '',
    county: row.county,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function villageHandlers(ctx: ServiceContext): VillageHandlers {
  const { db, store } = ctx;
  function getLive(id: string): Village {
    const row = liveVillageRow(db.sqlite, id);
    if (!row) throw new ApiError('NOT_FOUND', `Village ${id} does not exist`);
    return toVillage(row);
  }

  /** One village name per township: a second 李家村 in one township is almost always a slip. */
  function refuseDuplicateName(name: string, township: string, exceptId: string | null): void {
    if (villageNameTaken(db.sqlite, name, township, exceptId)) {
      throw new ApiError('INVALID_INPUT', `A village named ${name} already exists in ${township}`, [
        { path: ['name'], message: V.duplicateVillage },
      ]);
    }
  }

  return {
    ...villageMoveHandlers(ctx),
    // Like every ledger list: only the villages this device keeps (a village of another township
    // that sync brought stays in the database, and villages.get still finds it). A device not
    // set up yet keeps none.
    'villages.list': ({ search }) => {
      const scope = readProfile(ctx) ? villagesInScope(ctx) : [];
      const items = listLiveVillages(db.sqlite, scope, search ?? null).map(toVillage);
      return { items, total: items.length };
    },
    'villages.get': ({ id }) => getLive(id),
    'villages.create': (input) => {
      const profile = requireProfile(ctx);
      // A coordinator (or a district) creates villages only in the townships she keeps: one made
      // elsewhere would leave her scope the moment it was written, and is another township's to make.
      if (keepsWholeTownships(profile.role) && !townshipsOf(profile).includes(input.township)) {
        throw new ApiError('INVALID_INPUT', `This device does not keep the township ${input.township}`, [{ path: ['township'], message: V.townshipNotKept }]);
      }
      const id = store.transaction(() => {
        refuseDuplicateName(input.name, input.township, null);
        const newId = store.create('villages', null, {
          name: input.name,
          code: input.code ?? null,
          township: input.township,
          county: input.county ?? null,
          notes: input.notes ?? null,
        });
        // A secretary's scope is the villages they keep; a coordinator's is the township.
        if (profile.role === 'secretary') saveProfile(ctx, { ...profile, villageIds: [...profile.villageIds, newId] });
        return newId;
      });
      return getLive(id);
    },
    'villages.update': ({ id, patch, confirm }) => {
      requireProfile(ctx);
      store.transaction(() => {
        const current = getLive(id);
        // Like every ledger write: a village this device does not keep is another's to edit
        // (its keepers' devices would hold this edit in quarantine for ever).
        requireVillageInScope(ctx, id, ['id']);
        const name = patch.name ?? current.name;
        const township = patch.township ?? current.township;
        if (name !== current.name || township !== current.township) refuseDuplicateName(name, township, id);
        // A new township moves the village between two coordinators, each of whom must confirm
        // it on their own device: the person making it hears that first (the form names both).
        if (township !== current.township && !confirm?.includes('villageMove')) {
          throw new ApiError(
            'NEEDS_CONFIRMATION',
            `villageMove: ${current.name} moves from ${current.township} to ${township}; ${current.township}'s coordinator stops seeing it once they confirm, ${township}'s coordinator must confirm it`,
            [{ path: ['township'], message: V.villageMove }],
          );
        }
        store.update('villages', id, patch);
      });
      return getLive(id);
    },
    'villages.delete': ({ id }) => {
      requireProfile(ctx);
      store.transaction(() => {
        getLive(id);
        requireVillageInScope(ctx, id, ['id']);
        store.remove('villages', id);
      });
      return { id };
    },
  };
}
