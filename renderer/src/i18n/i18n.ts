// The i18next instance: zh-CN first, en second, both bundled (the app works offline, so
// nothing is fetched).
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../../shared/domain/labels';
import { en } from './en';
import { DEFAULT_LANGUAGE, LANGUAGES } from './language';
import { zhCN } from './zhCN';

export const RESOURCES = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export function createI18n(language: Lang): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    load: 'currentOnly',
    initAsync: false, // resources are bundled: ready before the first render
    interpolation: { escapeValue: false }, // React escapes
  });
  return instance;
}

