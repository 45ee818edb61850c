// money.list: the money of the projects a list shows, counted by SQL (db/projectMoney.ts)
// within the villages this device keeps.
import type { Handlers } from '../../../shared/api/types';
import { projectMoney } from '../../../db/projectMoney';
import type { ServiceContext } from '../context';
import { requireProfile } from '../profile';
import { villagesInScope } from './scope';

export function projectMoneyHandlers(ctx: ServiceContext): Pick<Handlers, 'money.list'> {
  return {
    'money.list': ({ ids }) => {
      requireProfile(ctx);
      return { items: projectMoney(ctx.db.sqlite, ids, villagesInScope(ctx)) };
    },
  };
}
