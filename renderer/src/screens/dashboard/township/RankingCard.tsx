// Villages (or townships) ranked on the measure a person picks; a bar opens that one's level.
// With nothing to rank yet, it says which ledger to record in to fill it.
import { Card, Empty, Select } from 'antd';
import { useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thresholds } from '../../../../../shared/domain/dashboard';
import { EChart } from '../../../charts/EChart';
import { ledgerTitle, loose } from '../../../ledgers/labels';
import { formatMeasure, isThresholdMeasure, ORDERED_MEASURES, type MeasureKey } from './measureColumns';
import { hasRanking, rankingHeight, rankingOption, rankItems, type RankItem } from './ranking';
import { formatLine, ledgerOf } from './rag';

export interface RankingCardProps {
  title: string;
  /** The chart's description for screen readers: `{{measure}}` is filled in. */
  labelKey: 'dashboard.township.rankingLabel' | 'dashboard.district.rankingLabel';
  items: readonly RankItem[];
  valueOf: (id: string, measure: MeasureKey) => number | null;
  lines: Thresholds;
  onOpen: (id: string) => void;
  testId: string;
}

export function RankingCard({ title, labelKey, items, valueOf, lines, onOpen, testId }: RankingCardProps): JSX.Element {
  const { t } = useTranslation();
  const lt = loose(t);
  const [measure, setMeasure] = useState<MeasureKey>('coverage');
  const measured = useMemo(() => items.map((item) => ({ ...item, value: valueOf(item.id, measure) })), [items, valueOf, measure]);
  const ranked = useMemo(() => rankItems(measured, measure, lines), [measured, measure, lines]);
  const option = useMemo(
    () =>
      rankingOption(ranked, measure, lines, {
        value: (v) => formatMeasure(lt, measure, v),
        rag: (rag) => lt(`dashboard.thresholds.rag.${rag}`),
        none: t('dashboard.township.rankingNone'),
        green: t('dashboard.thresholds.green'),
        red: t('dashboard.thresholds.red'),
        line: (v) => (isThresholdMeasure(measure) ? formatLine(lt, measure, v) : String(v)),
      }),
    [ranked, measure, lines, lt, t],
  );
  const name = t(`dashboard.measures.${measure}`);

  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 16 }}
      data-testid={testId}
      extra={
        <Select
          aria-label={t('dashboard.township.rankingMeasure')}
          data-testid={`${testId}-measure`}
          value={measure}
          onChange={setMeasure}
          options={ORDERED_MEASURES.map((key) => ({ value: key, label: t(`dashboard.measures.${key}`) }))}
          style={{ width: 150 }}
          size="small"
        />
      }
    >
      {hasRanking(measured) ? (
        <EChart
          option={option}
          height={rankingHeight(ranked.length)}
          label={t(labelKey, { measure: name })}
          testId={`${testId}-chart`}
          onClick={({ dataIndex }) => {
            const item = ranked[dataIndex];
            if (item) onOpen(item.id);
          }}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('dashboard.township.rankingEmpty', { measure: name, ledger: ledgerTitle(t, ledgerOf(measure)) })}
          data-testid={`${testId}-empty`}
        />
      )}
    </Card>
  );
}
