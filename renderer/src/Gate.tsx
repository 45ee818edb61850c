// Which screen the app opens on: a spinner while it asks the device who it belongs to, the
// first-run setup if nobody yet, the app itself otherwise, and a way out if opening failed.
import { Button, Result, Spin } from 'antd';
import { useEffect, useSyncExternalStore, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { isPrintHash } from '../../shared/domain/reportPrint';
import { describeError } from './errors/describeError';
import { PrintPage } from './screens/reports/print/PrintPage';
import { SetupScreen } from './screens/setup/SetupScreen';
import { AppShell } from './shell/AppShell';
import { useAppStore } from './store/useAppStore';

export function Gate(): JSX.Element {
  const { t } = useTranslation();
  const { bootPhase, bootError, hasProfile, boot } = useAppStore(
    useShallow((s) => ({ bootPhase: s.bootPhase, bootError: s.bootError, hasProfile: s.profile !== null, boot: s.boot })),
  );

  const printing = useSyncExternalStore(subscribeHash, () => isPrintHash(window.location.hash), () => false);

  useEffect(() => {
    void boot();
  }, [boot]);

  if (bootPhase === 'booting') {
    return (
      <div className="fill-center">
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  if (bootPhase === 'failed') {
    const notice = describeError(bootError, t);
    return (
      <div className="fill-center">
        <Result
          status="error"
          title={t('boot.failed')}
          subTitle={
            <>
              {t('boot.failedHint')}
              <br />
              {notice.title} — {notice.description}
            </>
          }
          extra={
            <Button type="primary" onClick={() => void boot()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  // A report's print page stands alone: no header, no menu (what goes on paper or into a PDF).
  if (hasProfile && printing) return <PrintPage />;
  return hasProfile ? <AppShell /> : <SetupScreen />;
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
