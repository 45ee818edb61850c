// Switching language in one place: the texts, the dates (dayjs), the page's lang and title.
// antd's own texts follow through ConfigProvider in Root.tsx.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { i18n as I18n } from 'i18next';
import type { Lang } from '../../../shared/domain/labels';
import { dayjsLocaleOf } from './language';

export function applyLanguage(i18n: I18n, language: Lang): void {
  void i18n.changeLanguage(language);
  dayjs.locale(dayjsLocaleOf(language));
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
}
