// party.targets: the admissions of each village in scope against the township's window (three
// years by default), counted by shared/domain/party from the steps db/party reads.
import type { Handlers } from '../../../shared/api/types';
import { villageTargets } from '../../../shared/domain/party/villageChecks';
import { admissions } from '../../../db/party';
import { villageNameOf } from '../../../db/ledgers/villages';
import type { ServiceContext } from '../context';
import { partyClocks } from './party';
import { villagesInScope } from './scope';
import { today } from './today';

export function partyTargetHandlers(ctx: ServiceContext): Pick<Handlers, 'party.targets'> {
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
  };
}
