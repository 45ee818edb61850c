// The whole's totals at the top of an overview: the figures a coordinator is asked for first,
// each a link to the records behind it, the ones with lines marked with their band.
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measures, Thresholds } from '../../../../../shared/domain/dashboard';
import { RAG_COLOURS } from '../../../charts/palette';
import { loose } from '../../../ledgers/labels';
import { navigate } from '../../../shell/useRoute';
import { measureLink, type FigureScope } from '../figureLinks';
import { formatMeasure, type MeasureKey } from './measureColumns';
import { cellRag } from './rag';

/** The totals shown: size, the five measures with lines, and the money. */
export const TOTAL_MEASURES: readonly MeasureKey[] = ['households', 'coverage', 'needsOpen', 'needsOverdue', 'planCompletion', 'presenceMonthDays', 'receivedFen', 'spentRatio'];

const ICONS = { green: CheckCircleFilled, amber: ExclamationCircleFilled, red: CloseCircleFilled } as const;

export function TotalsHeader({ totals, scope, lines, title }: { totals: Measures; scope: FigureScope; lines: Thresholds | null; title: string }): JSX.Element {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid="totals">
      <Row gutter={[24, 12]}>
        {TOTAL_MEASURES.map((key) => {
          const rag = lines ? cellRag(key, totals[key], lines) : null;
          const Icon = rag && rag !== 'none' ? ICONS[rag] : null;
          return (
            // Each as wide as its figure: a narrow window wraps a whole figure, never 万元 alone.
            <Col key={key} flex="1 0 auto">
              <button
                type="button"
                className="figure-link"
                onClick={() => navigate(measureLink(key, scope))}
                data-testid={`total-${key}`}
                aria-label={[t(`dashboard.measures.${key}`), formatMeasure(loose(t), key, totals[key]), rag ? t(`dashboard.thresholds.rag.${rag}`) : ''].join(' ')}
              >
                <Statistic
                  title={t(`dashboard.measures.${key}`)}
                  value={formatMeasure(loose(t), key, totals[key])}
                  prefix={Icon ? <Icon aria-hidden style={{ color: RAG_COLOURS[rag as keyof typeof ICONS], fontSize: 16 }} /> : undefined}
                  styles={{ content: { fontSize: 20, whiteSpace: 'nowrap' } }}
                />
              </button>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
