// Villages another device moved into or out of a township this device keeps, waiting for a
// person here: who moved which village from where to where, and the two ways out — confirm the
// move, or keep the village where it was (the mover sees it back after her next sync).
import { Alert, App, Button, Card, List, Space } from 'antd';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { VillageMove } from '../../../../shared/domain/village';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { shortId } from './syncText';

export interface VillageMovesPanelProps {
  /** Read the list again when this changes (after a sync). */
  readonly refreshKey: unknown;
  /** After a decision: the ledgers changed. */
  readonly onDecided: () => void;
}

export function VillageMovesPanel({ refreshKey, onDecided }: VillageMovesPanelProps): JSX.Element | null {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [items, setItems] = useState<VillageMove[]>([]);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(() => {
    api.villages.moves().then((list) => setItems(list.items), notifyError);
  }, [notifyError]);
  useEffect(() => {
    load();
  }, [load, refreshKey]);

  if (items.length === 0) return null;
  const decide = async (move: VillageMove, decision: 'confirm' | 'keep') => {
    setBusy(move.id);
    try {
      await api.villages.decideMove({ id: move.id, decision });
      void message.success(t(decision === 'confirm' ? 'sync.villageMoves.confirmed' : 'sync.villageMoves.kept', { village: move.villageName ?? '' }));
      onDecided();
      load();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t('sync.villageMoves.title')} data-testid="village-moves" style={{ marginBottom: 16 }}>
      <Alert type="warning" showIcon message={t('sync.villageMoves.hint')} style={{ marginBottom: 12 }} />
      <List
        dataSource={items}
        rowKey={(m) => String(m.id)}
        renderItem={(move) => (
          <List.Item
            actions={[
              <Space key="actions">
                <Button type="primary" loading={busy === move.id} onClick={() => void decide(move, 'confirm')}>
                  {t('sync.villageMoves.confirm')}
                </Button>
                <Button loading={busy === move.id} onClick={() => void decide(move, 'keep')}>
                  {t('sync.villageMoves.keep')}
                </Button>
              </Space>,
            ]}
          >
            {t('sync.villageMoves.sentence', {
              name: move.originName ?? t('sync.conflicts.unknownDevice', { id: shortId(move.origin) }),
              village: move.villageName ?? shortId(move.villageId),
              from: move.from ?? '—',
              to: move.to ?? '—',
            })}
          </List.Item>
        )}
      />
    </Card>
  );
}
