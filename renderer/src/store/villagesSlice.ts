// The villages list the Villages screen shows, and the writes it makes. The database is the
// truth: every write is followed by a fresh read of the list, never patched in place.
import type { ApiInput } from '../../../shared/api/types';
import type { Village } from '../../../shared/domain/village';
import type { SliceCreator, StoreDeps } from './appState';

export interface VillagesSlice {
  villages: Village[];
  villagesLoading: boolean;
  /** What the list is filtered by (village name contains). */
  villageSearch: string;
  /** How many villages there are in all, whatever the search: the overview's count. */
  villageCount: number | null;
  loadVillages(search?: string): Promise<void>;
  countVillages(): Promise<void>;
  createVillage(input: ApiInput<'villages.create'>): Promise<Village>;
  updateVillage(id: string, patch: ApiInput<'villages.update'>['patch'], confirm?: ApiInput<'villages.update'>['confirm']): Promise<Village>;
  removeVillage(id: string): Promise<void>;
}

export function createVillagesSlice({ api }: StoreDeps): SliceCreator<VillagesSlice> {
  return (set, get) => {
    // Typing in the search box starts reads faster than they finish: only the latest may land.
    let latestRead = 0;

    async function reload(): Promise<void> {
      await Promise.all([get().loadVillages(), get().countVillages()]);
    }

    return {
      villages: [],
      villagesLoading: false,
      villageSearch: '',
      villageCount: null,

      loadVillages: async (search = get().villageSearch) => {
        const read = ++latestRead;
        set({ villagesLoading: true, villageSearch: search });
        try {
          const { items } = await api.villages.list(search.trim() ? { search: search.trim() } : {});
          if (read === latestRead) set({ villages: items });
        } finally {
          if (read === latestRead) set({ villagesLoading: false });
        }
      },

      countVillages: async () => {
        const { total } = await api.villages.list({});
        set({ villageCount: total });
      },

      createVillage: async (input) => {
        const created = await api.villages.create(input);
        await reload();
        return created;
      },

      updateVillage: async (id, patch, confirm) => {
        const updated = await api.villages.update({ id, patch, ...(confirm ? { confirm } : {}) });
        await reload();
        return updated;
      },

      removeVillage: async (id) => {
        await api.villages.delete({ id });
        await reload();
      },
    };
  };
}
