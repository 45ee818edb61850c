// Public commitments of the period's year(s): how many, fulfilled, not yet due, and past due.
import { Card, Col, Row } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { RAG_COLOURS, SERIES_COLOURS } from '../../../charts/palette';
import { ledgerRoute } from '../../../shell/route';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';
import { yearFilter } from './format';
import { yearsOf } from './periodParts';

export function CommitmentsCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const { totals } = data;
  const span = yearsOf(data.from, data.to);
  const years = span.from === span.to ? t('dashboard.village.plans.year', { year: span.to }) : t('dashboard.village.plans.years', span);
  const unit = t('dashboard.village.units.commitments');
  const share = (n: number) => (totals.commitments > 0 ? (n / totals.commitments) * 100 : 0);

  return (
    <Card size="small" title={t('dashboard.village.commitments.title')} style={CARD_STYLE} data-testid="vd-commitments">
      <Row gutter={[16, 8]}>
        <Col span={6}>
          <Figure
            title={t('dashboard.village.commitments.total', { years })}
            value={totals.commitments}
            unit={unit}
            route={measureLink('commitments', scope)}
            testId="vd-commitments-total"
          />
        </Col>
        <Col span={6}>
          <Figure title={t('dashboard.village.commitments.done')} value={totals.commitmentsDone} unit={unit} route={measureLink('commitmentsDone', scope)} testId="vd-commitmentsDone" />
        </Col>
        <Col span={6}>
          <Figure
            title={t('dashboard.village.commitments.due')}
            value={data.commitmentsDue}
            unit={unit}
            // The list cannot say "not fulfilled and not yet due": the year's commitments hold them all.
            route={ledgerRoute('commitments', { village: scope.village, filters: yearFilter(data.from, data.to) })}
            testId="vd-commitmentsDue"
          />
        </Col>
        <Col span={6}>
          <Figure
            title={t('dashboard.village.commitments.overdue')}
            value={totals.commitmentsOverdue}
            unit={unit}
            route={measureLink('commitmentsOverdue', scope)}
            testId="vd-commitmentsOverdue"
            warnWhenAny
          />
        </Col>
      </Row>
      {totals.commitments === 0 ? (
        <EmptyHint text={t('dashboard.village.commitments.empty', { years })} testId="vd-commitments-empty" />
      ) : (
        // Fulfilled, not yet due and overdue as one bar; each is also a figure above, in words.
        <div style={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0', marginTop: 12 }} aria-hidden>
          <div style={{ width: `${share(totals.commitmentsDone)}%`, background: RAG_COLOURS.green }} />
          <div style={{ width: `${share(data.commitmentsDue)}%`, background: SERIES_COLOURS[4] }} />
          <div style={{ width: `${share(totals.commitmentsOverdue)}%`, background: RAG_COLOURS.red }} />
        </div>
      )}
    </Card>
  );
}
