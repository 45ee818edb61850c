// The header's sync indicator: online or offline (the browser's own connectivity events), how
// long ago the last sync succeeded, and a saved target that is failing. Clicking it opens the
// sync screen.
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { loose } from '../ledgers/labels';
import { recordLines } from '../screens/sync/syncText';
import { useAppStore } from '../store/useAppStore';
import { STALE_AFTER_MS, syncAgo } from './syncAgo';
import { useOnline } from './useConnectivity';
import { useSyncHealth } from './useSyncHealth';

/** The relative time is read again this often (a minute is its finest step). */
const TICK_MS = 30_000;
/** Amber that reads on the dark header: offline, or a sync long ago. */
const WARN = '#ffd666';

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function SyncIndicator({ onOpenSync }: { onOpenSync: () => void }): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const online = useOnline();
  const { lastSuccess: lastSynced, failing, arrivals } = useSyncHealth();
  // What the last run brought, in records and from whom (王建国：农户台账新增 3 条…).
  const arrived = arrivals ? recordLines(loose(t), arrivals) : [];
  const now = useNow();
  const warn = failing !== null || lastSynced === null || now - Date.parse(lastSynced) > STALE_AFTER_MS;
  // A failing saved place says so in the bar itself; the tooltip names it and the reason.
  const when = failing
    ? t('header.sync.failed')
    : lastSynced
      ? t('header.sync.last', { ago: syncAgo(loose(t), lastSynced, now) })
      : t('header.sync.never');
  const connection = online ? t('header.sync.online') : t('header.sync.offline');

  return (
    <Tooltip
      title={
        <>
          <div>{online ? t('header.sync.onlineHint') : t('header.sync.offlineHint')}</div>
          {lastSynced && <div>{t('header.sync.at', { time: new Date(lastSynced).toLocaleString(language) })}</div>}
          {arrived.length > 0 && (
            <div data-testid="sync-indicator-arrivals">
              <div>{t('syncPlain.records.lastBrought', { time: new Date(arrivals!.at).toLocaleString(language) })}</div>
              {arrived.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
          )}
          {failing?.lastError && (
            <div data-testid="sync-indicator-failing">
              {t('header.sync.failing', { name: failing.name, reason: t(`syncTargets.error.${failing.lastError.code}`) })}
            </div>
          )}
          <div>{t('header.sync.open')}</div>
        </>
      }
    >
      <Button
        type="text"
        size="small"
        className="app-header-sync"
        onClick={onOpenSync}
        aria-label={t('header.sync.label', { connection, when })}
        data-testid="sync-indicator"
        data-online={online ? 'true' : 'false'}
        data-failing={failing ? 'true' : 'false'}
        style={{ color: 'rgba(255, 255, 255, 0.88)', whiteSpace: 'nowrap' }}
        icon={online ? <CloudSyncOutlined /> : <DisconnectOutlined style={{ color: WARN }} />}
      >
        <span data-testid="sync-indicator-connection" style={online ? undefined : { color: WARN }}>
          {connection}
        </span>
        <span aria-hidden style={{ opacity: 0.5 }}>
          ·
        </span>
        <span data-testid="sync-indicator-last" style={warn ? { color: WARN } : undefined}>
          {when}
        </span>
      </Button>
    </Tooltip>
  );
}
