// The district overview, a district organisation department's home: the district's totals and
// headline figures as it reports them, its townships side by side with the same measures and
// lines as a coordinator's villages, compared and ranked in charts. A township opens its own
// overview (and from there a village); townships with no data yet are named, not shown as zero.
import { SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Space, Typography, type TableColumnType } from 'antd';
import { useCallback, useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { sumMeasures, type TownshipRow } from '../../../../../shared/domain/dashboard';
import { townshipsOf } from '../../../../../shared/domain/device';
import { EChart } from '../../../charts/EChart';
import { dashboardRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { useAppStore } from '../../../store/useAppStore';
import type { FigureScope } from '../figureLinks';
import { HeadlineCard } from '../HeadlineCard';
import { PeriodPicker } from '../PeriodPicker';
import { useFigures } from '../useFigures';
import { usePeriod } from '../usePeriod';
import { MeasureTableCard } from '../township/MeasureTable';
import type { MeasureKey } from '../township/measureColumns';
import { effectiveThresholds } from '../township/rag';
import { RankingCard } from '../township/RankingCard';
import { ThresholdsDrawer } from '../township/ThresholdsDrawer';
import { TotalsHeader } from '../township/TotalsHeader';
import { EmptyText } from '../township/EmptyText';
import { useThresholds } from '../township/useThresholds';
import { compareHeight, compareOption, hasComparison } from './compareOption';
import { waitingTownships } from './districtRows';
import '../township/overview.css';

const collator = new Intl.Collator('zh-CN');
const EMPTY_TOTALS = sumMeasures([]);

export function DistrictOverview(): JSX.Element {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const period = usePeriod(null);
  const { thresholds, replace } = useThresholds();
  const [editing, setEditing] = useState(false);
  const input = useMemo(() => ({ from: period.from, to: period.to }), [period.from, period.to]);
  const { data, loading } = useFigures('dashboard.district', input);
  const lines = useMemo(() => (thresholds && data ? effectiveThresholds(thresholds, data.referenceDay) : null), [thresholds, data]);

  const scope = useMemo<FigureScope>(
    () => ({ village: null, from: data?.from ?? period.from, to: data?.to ?? period.to, referenceDay: data?.referenceDay ?? period.today }),
    [data, period],
  );
  // A township's figure opens the lists of that township's villages.
  const scopeOf = useCallback((row: TownshipRow): FigureScope => ({ ...scope, township: row.township || null }), [scope]);
  const townshipName = useCallback((row: TownshipRow) => row.township || t('dashboard.district.noTownship'), [t]);
  const openTownship = useCallback((name: string) => name && navigate(dashboardRoute({ township: name })), []);
  const first = useMemo<TableColumnType<TownshipRow>>(
    () => ({
      key: 'township',
      title: t('dashboard.district.township'),
      width: 140,
      sorter: (a, b) => collator.compare(a.township, b.township),
      sortDirections: ['ascend', 'descend'],
      showSorterTooltip: false,
      render: (_: unknown, row) => {
        const count = <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('dashboard.district.villagesCount', { count: row.villages })}</Typography.Text>;
        if (!row.township) return <span>{townshipName(row)}{count}</span>;
        return (
          <button type="button" className="figure-link" onClick={() => openTownship(row.township)} aria-label={t('dashboard.district.openTownship', { township: row.township })} data-testid={`open-township-${row.township}`}>
            <Typography.Link strong>{row.township}</Typography.Link>
            {count}
          </button>
        );
      },
    }),
    [t, townshipName, openTownship],
  );
  const rowKey = useCallback((row: TownshipRow) => row.township || '-', []);
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const rankItems = useMemo(() => rows.map((row) => ({ id: row.township, name: townshipName(row), value: null })), [rows, townshipName]);
  const valueOf = useCallback((id: string, measure: MeasureKey) => rows.find((row) => row.township === id)?.[measure] ?? null, [rows]);
  const compare = useMemo(() => compareOption(rows, { measure: (key) => t(`dashboard.measures.${key}`), township: townshipName }), [rows, t, townshipName]);
  const waiting = profile ? waitingTownships(townshipsOf(profile), rows) : [];

  const header = (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="district-title">
        {t('dashboard.district.title')}
      </Typography.Title>
      <Space wrap>
        <PeriodPicker period={period} />
        <Button className="no-print" icon={<SettingOutlined />} onClick={() => setEditing(true)} disabled={!thresholds} data-testid="thresholds-open">
          {t('dashboard.thresholds.open')}
        </Button>
      </Space>
    </Flex>
  );

  if (data && rows.length === 0) {
    return (
      <div className="overview-print" data-testid="district-overview">
        {header}
        <Card>
          <Empty description={<EmptyText title={t('dashboard.district.emptyTitle')} body={t('dashboard.district.emptyBody')} />} data-testid="district-empty">
            <Button type="primary" onClick={() => navigate({ view: 'sync', params: {} })}>
              {t('dashboard.township.goSync')}
            </Button>
          </Empty>
        </Card>
      </div>
    );
  }

  return (
    <div className="overview-print" data-testid="district-overview" aria-busy={loading}>
      {header}
      {waiting.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="district-waiting" title={t('dashboard.district.waiting', { townships: waiting.join(t('dashboard.listSeparator')) })} />
      )}
      {data && <TotalsHeader totals={data.totals} scope={scope} lines={lines} title={t('dashboard.district.totals')} />}
      {data && <HeadlineCard figures={data.headline} scope={scope} />}
      <MeasureTableCard<TownshipRow>
        title={t('dashboard.district.tableTitle')}
        rows={rows}
        rowKey={rowKey}
        first={first}
        scopeOf={scopeOf}
        totals={data?.totals ?? EMPTY_TOTALS}
        totalsLabel={t('dashboard.district.totals')}
        totalsScope={scope}
        lines={lines}
        loading={loading && !data}
        testId="district-table"
      />
      {data && lines && (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('dashboard.district.compare')} style={{ marginBottom: 16 }} data-testid="district-compare">
              {hasComparison(rows) ? (
                <EChart
                  option={compare}
                  height={compareHeight(rows.length)}
                  label={t('dashboard.district.compareLabel')}
                  testId="district-compare-chart"
                  onClick={({ dataIndex }) => openTownship(rows[dataIndex]?.township ?? '')}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.district.compareEmpty')} />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <RankingCard
              title={t('dashboard.district.ranking')}
              labelKey="dashboard.district.rankingLabel"
              items={rankItems}
              valueOf={valueOf}
              lines={lines}
              onOpen={openTownship}
              testId="district-ranking"
            />
          </Col>
        </Row>
      )}
      {thresholds && <ThresholdsDrawer open={editing} thresholds={thresholds} onClose={() => setEditing(false)} onSaved={replace} />}
    </div>
  );
}
