// The window's one i18next instance, in the language chosen last time (zh-CN at first), and
// the window's storage for that choice.
import { createI18n } from './i18n';
import { readLanguage, type KeyValueStorage } from './language';

/** localStorage, or null where the page may not use it. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const i18n = createI18n(readLanguage(browserStorage()));
