// dashboard.*: the figures of the villages this device keeps, computed by SQL (db/dashboard)
// for one village or all, a township, or a district's townships. Scope is decided here, once.
import { ApiError } from '../../shared/api/result';
import type { Handlers } from '../../shared/api/types';
import { townshipsOf } from '../../shared/domain/device';
import { V } from '../../shared/domain/validation';
import { districtDashboard, townshipDashboard, villageDashboard, villagesOfTownship } from '../../db/dashboard/index';
import { preparingOnce } from '../../db/dashboard/statements';
import type { ServiceContext } from './context';
import { requireVillageInScope, villagesInScope } from './ledgers/scope';
import { today } from './ledgers/today';
import { requireProfile } from './profile';
import { readSettingsView } from './settings';

export function dashboardHandlers(ctx: ServiceContext): Pick<Handlers, 'dashboard.village' | 'dashboard.township' | 'dashboard.district'> {
  // The dashboards' statements, compiled once for the life of these handlers.
  const db = preparingOnce(ctx.db.sqlite);
  const shared = () => {
    const settings = readSettingsView(ctx);
    return { presenceThreshold: settings.presenceThreshold, duties: settings.duties };
  };
  const query = (villageIds: string[], period: { from: string; to: string }) => ({ villageIds, from: period.from, to: period.to, today: today(ctx.now) });

  return {
    'dashboard.village': ({ villageId, ...period }) => {
      requireProfile(ctx);
      if (villageId) requireVillageInScope(ctx, villageId);
      return villageDashboard(db, query(villageId ? [villageId] : villagesInScope(ctx), period), shared());
    },
    'dashboard.township': ({ township, ...period }) => {
      const profile = requireProfile(ctx);
      const name = township ?? townshipsOf(profile)[0]!;
      const villageIds = villagesOfTownship(db, villagesInScope(ctx), name);
      if (villageIds.length === 0) {
        throw new ApiError('INVALID_INPUT', `No village of ${name} is kept here`, [{ path: ['township'], message: V.townshipOutOfScope }]);
      }
      return townshipDashboard(db, query(villageIds, period), name, shared());
    },
    'dashboard.district': (period) => {
      requireProfile(ctx);
      return districtDashboard(db, query(villagesInScope(ctx), period), shared());
    },
  };
}
