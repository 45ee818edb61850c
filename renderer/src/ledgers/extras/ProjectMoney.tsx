// Budget, received, spent and what is left of one project, counted by SQL in the main process
// (money.list) and read again after every write, so the figures always agree with the
// entries below them; spending past what arrived or past the budget is said in words.
import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectMoneyRow } from '../../../../shared/domain/ledgers/projectMoney';
import { formatFenAsYuan } from '../../../../shared/domain/money';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';

export function ProjectMoney({ projectId }: { projectId: string }): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const changes = useAppStore((s) => s.ledgerChanges);
  const [money, setMoney] = useState<ProjectMoneyRow | null>(null);

  useEffect(() => {
    let live = true;
    api.money
      .list({ ids: [projectId] })
      .then(({ items }) => live && setMoney(items[0] ?? null))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [projectId, changes, notifyError]);

  const show = (fen: number | undefined) => (fen === undefined ? '…' : formatFenAsYuan(fen));
  const left = money?.balanceFen;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="project-money">
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('ledgers.projects.budget')} value={show(money?.budgetFen)} suffix={t('ledgers.yuan')} />
        </Col>
        <Col span={6}>
          <Statistic title={t('ledgers.projects.received')} value={show(money?.receivedFen)} suffix={t('ledgers.yuan')} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('ledgers.projects.spent')}
            value={show(money?.spentFen)}
            suffix={t('ledgers.yuan')}
            styles={{ content: { color: money?.overBudget ? '#cf1322' : undefined } }}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('ledgers.projects.balance')}
            value={show(left)}
            suffix={t('ledgers.yuan')}
            styles={{ content: { color: left !== undefined && left < 0 ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {money?.overspent && <Alert type="error" showIcon title={t('ledgers.projects.overspent')} style={{ marginTop: 12 }} />}
      {money?.overBudget && <Alert type="error" showIcon title={t('entry.overBudgetHint')} style={{ marginTop: 12 }} data-testid="project-over-budget" />}
    </Card>
  );
}
