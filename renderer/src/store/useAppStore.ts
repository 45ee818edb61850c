// The app's store, wired to the real api, localStorage and the i18n instance.
import { api } from '../api';
import { applyLanguage } from '../i18n/applyLanguage';
import { browserStorage, i18n } from '../i18n/instance';
import { createAppStore } from './createAppStore';

export const useAppStore = createAppStore({
  api,
  storage: browserStorage(),
  applyLanguage: (language) => applyLanguage(i18n, language),
});
