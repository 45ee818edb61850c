// Needs: raised and solved in the period, open and overdue on the reference day, and the overdue
// ones themselves, the earliest due first, each opening that need.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { RAG_COLOURS } from '../../../charts/palette';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';

export function NeedsCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const { totals } = data;
  const several = data.villages.length > 1;
  const none = totals.needsRaised + totals.needsSolved + totals.needsOpen === 0;
  const unit = t('dashboard.village.units.items');

  return (
    <Card size="small" title={t('dashboard.village.needs.title')} style={CARD_STYLE} data-testid="vd-needs">
      <Row gutter={[16, 8]}>
        <Col span={6}>
          <Figure title={t('dashboard.village.needs.raised')} value={totals.needsRaised} unit={unit} route={measureLink('needsRaised', scope)} testId="vd-needsRaised" />
        </Col>
        <Col span={6}>
          <Figure title={t('dashboard.village.needs.solved')} value={totals.needsSolved} unit={unit} route={measureLink('needsSolved', scope)} testId="vd-needsSolved" />
        </Col>
        <Col span={6}>
          <Figure title={t('dashboard.village.needs.open')} value={totals.needsOpen} unit={unit} route={measureLink('needsOpen', scope)} testId="vd-needsOpen" />
        </Col>
        <Col span={6}>
          <Figure
            title={t('dashboard.village.needs.overdue')}
            value={totals.needsOverdue}
            unit={unit}
            route={measureLink('needsOverdue', scope)}
            testId="vd-needsOverdue"
            warnWhenAny
          />
        </Col>
      </Row>
      {none ? (
        <EmptyHint text={t('dashboard.village.needs.empty')} testId="vd-needs-empty" />
      ) : (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>
            {t('dashboard.village.needs.overdueList')}
          </Typography.Text>
          {data.overdueNeeds.length === 0 ? (
            <Typography.Text type="secondary" data-testid="vd-no-overdue">
              {t('dashboard.village.needs.noOverdue')}
            </Typography.Text>
          ) : (
            <ul className="vd-list" data-testid="vd-overdue-list">
              {data.overdueNeeds.map((need) => (
                <li key={need.id}>
                  <button
                    type="button"
                    className="figure-link vd-list-item"
                    onClick={() => navigate(ledgerRoute('needs', { village: scope.village, id: need.id }))}
                    data-testid={`overdue-need-${need.id}`}
                  >
                    <Typography.Text ellipsis style={{ display: 'block' }}>
                      {need.content || t('dashboard.village.needs.noContent')}
                    </Typography.Text>
                    <Flex justify="space-between" gap={8} style={{ fontSize: 12 }}>
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                        {[need.household, several ? need.villageName : null, need.owner].filter(Boolean).join(' · ')}
                      </Typography.Text>
                      <span style={{ color: RAG_COLOURS.red, whiteSpace: 'nowrap' }}>
                        <ClockCircleOutlined aria-hidden /> {t('dashboard.village.needs.due', { date: need.dueDate })} ·{' '}
                        {t('dashboard.village.needs.daysOverdue', { count: need.daysOverdue })}
                      </span>
                    </Flex>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {data.overdueNeedsMore > 0 && (
            <Typography.Link onClick={() => navigate(measureLink('needsOverdue', scope))} data-testid="vd-overdue-more">
              {t('dashboard.village.needs.more', { count: data.overdueNeedsMore })}
            </Typography.Link>
          )}
        </>
      )}
    </Card>
  );
}
