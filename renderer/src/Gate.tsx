// Which screen the app opens on: a spinner while it asks the device who it belongs to, the
// first-run setup if nobody yet, the app itself otherwise, and a way out if opening failed.
import { Button, Result, Spin } from 'antd';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { describeError } from './errors/describeError';
import { SetupScreen } from './screens/setup/SetupScreen';
import { AppShell } from './shell/AppShell';
import { useAppStore } from './store/useAppStore';

export function Gate(): JSX.Element {
  const { t } = useTranslation();
  const { bootPhase, bootError, hasProfile, boot } = useAppStore(
    useShallow((s) => ({ bootPhase: s.bootPhase, bootError: s.bootError, hasProfile: s.profile !== null, boot: s.boot })),
  );

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
  return hasProfile ? <AppShell /> : <SetupScreen />;
}
