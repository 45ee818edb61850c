// demo.load: a demo township so a newcomer sees a living app at once — 青石镇 of 临河县, six
// villages of 30 to 50 households each, with two years of visits, needs, plans, projects and
// money, diary and leave, all dated back from the app's clock. Generated (./generate) and written
// through the store (./load), so it is in the change log like any ledger. The device is marked
// as a demo so its data is never mistaken for a real ledger.
import type { Handlers } from '../../../shared/api/types';
import { ApiError } from '../../../shared/api/result';
import type { DeviceProfile } from '../../../shared/domain/device';
import type { ServiceContext } from '../context';
import { readProfile, saveProfile } from '../profile';
import { DEMO_TOWNSHIP, generateTownship, type TownshipOptions } from './generate';
import { loadVillages } from './load';
import { chinaDay } from './random';

export { DEMO_TOWNSHIP, generateTownship, generateVillages, type DemoVillage, type TownshipOptions } from './generate';
export { emptyStats, loadVillage, loadVillages, type LoadStats } from './load';

/** The first-run demo's size; `today` comes from the app's clock. */
export const DEMO_OPTIONS: Omit<TownshipOptions, 'today'> = {
  villages: DEMO_TOWNSHIP.villages.length,
  // Small enough to load in about a second on a slow laptop: the person is waiting on it.
  householdsPerVillage: [30, 50],
  years: 2,
  seed: 'cunji-demo-1',
};

export function demoHandlers(ctx: ServiceContext): Pick<Handlers, 'demo.load'> {
  const refuseIfSetUp = () => {
    if (readProfile(ctx)) throw new ApiError('ALREADY_SET_UP', 'The demo loads only on a device that is not set up yet');
  };
  return {
    'demo.load': () => {
      refuseIfSetUp(); // before the work of generating
      const villages = generateTownship({ ...DEMO_OPTIONS, today: chinaDay(ctx.now()) });
      // One transaction: the demo is there in full, with its profile, or not at all.
      return ctx.store.transaction(() => {
        refuseIfSetUp();
        const villageIds = loadVillages(ctx.store, villages);
        const profile: DeviceProfile = {
          deviceId: ctx.identity.deviceId,
          role: 'coordinator',
          name: '演示用户',
          unit: '临河县委组织部',
          unitLevel: 'county',
          township: DEMO_TOWNSHIP.township,
          county: DEMO_TOWNSHIP.county,
          villageIds,
          keyFingerprint: ctx.identity.keyFingerprint,
          demo: true,
        };
        saveProfile(ctx, profile);
        return profile;
      });
    },
  };
}
