// villages.*: the assisted villages. Reads are kysely-built queries; writes go through the store.
import { sql } from 'kysely';
import type { Handlers } from '../../shared/api/types';
import { ApiError } from '../../shared/api/result';
import { V } from '../../shared/domain/validation';
import type { Village } from '../../shared/domain/village';
import type { VillageRow } from '../../db/schema';
import { all, first } from '../../db/query';
import type { ServiceContext } from './context';
import { requireVillageInScope } from './ledgers/scope';
import { requireProfile, saveProfile } from './profile';
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
  const live = () => db.kysely.selectFrom('villages').selectAll().where('deleted_at', 'is', null);

  function getLive(id: string): Village {
    const row = first(db.sqlite, live().where('id', '=', id));
    if (!row) throw new ApiError('NOT_FOUND', `Village ${id} does not exist`);
    return toVillage(row);
  }

  /** One village name per township: a second 李家村 in one township is almost always a slip. */
  function refuseDuplicateName(name: string, township: string, exceptId: string | null): void {
    let query = live().select('id').where('name', '=', name).where('township', '=', township);
    if (exceptId) query = query.where('id', '!=', exceptId);
    if (first(db.sqlite, query)) {
      throw new ApiError('INVALID_INPUT', `A village named ${name} already exists in ${township}`, [
        { path: ['name'], message: V.duplicateVillage },
      ]);
    }
  }

  return {
    ...villageMoveHandlers(ctx),
    'villages.list': ({ search }) => {
      let query = live();
      if (search) query = query.where(sql<boolean>`name LIKE ${likePattern(search)} ESCAPE '\\'`);
      const items = all(db.sqlite, query.orderBy('township').orderBy('name').orderBy('id')).map(toVillage);
      return { items, total: items.length };
    },
    'villages.get': ({ id }) => getLive(id),
    'villages.create': (input) => {
      const profile = requireProfile(ctx);
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
    'villages.update': ({ id, patch }) => {
      requireProfile(ctx);
      store.transaction(() => {
        const current = getLive(id);
        // Like every ledger write: a village this device does not keep is another's to edit
        // (its keepers' devices would hold this edit in quarantine for ever).
        requireVillageInScope(ctx, id, ['id']);
        const name = patch.name ?? current.name;
        const township = patch.township ?? current.township;
        if (name !== current.name || township !== current.township) refuseDuplicateName(name, township, id);
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

/** `%text%` with LIKE's own wildcards in the text taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
