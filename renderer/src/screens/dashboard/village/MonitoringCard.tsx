// Households monitored against falling (back) into poverty: where each stands in the procedure
// and its 15-day clock from home check to county decision, the most urgent first. Overdue reads
// red with an icon and its own words; a row opens that household's monitoring record.
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Table, Typography, type TableColumnsType } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { MONITOR_TYPE_LABELS } from '../../../../../shared/domain/ledgerEnums';
import { labelOf } from '../../../../../shared/domain/labels';
import { RAG_COLOURS } from '../../../charts/palette';
import { ledgerRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { useAppStore } from '../../../store/useAppStore';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';
import { clockOf } from './periodParts';

type Row = CardProps['data']['monitoring'][number];

function Clock({ row }: { row: Row }): JSX.Element {
  const { t } = useTranslation();
  const clock = clockOf(row.stage, row.daysLeft);
  switch (clock.kind) {
    case 'done':
      return (
        <Typography.Text type="secondary">
          <CheckCircleOutlined aria-hidden /> {t('dashboard.village.monitoring.done')}
        </Typography.Text>
      );
    case 'notStarted':
      return (
        <Typography.Text type="secondary">
          <MinusCircleOutlined aria-hidden /> {t('dashboard.village.monitoring.notStarted')}
        </Typography.Text>
      );
    case 'left':
      return (
        <span style={{ color: clock.days <= 3 ? '#ad6800' : undefined }}>
          <ClockCircleOutlined aria-hidden /> {t('dashboard.village.monitoring.daysLeft', { count: clock.days })}
        </span>
      );
    case 'lastDay':
      return (
        <span style={{ color: '#ad6800', fontWeight: 600 }}>
          <ClockCircleOutlined aria-hidden /> {t('dashboard.village.monitoring.lastDay')}
        </span>
      );
    case 'overdue':
      return (
        <span style={{ color: RAG_COLOURS.red, fontWeight: 600 }} data-testid={`vd-clock-overdue-${row.id}`}>
          <ExclamationCircleOutlined aria-hidden /> {t('dashboard.village.monitoring.overdueBy', { count: clock.days })}
        </span>
      );
  }
}

export function MonitoringCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const { totals } = data;
  const several = data.villages.length > 1;
  const typeLabel = (type: string) => (type in MONITOR_TYPE_LABELS ? labelOf(MONITOR_TYPE_LABELS, type as keyof typeof MONITOR_TYPE_LABELS, language) : type);
  const open = (row: Row) => navigate(ledgerRoute('monitoring', { village: scope.village, id: row.id }));

  const columns: TableColumnsType<Row> = [
    {
      key: 'household',
      title: t('dashboard.village.monitoring.household'),
      ellipsis: true,
      render: (_, row) => (
        <Typography.Link onClick={() => open(row)} data-testid={`vd-monitoring-${row.id}`}>
          {row.household ?? t('dashboard.village.monitoring.unnamed')}
          {several && <Typography.Text type="secondary"> · {row.villageName}</Typography.Text>}
        </Typography.Link>
      ),
    },
    { key: 'type', title: t('dashboard.village.monitoring.type'), ellipsis: true, render: (_, row) => typeLabel(row.monitorType) },
    { key: 'stage', title: t('dashboard.village.monitoring.stage'), ellipsis: true, render: (_, row) => t(`dashboard.village.monitoring.stages.${row.stage}`) },
    { key: 'clock', title: t('dashboard.village.monitoring.clock'), width: 112, render: (_, row) => <Clock row={row} /> },
  ];

  return (
    <Card size="small" title={t('dashboard.village.monitoring.title')} style={CARD_STYLE} data-testid="vd-monitoring" className="vd-monitoring">
      <Row gutter={[16, 8]}>
        <Col span={8}>
          <Figure
            title={t('dashboard.village.monitoring.monitored')}
            value={totals.monitored}
            unit={t('dashboard.village.units.households')}
            route={measureLink('monitored', scope)}
            testId="vd-monitored"
          />
        </Col>
        <Col span={16}>
          <Figure
            title={t('dashboard.village.monitoring.overdue')}
            value={totals.monitoringOverdue}
            unit={t('dashboard.village.units.households')}
            route={measureLink('monitoringOverdue', scope)}
            testId="vd-monitoringOverdue"
            warnWhenAny
            hint={t('dashboard.village.monitoring.clockHint')}
          />
        </Col>
      </Row>
      {data.monitoring.length === 0 ? (
        <EmptyHint text={t('dashboard.village.monitoring.empty')} testId="vd-monitoring-empty" />
      ) : (
        <Table<Row>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={data.monitoring}
          pagination={false}
          scroll={{ y: 216 }}
          onRow={(row) => ({ onClick: () => open(row) })}
          style={{ marginTop: 12 }}
          data-testid="vd-monitoring-table"
        />
      )}
    </Card>
  );
}
