// 中文 / English, remembered for the next start.
import { Segmented } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Lang } from '../../../shared/domain/labels';
import { LANGUAGES } from '../i18n/language';
import { useAppStore } from '../store/useAppStore';

export function LanguageSwitch(): JSX.Element {
  const { t } = useTranslation();
  const { language, setLanguage } = useAppStore(useShallow((s) => ({ language: s.language, setLanguage: s.setLanguage })));
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      aria-label={t('language.label')}
      size="small"
      value={language}
      onChange={setLanguage}
      options={LANGUAGES.map((lang) => ({ value: lang, label: t(`language.${lang}`) }))}
    />
  );
}
