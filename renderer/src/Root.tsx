// The providers every screen relies on: translations, antd's locale and theme (following the
// chosen language, without motion when the system asks for less), and antd's App for message
// and notification.
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { i18n as I18n } from 'i18next';
import { useMemo, type JSX } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Gate } from './Gate';
import { useAppStore } from './store/useAppStore';
import { cunjiTheme } from './theme';

export function Root({ i18n }: { i18n: I18n }): JSX.Element {
  const language = useAppStore((s) => s.language);
  // The system's "reduce motion" setting turns antd's animations off (and spares slow laptops).
  const theme = useMemo(() => cunjiTheme(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false), []);
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
        <App>
          <Gate />
        </App>
      </ConfigProvider>
    </I18nextProvider>
  );
}
