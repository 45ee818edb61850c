// What every ledger screen shares: the villages this device keeps (for the village pickers),
// which one the lists show (null: all of them), and a counter bumped by every ledger write so
// badges and totals elsewhere read again. Rows themselves stay with the screen showing them.
import type { Village } from '../../../shared/domain/village';
import type { SliceCreator, StoreDeps } from './appState';

export interface LedgersSlice {
  scopeVillages: Village[];
  /** The village the ledger lists show; null for every village in scope. */
  ledgerVillageId: string | null;
  /** Goes up after every ledger write. */
  ledgerChanges: number;
  loadScopeVillages(): Promise<void>;
  setLedgerVillageId(id: string | null): void;
  noteLedgerChange(): void;
}

export function createLedgersSlice({ api }: StoreDeps): SliceCreator<LedgersSlice> {
  return (set) => ({
    scopeVillages: [],
    ledgerVillageId: null,
    ledgerChanges: 0,

    loadScopeVillages: async () => {
      const { items } = await api.villages.list({});
      set((s) => ({
        scopeVillages: items,
        ledgerVillageId: s.ledgerVillageId && items.some((v) => v.id === s.ledgerVillageId) ? s.ledgerVillageId : null,
      }));
    },

    setLedgerVillageId: (id) => set({ ledgerVillageId: id }),
    noteLedgerChange: () => set((s) => ({ ledgerChanges: s.ledgerChanges + 1 })),
  });
}
