// The shape of the one store, and what its slices are given: the store reaches the database
// only through `api`, and never keeps more of it than the screens on show need.
import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../../shared/api/types';
import type { Lang } from '../../../shared/domain/labels';
import type { KeyValueStorage } from '../i18n/language';
import type { LedgersSlice } from './ledgersSlice';
import type { PeriodSlice } from './periodSlice';
import type { SessionSlice } from './sessionSlice';
import type { VillagesSlice } from './villagesSlice';

export type AppState = SessionSlice & VillagesSlice & LedgersSlice & PeriodSlice;

export interface StoreDeps {
  api: ApiClient;
  /** Where the language choice is remembered (localStorage in the app). */
  storage: KeyValueStorage | null;
  /** Makes texts, dates and the page follow a language (i18next, dayjs, <html lang>). */
  applyLanguage: (language: Lang) => void;
}

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
