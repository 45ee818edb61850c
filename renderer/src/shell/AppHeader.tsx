// The top bar: the app, who this device belongs to, a badge when the data is a demo, whether
// the computer is online and when it last synced, and the language switch.
import { Layout, Tag } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ROLE_LABELS, townshipsOf } from '../../../shared/domain/device';
import { labelOf } from '../../../shared/domain/labels';
import { useAppStore } from '../store/useAppStore';
import { QuickVisit } from '../quickVisit/QuickVisit';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncIndicator } from './SyncIndicator';
import { townshipsText } from './townshipsText';

export function AppHeader({ onOpenSync }: { onOpenSync: () => void }): JSX.Element {
  const { t } = useTranslation();
  const { profile, language } = useAppStore(useShallow((s) => ({ profile: s.profile, language: s.language })));
  return (
    <Layout.Header className="app-header">
      <Brand tagline />
      {profile && (
        <span className="app-header-who" data-testid="header-who">
          {t('header.who', { name: profile.name, role: labelOf(ROLE_LABELS, profile.role, language), township: townshipsText(t, townshipsOf(profile)) })}
        </span>
      )}
      {profile?.demo && (
        <Tag color="gold" variant="solid" data-testid="demo-badge">
          {t('header.demo')}
        </Tag>
      )}
      {profile && <SyncIndicator onOpenSync={onOpenSync} />}
      {profile && <QuickVisit />}
      <LanguageSwitch />
    </Layout.Header>
  );
}
