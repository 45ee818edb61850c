// What a few ledgers show beyond their fields: a household's members, a project's money (in its
// row and behind its button), the
// 防返贫 procedure clock, this month's days in the village, the leave approver from its days,
// operating funds under the yearly minimum, a plan's progress from its numbers, a candidate's stage
// and what its clocks ask next; and on a ledger's rows, the ledgers that are part of it.
import type { FormInstance, TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import type { LedgerNoun } from '../../../../shared/api/methods';
import type { Lang } from '../../../../shared/domain/labels';
import type { FormValues } from '../convert';
import type { LedgerRow } from '../viewTypes';
import { LEDGER_DEFINITIONS } from '../../../../shared/domain/ledgers/index';
import { partsOf } from '../../../../shared/domain/ledgers/references';
import { ChildLedgerButton, type ChildLedger } from './ChildLedgerButton';
import { candidateStatusColumns, loadCandidateStatus } from './candidateStatusColumns';
import { DiaryMonthProgress } from './DiaryMonthProgress';
import { PartyTargets } from './PartyTargets';
import { HouseholdMembersButton } from './HouseholdMembersButton';
import { indicatorColumns } from './indicatorColumns';
import { leaveFormChange } from './leaveFormChange';
import { monitoringColumns } from './monitoringColumns';
import { planProgressColumns } from './planProgressColumns';
import { ProjectFundsButton } from './ProjectFundsButton';
import { loadProjectMoney, projectFlagColumns, projectMoneyColumns } from './projectMoneyColumns';
import type { RowData, RowDataLoader } from './useRowData';

export interface LedgerExtras {
  /** Columns before the view's own; `data` is what `rowData` loaded for the page. */
  columns?: (t: TFunction, lang: Lang, data?: RowData) => TableColumnsType<LedgerRow>;
  /** Columns after the view's own. */
  afterColumns?: (t: TFunction, lang: Lang, data?: RowData) => TableColumnsType<LedgerRow>;
  /** Figures for the rows on the page that the rows do not hold, loaded once a page. */
  rowData?: RowDataLoader;
  /** Buttons before edit and delete on each row. */
  rowActions?: (row: LedgerRow) => ReactNode;
  /** Above the toolbar. */
  header?: ComponentType<{ fixed: Record<string, unknown> }>;
  /** Whenever a form value changes (fill in what follows from it). */
  onFormChange?: (changed: FormValues, all: FormValues, form: FormInstance<FormValues>) => void;
}

const OWN_EXTRAS: Partial<Record<LedgerNoun, LedgerExtras>> = {
  households: { rowActions: (row) => <HouseholdMembersButton household={row} /> },
  projects: {
    rowActions: (row) => <ProjectFundsButton project={row} />,
    rowData: loadProjectMoney,
    columns: projectFlagColumns,
    afterColumns: projectMoneyColumns,
  },
  monitoring: { columns: monitoringColumns },
  indicators: { columns: indicatorColumns },
  plans: { afterColumns: planProgressColumns },
  diary: { header: DiaryMonthProgress },
  leaves: { onFormChange: leaveFormChange },
  candidates: {
    header: PartyTargets,
    rowData: loadCandidateStatus,
    afterColumns: candidateStatusColumns,
  },
};

/**
 * The ledgers that are part of this one (their definition's place), each opened from its rows by
 * the field that points here — unless this ledger's own extras draw their rows' buttons (a
 * household's members, a project's money).
 */
export function childLedgersOf(noun: LedgerNoun): ChildLedger[] {
  if (OWN_EXTRAS[noun]?.rowActions) return [];
  return partsOf(noun).map((part) => ({ ...part, label: `ledgers.${noun}.${part.noun}`, title: `ledgers.${noun}.${part.noun}Of` }));
}

function withChildLedgers(noun: LedgerNoun): LedgerExtras | undefined {
  const children = childLedgersOf(noun);
  if (children.length === 0) return OWN_EXTRAS[noun];
  return { ...OWN_EXTRAS[noun], rowActions: (row) => children.map((child) => <ChildLedgerButton key={child.noun} parent={row} child={child} />) };
}

export const LEDGER_EXTRAS: Partial<Record<LedgerNoun, LedgerExtras>> = Object.fromEntries(
  (Object.keys(LEDGER_DEFINITIONS) as LedgerNoun[]).flatMap((noun) => {
    const extras = withChildLedgers(noun);
    return extras ? [[noun, extras] as const] : [];
  }),
);
