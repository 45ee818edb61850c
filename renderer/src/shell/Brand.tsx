// The app's name and mark, as the header and the first-run screen show it.
import { HomeFilled } from '@ant-design/icons';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';

export function Brand({ tagline = false }: { tagline?: boolean }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden>
        <HomeFilled />
      </span>
      <span data-testid="app-name">{t('app.name')}</span>
      {tagline && <span className="brand-tagline">{t('app.tagline')}</span>}
    </div>
  );
}
