// The township overview, a coordinator's home: the township's totals, its villages side by side
// (sortable, coloured against the coordinator's lines, every figure a link to its records), the
// villages ranked on a chosen measure, and the headline figures — for the period picked, read
// again after every local write and sync import. A village's name opens its own dashboard.
import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Typography, type TableColumnType } from 'antd';
import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { sumMeasures, type VillageRow } from '../../../../../shared/domain/dashboard';
import { useNotifyError } from '../../../errors/useNotifyError';
import { dashboardRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { useAppStore } from '../../../store/useAppStore';
import type { FigureScope } from '../figureLinks';
import { HeadlineCard } from '../HeadlineCard';
import { PeriodPicker } from '../PeriodPicker';
import { useFigures } from '../useFigures';
import { usePeriod } from '../usePeriod';
import { MeasureTableCard } from './MeasureTable';
import type { MeasureKey } from './measureColumns';
import { EmptyText } from './EmptyText';
import './overview.css';
import { effectiveThresholds } from './rag';
import { RankingCard } from './RankingCard';
import { ThresholdsDrawer } from './ThresholdsDrawer';
import { TotalsHeader } from './TotalsHeader';
import { useThresholds } from './useThresholds';

const collator = new Intl.Collator('zh-CN');

export interface TownshipOverviewProps {
  /** A district's township; without it, this device's own (a coordinator's). */
  township?: string;
  /** The way back up, when this is a drill-down. */
  crumbs?: JSX.Element | null;
}

export function TownshipOverview({ township, crumbs }: TownshipOverviewProps): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const villageCount = useAppStore((s) => s.villageCount);
  const countVillages = useAppStore((s) => s.countVillages);
  const profileTownship = useAppStore((s) => s.profile?.township);
  const period = usePeriod(null);
  const { thresholds, replace } = useThresholds();
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    countVillages().catch(notifyError);
  }, [countVillages, notifyError]);

  // With no village kept there is nothing to ask for: the empty state says what to do.
  const input = villageCount ? { ...(township ? { township } : {}), from: period.from, to: period.to } : null;
  const { data, loading } = useFigures('dashboard.township', input);
  const lines = useMemo(() => (thresholds && data ? effectiveThresholds(thresholds, data.referenceDay) : null), [thresholds, data]);

  const scopeOf = useCallback(
    (row: VillageRow): FigureScope => ({ village: row.villageId, from: data?.from ?? period.from, to: data?.to ?? period.to, referenceDay: data?.referenceDay ?? period.today }),
    [data, period],
  );
  const openVillage = useCallback((villageId: string) => navigate(dashboardRoute({ township: data?.township ?? township, village: villageId })), [data, township]);
  const first = useMemo<TableColumnType<VillageRow>>(
    () => ({
      key: 'name',
      title: t('dashboard.township.village'),
      width: 140,
      sorter: (a, b) => collator.compare(a.name, b.name),
      sortDirections: ['ascend', 'descend'],
      showSorterTooltip: false,
      render: (_: unknown, row) => (
        <button type="button" className="figure-link" onClick={() => openVillage(row.villageId)} aria-label={t('dashboard.township.openVillage', { village: row.name })} data-testid={`open-village-${row.villageId}`}>
          <Typography.Link strong>{row.name}</Typography.Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
            {row.secretary ?? t('dashboard.township.noSecretary')}
          </Typography.Text>
        </button>
      ),
    }),
    [t, openVillage],
  );
  const rowKey = useCallback((row: VillageRow) => row.villageId, []);
  const rankItems = useMemo(() => (data?.rows ?? []).map((row) => ({ id: row.villageId, name: row.name, value: null })), [data]);
  const valueOf = useCallback((id: string, measure: MeasureKey) => data?.rows.find((row) => row.villageId === id)?.[measure] ?? null, [data]);

  // Before the figures come, the township asked for, or this device's own.
  const name = data?.township ?? township ?? profileTownship ?? '';
  const header = (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="township-title">
        {t('dashboard.township.title', { township: name })}
      </Typography.Title>
      <Space wrap>
        <PeriodPicker period={period} />
        <Button className="no-print" icon={<SettingOutlined />} onClick={() => setEditing(true)} disabled={!thresholds} data-testid="thresholds-open">
          {t('dashboard.thresholds.open')}
        </Button>
      </Space>
    </Flex>
  );

  if (villageCount === 0) {
    return (
      <div className="overview-print" data-testid="township-overview">
        {crumbs}
        {header}
        <Card>
          <Empty description={<EmptyText title={t('dashboard.township.emptyTitle')} body={t('dashboard.township.emptyBody')} />} data-testid="township-empty">
            <Space>
              <Button type="primary" onClick={() => navigate({ view: 'villages', params: {} })}>
                {t('dashboard.township.goVillages')}
              </Button>
              <Button onClick={() => navigate({ view: 'sync', params: {} })}>{t('dashboard.township.goSync')}</Button>
            </Space>
          </Empty>
        </Card>
      </div>
    );
  }

  const totalsScope: FigureScope = { village: null, township: data?.township ?? null, from: data?.from ?? period.from, to: data?.to ?? period.to, referenceDay: data?.referenceDay ?? period.today };
  return (
    <div className="overview-print" data-testid="township-overview" aria-busy={loading}>
      {crumbs}
      {header}
      {data && <TotalsHeader totals={data.totals} scope={totalsScope} lines={lines} title={t('dashboard.township.totals')} />}
      <MeasureTableCard<VillageRow>
        title={t('dashboard.township.tableTitle')}
        rows={data?.rows ?? []}
        rowKey={rowKey}
        first={first}
        scopeOf={scopeOf}
        totals={data?.totals ?? EMPTY_TOTALS}
        totalsLabel={t('dashboard.township.totals')}
        totalsScope={totalsScope}
        lines={lines}
        loading={loading && !data}
        testId="township-table"
      />
      {data && lines && (
        <RankingCard
          title={t('dashboard.township.ranking')}
          labelKey="dashboard.township.rankingLabel"
          items={rankItems}
          valueOf={valueOf}
          lines={lines}
          onOpen={openVillage}
          testId="township-ranking"
        />
      )}
      {data && <HeadlineCard figures={data.headline} scope={totalsScope} />}
      {thresholds && <ThresholdsDrawer open={editing} thresholds={thresholds} onClose={() => setEditing(false)} onSaved={replace} />}
    </div>
  );
}

/** Before the first read: a table with no rows and nothing summed. */
const EMPTY_TOTALS = sumMeasures([]);
