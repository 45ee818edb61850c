// The headline figures as a district reports them (走访群众 N 户 …), each a link to the records
// behind it. A figure the ledgers cannot answer says so, and one resting on what villages
// entered on their yearly indicators says that, naming the villages that entered nothing.
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadlineFigure } from '../../../../shared/domain/dashboard';
import { formatFenAsWanYuan } from '../../../../shared/domain/money';
import { navigate } from '../../shell/useRoute';
import { headlineLink, type FigureScope } from './figureLinks';

export function HeadlineCard({ figures, scope }: { figures: readonly HeadlineFigure[]; scope: FigureScope }): JSX.Element {
  const { t } = useTranslation();
  return (
    <Card title={t('dashboard.headline.title')} size="small" data-testid="headline" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} sm={8} lg={6} xxl={3}>
            <button type="button" className="figure-link" onClick={() => navigate(headlineLink(figure.key, scope))} data-testid={`headline-${figure.key}`}>
              <Statistic
                title={t(`dashboard.headline.${figure.key}.label`)}
                value={figure.value ?? t('dashboard.headline.unanswered')}
                suffix={figure.value === null ? undefined : t(`dashboard.headline.${figure.key}.unit`)}
                styles={{ content: { fontSize: figure.value === null ? 14 : 22 } }}
              />
            </button>
            {figure.moneyFen !== null && (
              <Typography.Text type="secondary">{t('dashboard.headline.money', { wan: formatFenAsWanYuan(figure.moneyFen) })}</Typography.Text>
            )}
            <Basis figure={figure} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Basis({ figure }: { figure: HeadlineFigure }): JSX.Element | null {
  const { t } = useTranslation();
  if (figure.basis === 'counted') return null;
  const villages = figure.missingVillages.join(t('dashboard.listSeparator'));
  const text = t(`dashboard.headline.basis.${figure.basis}`, { count: figure.missingVillages.length });
  return (
    <Tooltip title={figure.missingVillages.length ? t('dashboard.headline.missing', { villages }) : undefined}>
      <Typography.Text type={figure.basis === 'reported' ? 'secondary' : 'warning'} style={{ display: 'block', fontSize: 12 }} data-testid={`headline-${figure.key}-basis`}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}
