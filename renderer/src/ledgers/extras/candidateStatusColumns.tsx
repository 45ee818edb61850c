// The candidates list shows where each candidate stands today and what the rule clocks ask next
// (the talk within a month, the conversion after probation), late ones marked: party.status
// counts them in the main process from the steps, one call a page.
import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { labelOf, type Lang } from '../../../../shared/domain/labels';
import { STAGE_LABELS, STEP_LABELS, type Stage, type StepKind } from '../../../../shared/domain/party/enums';
import type { CandidateStatusList } from '../../../../shared/domain/party/targets';
import { api } from '../../api';
import type { LedgerRow } from '../viewTypes';
import type { RowData } from './useRowData';

type Status = CandidateStatusList['items'][number];

export async function loadCandidateStatus(rows: readonly LedgerRow[]): Promise<RowData> {
  const { items } = await api.party.status({ ids: rows.map((row) => row.id) });
  return Object.fromEntries(items.map((item) => [item.candidateId, item]));
}

const statusOf = (data: RowData | undefined, row: LedgerRow) => data?.[row.id] as Status | undefined;

export function candidateStatusColumns(t: TFunction, lang: Lang, data?: RowData): TableColumnsType<LedgerRow> {
  return [
    {
      key: 'stage',
      title: t('party.stage'),
      width: 110,
      render: (_: unknown, row: LedgerRow) => {
        const status = statusOf(data, row);
        if (!status) return null;
        return (
          <span data-testid={`candidate-stage-${row.id}`}>
            {status.stage in STAGE_LABELS ? labelOf(STAGE_LABELS, status.stage as Stage, lang) : t('party.noStage')}
          </span>
        );
      },
    },
    {
      key: 'next',
      title: t('party.next'),
      width: 180,
      render: (_: unknown, row: LedgerRow) => {
        const status = statusOf(data, row);
        if (!status) return null;
        if (status.due) {
          const step = status.due.step in STEP_LABELS ? labelOf(STEP_LABELS, status.due.step as StepKind, lang) : status.due.step;
          return (
            <span data-testid={`candidate-next-${row.id}`}>
              {t('party.dueBy', { step, date: status.due.by })} {status.overdue && <Tag color="red">{t('party.overdue')}</Tag>}
            </span>
          );
        }
        const hint = status.targetFrom ? t('party.targetFrom', { date: status.targetFrom }) : status.probationDue ? t('party.probationDue', { date: status.probationDue }) : null;
        return hint && <Typography.Text type="secondary" data-testid={`candidate-next-${row.id}`}>{hint}</Typography.Text>;
      },
    },
  ];
}
