// The header's sync indicator: online or offline (the browser's own connectivity events), and
// how long ago the last sync succeeded. Clicking it opens the sync screen.
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState, useSyncExternalStore, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { loose } from '../ledgers/labels';
import { readLastSynced, subscribeLastSynced } from '../screens/sync/syncStorage';
import { useAppStore } from '../store/useAppStore';
import { STALE_AFTER_MS, syncAgo } from './syncAgo';
import { useOnline } from './useConnectivity';

/** The relative time is read again this often (a minute is its finest step). */
const TICK_MS = 30_000;

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
  const lastSynced = useSyncExternalStore(subscribeLastSynced, readLastSynced, () => null);
  const now = useNow();
  const stale = lastSynced === null || now - Date.parse(lastSynced) > STALE_AFTER_MS;
  const when = lastSynced ? t('header.sync.last', { ago: syncAgo(loose(t), lastSynced, now) }) : t('header.sync.never');
  const connection = online ? t('header.sync.online') : t('header.sync.offline');

  return (
    <Tooltip
      title={
        <>
          <div>{online ? t('header.sync.onlineHint') : t('header.sync.offlineHint')}</div>
          {lastSynced && <div>{t('header.sync.at', { time: new Date(lastSynced).toLocaleString(language) })}</div>}
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
        style={{ color: 'rgba(255, 255, 255, 0.88)', whiteSpace: 'nowrap' }}
        icon={online ? <CloudSyncOutlined /> : <DisconnectOutlined />}
      >
        <Badge status={online ? 'success' : 'default'} />
        <span data-testid="sync-indicator-connection">{connection}</span>
        <span aria-hidden style={{ opacity: 0.5 }}>
          ·
        </span>
        <span data-testid="sync-indicator-last" style={stale ? { color: '#ffd666' } : undefined}>
          {when}
        </span>
      </Button>
    </Tooltip>
  );
}
