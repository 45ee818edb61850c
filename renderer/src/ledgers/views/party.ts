// 发展党员: the form as its definition reads, the list narrower — birth year, education and the record flag
// stay in the form (the flag in the filters too), so the stage and the next step the clocks ask
// for fit a 1366-pixel screen beside 记录人 and the pinned actions.
import { LEDGER_DEFINITIONS } from '../../../../shared/domain/ledgers/index';
import { derivedView } from '../derivedView';
import type { LedgerView } from '../viewTypes';

export const candidatesView: LedgerView = {
  ...derivedView(LEDGER_DEFINITIONS.candidates as unknown as Parameters<typeof derivedView>[0]),
  columns: ['name', 'sex', 'householdId', 'occupation'],
};
