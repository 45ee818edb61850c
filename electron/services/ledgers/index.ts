// The handlers of every ledger in shared/domain/ledgers, and the projects' money beside them.
import { LEDGER_NOUNS, type CrudMethod } from '../../../shared/api/methods';
import type { Handlers } from '../../../shared/api/types';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import type { LedgerDefinition } from '../../../shared/domain/ledgers/define';
import type { ServiceContext } from '../context';
import { ledgerHandlers } from './crud';
import { projectMoneyHandlers } from './projectMoney';
import { partyTargetHandlers } from './partyTargets';

export function allLedgerHandlers(ctx: ServiceContext): Pick<Handlers, CrudMethod | 'money.list' | 'party.targets' | 'party.status'> {
  return Object.assign(
    {},
    ...LEDGER_NOUNS.map((noun) => ledgerHandlers(ctx, LEDGER_DEFINITIONS[noun] as unknown as LedgerDefinition<string, Record<string, never>>)),
    projectMoneyHandlers(ctx),
    partyTargetHandlers(ctx),
  ) as Pick<Handlers, CrudMethod | 'money.list' | 'party.targets' | 'party.status'>;
}
