// Who uses this device and what the app is: the device profile (null until first-run setup),
// app info for the overview, and the interface language.
import type { ApiOutput, ApiInput } from '../../../shared/api/types';
import type { DeviceProfile } from '../../../shared/domain/device';
import type { Lang } from '../../../shared/domain/labels';
import { readLanguage, writeLanguage } from '../i18n/language';
import type { SliceCreator, StoreDeps } from './appState';

export type AppInfo = ApiOutput<'app.info'>;
export type BootPhase = 'booting' | 'ready' | 'failed';

export interface SessionSlice {
  bootPhase: BootPhase;
  bootError: unknown;
  /** null while not set up: the first-run screen shows. */
  profile: DeviceProfile | null;
  appInfo: AppInfo | null;
  language: Lang;
  boot(): Promise<void>;
  setUp(input: ApiInput<'device.setup'>): Promise<DeviceProfile>;
  loadDemo(): Promise<DeviceProfile>;
  setLanguage(language: Lang): void;
}

export function createSessionSlice({ api, storage, applyLanguage }: StoreDeps): SliceCreator<SessionSlice> {
  return (set) => ({
    bootPhase: 'booting',
    bootError: null,
    profile: null,
    appInfo: null,
    language: readLanguage(storage),

    boot: async () => {
      set({ bootPhase: 'booting', bootError: null });
      try {
        const [status, appInfo] = await Promise.all([api.device.status(), api.app.info()]);
        set({ bootPhase: 'ready', profile: status.setUp ? status.profile : null, appInfo });
      } catch (error) {
        set({ bootPhase: 'failed', bootError: error });
      }
    },

    setUp: async (input) => {
      const profile = await api.device.setup(input);
      set({ profile });
      return profile;
    },

    loadDemo: async () => {
      const profile = await api.demo.load();
      set({ profile });
      return profile;
    },

    setLanguage: (language) => {
      writeLanguage(storage, language);
      applyLanguage(language);
      set({ language });
    },
  });
}
