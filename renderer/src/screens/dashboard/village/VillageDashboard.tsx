// A secretary's home: the work of her village (or all of hers) over the period she picks —
// visits, needs, plans, projects and money, days in the village, commitments, monitoring
// clocks, the yearly indicators and the headline figures — every number a link to its records.
// Figures come from the main process and are read again after every write and sync.
import { Button, Col, Empty, Flex, Row, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../shell/useRoute';
import { useAppStore } from '../../../store/useAppStore';
import type { FigureScope } from '../figureLinks';
import { HeadlineCard } from '../HeadlineCard';
import { PeriodPicker } from '../PeriodPicker';
import { useFigures } from '../useFigures';
import { usePeriod } from '../usePeriod';
import { CommitmentsCard } from './CommitmentsCard';
import { IndicatorsCard } from './IndicatorsCard';
import { MonitoringCard } from './MonitoringCard';
import { NeedsCard } from './NeedsCard';
import { PlansCard } from './PlansCard';
import { PresenceCard } from './PresenceCard';
import { ProjectsCard } from './ProjectsCard';
import { VisitsCard } from './VisitsCard';
import './villageDashboard.css';

const ALL = '';

/** Two cards a row on a laptop (1366 wide), three on a large screen. */
const HALF = { xs: 24, xl: 12, xxl: 8 } as const;

/** `village`: open on this village (an address that names one, e.g. a township's drill-down). */
export function VillageDashboard({ village }: { village?: string | null } = {}): JSX.Element {
  const { t } = useTranslation();
  const villages = useAppStore((s) => s.scopeVillages);
  // The village the ledgers show is the one shown here: a figure's list keeps it, and back.
  const villageId = useAppStore((s) => s.ledgerVillageId);
  const setVillageId = useAppStore((s) => s.setLedgerVillageId);
  useEffect(() => {
    if (village) setVillageId(village);
  }, [village, setVillageId]);
  const period = usePeriod(villageId);
  const input = useMemo(() => ({ ...(villageId ? { villageId } : {}), from: period.from, to: period.to }), [villageId, period.from, period.to]);
  const { data, loading } = useFigures('dashboard.village', input);

  const scope: FigureScope | null = data && { village: villageId, from: data.from, to: data.to, referenceDay: data.referenceDay };
  const shownName = villageId ? villages.find((v) => v.id === villageId)?.name : data?.villages.length === 1 ? data.villages[0]!.name : undefined;

  return (
    <div data-testid="village-dashboard" aria-busy={loading}>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="vd-title">
          {shownName ? t('dashboard.village.titleOf', { village: shownName }) : t('dashboard.village.titleAll')}
        </Typography.Title>
        <Flex gap={16} align="center" wrap>
          {villages.length > 1 && (
            <Select
              aria-label={t('dashboard.village.picker')}
              data-testid="vd-village"
              value={villageId ?? ALL}
              onChange={(value: string) => setVillageId(value === ALL ? null : value)}
              options={[{ value: ALL, label: t('dashboard.village.all', { count: villages.length }) }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
              style={{ minWidth: 180 }}
            />
          )}
          <PeriodPicker period={period} />
        </Flex>
      </Flex>
      {data && data.referenceDay !== period.today && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('dashboard.village.referenceDay', { day: data.referenceDay })}
        </Typography.Paragraph>
      )}
      {!data || !scope ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : data.villages.length === 0 ? (
        <Empty description={t('dashboard.village.noVillage')} data-testid="vd-no-village">
          <Button type="primary" onClick={() => navigate({ view: 'villages', params: {} })}>
            {t('dashboard.village.goVillages')}
          </Button>
        </Empty>
      ) : (
        // Dimmed, not blanked, while a new period's figures are on their way.
        <div style={{ opacity: loading ? 0.6 : 1, transition: 'opacity 0.2s' }}>
          <Row gutter={[16, 16]}>
            <Col {...HALF}>
              <VisitsCard data={data} scope={scope} />
            </Col>
            <Col {...HALF}>
              <NeedsCard data={data} scope={scope} />
            </Col>
            <Col {...HALF}>
              <PresenceCard data={data} scope={scope} />
            </Col>
            <Col {...HALF}>
              <CommitmentsCard data={data} scope={scope} />
            </Col>
            <Col {...HALF}>
              <PlansCard data={data} scope={scope} />
            </Col>
            <Col {...HALF}>
              <MonitoringCard data={data} scope={scope} />
            </Col>
            <Col xs={24} xxl={16}>
              <ProjectsCard data={data} scope={scope} />
            </Col>
            <Col xs={24} xl={12} xxl={8}>
              <IndicatorsCard data={data} scope={scope} />
            </Col>
            <Col xs={24} xl={12} xxl={24}>
              <HeadlineCard figures={data.headline} scope={scope} />
            </Col>
          </Row>
        </div>
      )}
    </div>
  );
}
