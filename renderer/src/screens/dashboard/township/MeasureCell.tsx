// One figure of an overview: its value, a link to the records behind it, and on a measure with
// lines its band — background, a shape of icon per band and the band in words for screen
// readers, so the colour never carries the meaning alone.
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rag } from '../../../../../shared/domain/dashboard';
import { RAG_BACKGROUNDS, RAG_COLOURS } from '../../../charts/palette';
import { loose } from '../../../ledgers/labels';
import { formatMeasure, type MeasureKey } from './measureColumns';

const ICONS = { green: CheckCircleFilled, amber: ExclamationCircleFilled, red: CloseCircleFilled } as const;

export interface MeasureCellProps {
  measure: MeasureKey;
  value: number | null;
  /** null: no lines for this measure; the cell stays plain. */
  rag: Rag | null;
  /** The lines as written (达标线 80%，落后线 50%), shown on hover. */
  linesText?: string;
  /** Said on hover besides (a total that is a mean per village). */
  note?: string;
  onOpen: () => void;
  testId: string;
}

export function MeasureCell({ measure, value, rag, linesText, note, onOpen, testId }: MeasureCellProps): JSX.Element {
  const { t } = useTranslation();
  const text = formatMeasure(loose(t), measure, value);
  const banded = rag !== null && rag !== 'none';
  const Icon = banded ? ICONS[rag] : null;
  const bandWord = rag ? t(`dashboard.thresholds.rag.${rag}`) : '';
  const hints = [value === null ? t('dashboard.measures.noneHint') : linesText && `${bandWord} · ${linesText}`, note].filter((h): h is string => !!h);
  const button = (
    <button
      type="button"
      className="figure-link"
      onClick={onOpen}
      data-testid={testId}
      data-rag={rag ?? undefined}
      aria-label={[t(`dashboard.measures.${measure}`), text, bandWord].filter(Boolean).join(' ')}
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'flex-end',
        gap: 4,
        boxSizing: 'border-box',
        width: 'calc(100% + 12px)',
        padding: '2px 6px',
        margin: '-2px -6px',
        whiteSpace: 'nowrap',
        background: banded ? RAG_BACKGROUNDS[rag] : undefined,
        borderInlineStart: banded ? `3px solid ${RAG_COLOURS[rag]}` : undefined,
        color: value === null ? RAG_COLOURS.none : undefined,
      }}
    >
      {Icon && <Icon aria-hidden style={{ color: RAG_COLOURS[rag as keyof typeof ICONS], fontSize: 12 }} />}
      <span style={{ textDecoration: 'underline dotted', textUnderlineOffset: 3 }}>{text}</span>
    </button>
  );
  return hints.length ? <Tooltip title={hints.map((h) => <div key={h}>{h}</div>)}>{button}</Tooltip> : button;
}
