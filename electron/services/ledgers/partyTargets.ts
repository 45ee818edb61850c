// party.targets: the admissions of each village in scope against the township's window (three
// years by default); party.status: where each listed candidate stands and what its clocks ask.
// Both counted by shared/domain/party from the steps db/party reads.
import type { Handlers } from '../../../shared/api/types';
import { candidateStatus, villageTargets } from '../../../shared/domain/party/villageChecks';
import { admissions, candidatesWithSteps } from '../../../db/party';
import { villageNameOf } from '../../../db/ledgers/villages';
import type { ServiceContext } from '../context';
import { partyClocks } from './party';
import { villagesInScope } from './scope';
import { today } from './today';

export function partyTargetHandlers(ctx: ServiceContext): Pick<Handlers, 'party.targets' | 'party.status'> {
  return {
    'party.targets': () => {
      const villageIds = villagesInScope(ctx);
      const nameOf = villageNameOf(ctx.db.sqlite);
      const targets = villageTargets(villageIds, admissions(ctx.db.sqlite, villageIds), partyClocks(ctx), today(ctx.now));
      return {
        since: targets[0]?.since ?? today(ctx.now),
        items: targets.map((t) => ({ villageId: t.villageId, villageName: nameOf(t.villageId) ?? '', admitted: t.admitted, lastAdmission: t.lastAdmission, met: t.met })),
      };
    },
    // A candidate outside this device's villages, deleted or unknown is left out, not refused.
    'party.status': ({ ids }) => {
      const clocks = partyClocks(ctx);
      const day = today(ctx.now);
      return {
        items: candidatesWithSteps(ctx.db.sqlite, ids, villagesInScope(ctx)).map(({ id, steps }) => {
          const status = candidateStatus(steps, clocks, day);
          return { candidateId: id, stage: status.stage, since: status.since, due: status.due, overdue: status.overdue, targetFrom: status.targetFrom, probationDue: status.probationDue };
        }),
      };
    },
  };
}
