// Budget, received, spent and what is left of one project, read again after every write so
// the figures always agree with the entries below them.
import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFenAsYuan } from '../../../../shared/domain/money';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { ledgerApi } from '../ledgerApi';
import { fundTotals, type FundTotals } from './fundTotals';

export function ProjectMoney({ projectId }: { projectId: string }): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const changes = useAppStore((s) => s.ledgerChanges);
  const [totals, setTotals] = useState<FundTotals | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([ledgerApi('projects').get({ id: projectId }), fundTotals(ledgerApi('funds'), projectId)])
      .then(([project, sums]) => live && setTotals({ ...sums, budget: Number(project.budgetFen ?? 0) }))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [projectId, changes, notifyError]);

  const money = (fen: number | undefined) => (fen === undefined ? '…' : formatFenAsYuan(fen));
  const left = totals ? totals.received - totals.spent : undefined;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="project-money">
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('ledgers.projects.budget')} value={money(totals?.budget)} suffix={t('ledgers.yuan')} />
        </Col>
        <Col span={6}>
          <Statistic title={t('ledgers.projects.received')} value={money(totals?.received)} suffix={t('ledgers.yuan')} />
        </Col>
        <Col span={6}>
          <Statistic title={t('ledgers.projects.spent')} value={money(totals?.spent)} suffix={t('ledgers.yuan')} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('ledgers.projects.balance')}
            value={money(left)}
            suffix={t('ledgers.yuan')}
            styles={{ content: { color: left !== undefined && left < 0 ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {left !== undefined && left < 0 && <Alert type="error" showIcon title={t('ledgers.projects.overspent')} style={{ marginTop: 12 }} />}
    </Card>
  );
}
