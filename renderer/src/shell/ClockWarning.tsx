// A banner above every screen while this computer's clock runs more than a day behind what
// the ledger has already recorded.
import { Alert } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/useAppStore';
import { clockWarningDate } from './clockWarning';

export function ClockWarning(): JSX.Element | null {
  const { t } = useTranslation();
  const behind = useAppStore((s) => s.appInfo?.clockBehindMs ?? 0);
  const [openedAt] = useState(() => Date.now()); // the app info was read at start, too
  const latest = clockWarningDate(behind, openedAt);
  if (latest === null) return null;
  return <Alert type="warning" showIcon banner style={{ marginBottom: 16 }} data-testid="clock-warning" title={t('header.clockBehind', { date: latest })} />;
}
