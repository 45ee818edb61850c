// One store from its slices, with its dependencies passed in so a test can build its own
// against a fake api.
import { create } from 'zustand';
import type { AppState, StoreDeps } from './appState';
import { createLedgersSlice } from './ledgersSlice';
import { createPeriodSlice } from './periodSlice';
import { createSessionSlice } from './sessionSlice';
import { createVillagesSlice } from './villagesSlice';

export function createAppStore(deps: StoreDeps) {
  return create<AppState>()((...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createVillagesSlice(deps)(...a),
    ...createLedgersSlice(deps)(...a),
    ...createPeriodSlice(deps)(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
