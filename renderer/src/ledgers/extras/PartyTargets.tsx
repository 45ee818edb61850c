// Above the candidates: each village against 三年发展一名 (at least one new member admitted in three
// years), met in green, not met in red with its last admission, read again whenever a ledger changes.
import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { VillageTargetList } from '../../../../shared/domain/party/targets';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';

export function PartyTargets(): JSX.Element | null {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { villageId, changes } = useAppStore(useShallow((s) => ({ villageId: s.ledgerVillageId, changes: s.ledgerChanges })));
  const [targets, setTargets] = useState<VillageTargetList | null>(null);

  useEffect(() => {
    let live = true;
    api.party
      .targets()
      .then((result) => live && setTargets(result))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [changes, notifyError]);

  if (!targets) return null;
  const shown = targets.items.filter((v) => !villageId || v.villageId === villageId);
  const met = shown.filter((v) => v.met).length;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="party-targets">
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{t('party.targetTitle', { since: targets.since })}</Typography.Text>
        <Typography.Text type="secondary">{t('party.targetCount', { met, total: shown.length })}</Typography.Text>
        {shown.map((v) => (
          <Tooltip key={v.villageId} title={v.lastAdmission ? t('party.lastAdmission', { date: v.lastAdmission }) : t('party.noAdmission')}>
            <Tag color={v.met ? 'green' : 'red'} data-testid={`party-target-${v.villageId}`}>
              {v.villageName} {v.met ? t('party.admitted', { count: v.admitted }) : t('party.notMet')}
            </Tag>
          </Tooltip>
        ))}
      </Flex>
    </Card>
  );
}
