// Days in the village this month and this year against the township's threshold, prorated to
// the reference day, with leave taken and the diary entries of the month. Several
// villages: each secretary's own days, so the figures are the mean per village.
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Card, Col, Progress, Row, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { RAG_COLOURS } from '../../../charts/palette';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';
import { presenceDueBy } from './periodParts';

/** A bar of the days against those due by the reference day, and the words of where it stands. */
function Against({ days, due, day, testId }: { days: number; due: number; day: string; testId: string }): JSX.Element {
  const { t } = useTranslation();
  const met = days >= due;
  const colour = met ? RAG_COLOURS.green : RAG_COLOURS.amber;
  return (
    <div data-testid={testId}>
      <Progress percent={due > 0 ? Math.min(100, Math.round((days / due) * 100)) : 100} showInfo={false} strokeColor={colour} size="small" />
      <Typography.Text style={{ fontSize: 12, color: met ? RAG_COLOURS.green : undefined }}>
        {met ? <CheckCircleOutlined aria-hidden /> : <ExclamationCircleOutlined aria-hidden style={{ color: RAG_COLOURS.amber }} />}{' '}
        {met ? t('dashboard.village.presence.met') : t('dashboard.village.presence.short', { days: Math.round((due - days) * 10) / 10 })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {t('dashboard.village.presence.dueBy', { day, target: due })}
      </Typography.Text>
    </div>
  );
}

export function PresenceCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const { totals, presenceThreshold: perMonth, referenceDay } = data;
  const days = t('dashboard.village.units.days');
  const monthDue = presenceDueBy(perMonth, referenceDay, 'month');
  const yearDue = presenceDueBy(perMonth, referenceDay, 'year');

  return (
    <Card
      size="small"
      title={t('dashboard.village.presence.title')}
      extra={data.villages.length > 1 ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.village.presence.mean')}</Typography.Text> : null}
      style={CARD_STYLE}
      data-testid="vd-presence"
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.village.presence.threshold', { days: perMonth })}
      </Typography.Text>
      <Row gutter={[16, 12]} style={{ marginTop: 8 }}>
        <Col span={12}>
          <Figure title={t('dashboard.village.presence.month')} value={totals.presenceMonthDays} unit={days} route={measureLink('presenceMonthDays', scope)} testId="vd-presenceMonth" />
          <Against days={totals.presenceMonthDays} due={monthDue} day={referenceDay} testId="vd-presenceMonth-against" />
        </Col>
        <Col span={12}>
          <Figure title={t('dashboard.village.presence.year')} value={totals.presenceYearDays} unit={days} route={measureLink('presenceYearDays', scope)} testId="vd-presenceYear" />
          <Against days={totals.presenceYearDays} due={yearDue} day={referenceDay} testId="vd-presenceYear-against" />
        </Col>
        <Col span={8}>
          <Figure title={t('dashboard.village.presence.leaveMonth')} value={totals.leaveMonthDays} unit={days} route={measureLink('leaveMonthDays', scope)} testId="vd-leaveMonth" size={18} />
        </Col>
        <Col span={8}>
          <Figure title={t('dashboard.village.presence.leaveYear')} value={totals.leaveYearDays} unit={days} route={measureLink('leaveYearDays', scope)} testId="vd-leaveYear" size={18} />
        </Col>
        <Col span={8}>
          <Figure
            title={t('dashboard.village.presence.diary')}
            value={totals.diaryMonthEntries}
            unit={t('dashboard.village.units.entries')}
            route={measureLink('diaryMonthEntries', scope)}
            testId="vd-diaryMonth"
            size={18}
          />
        </Col>
      </Row>
      {totals.diaryMonthEntries === 0 && <EmptyHint text={t('dashboard.village.presence.empty')} testId="vd-presence-empty" />}
    </Card>
  );
}
