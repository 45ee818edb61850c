// Which language the interface speaks, and where that choice is remembered between runs.
import type { Lang } from '../../../shared/domain/labels';

export const LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly Lang[];
export const DEFAULT_LANGUAGE: Lang = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'cunji.language';

/** The part of localStorage this needs; tests pass a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function isLanguage(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readLanguage(storage: KeyValueStorage | null): Lang {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage refused (private mode, policy): speak the default
  }
}

export function writeLanguage(storage: KeyValueStorage | null, language: Lang): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is no reason to refuse it.
  }
}

/** The dayjs locale name for a language (dayjs spells Chinese in lower case). */
export function dayjsLocaleOf(language: Lang): string {
  return language === 'zh-CN' ? 'zh-cn' : 'en';
}

