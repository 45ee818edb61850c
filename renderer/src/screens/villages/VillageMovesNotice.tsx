// Above the villages list of a device that keeps whole townships: villages moved to another
// township and waiting here to be confirmed (a link to the sync screen), and villages that left
// (moved and confirmed) — out of this list, their records still on this computer, said plainly.
import { Alert, Flex } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { VillageMove, VillageMovedAway } from '../../../../shared/domain/village';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { formatRoute } from '../../shell/route';

export interface VillageMovesNoticeProps {
  /** Read again when this changes (the list was read again). */
  readonly refreshKey: unknown;
}

export function VillageMovesNotice({ refreshKey }: VillageMovesNoticeProps): JSX.Element | null {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [waiting, setWaiting] = useState<VillageMove[]>([]);
  const [movedAway, setMovedAway] = useState<VillageMovedAway[]>([]);

  useEffect(() => {
    let live = true;
    api.villages.moves().then((list) => {
      if (!live) return;
      setWaiting(list.items);
      setMovedAway(list.movedAway);
    }, notifyError);
    return () => {
      live = false;
    };
  }, [notifyError, refreshKey]);

  if (waiting.length === 0 && movedAway.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="village-moves-notice">
      {waiting.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('syncPlain.moves.waiting', { count: waiting.length })}
          description={<a href={formatRoute({ view: 'sync', params: {} })}>{t('syncPlain.moves.openSync')}</a>}
        />
      )}
      {movedAway.map((moved) => (
        <Alert
          key={moved.villageId}
          type="info"
          showIcon
          data-testid={`village-moved-away-${moved.villageId}`}
          title={t('syncPlain.moves.movedAway', { village: moved.villageName ?? '—', from: moved.from, to: moved.to ?? '—' })}
        />
      ))}
    </Flex>
  );
}
