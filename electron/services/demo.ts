// demo.load: a demo township so a newcomer sees a living app at once. The device is marked
// as a demo so its data is never mistaken for a real ledger.
import type { Handlers } from '../../shared/api/types';
import { ApiError } from '../../shared/api/result';
import type { DeviceProfile } from '../../shared/domain/device';
import type { ServiceContext } from './context';
import { readProfile, saveProfile } from './profile';

export const DEMO_TOWNSHIP = {
  township: '青石镇',
  county: '临河县',
  villages: [
    { name: '李家村', code: '371325101201' },
    { name: '王庄村', code: '371325101202' },
    { name: '张家湾村', code: '371325101203' },
    { name: '石桥村', code: '371325101204' },
    { name: '柳树沟村', code: '371325101205' },
    { name: '新民村', code: '371325101206' },
  ],
} as const;

export function demoHandlers(ctx: ServiceContext): Pick<Handlers, 'demo.load'> {
  return {
    'demo.load': () =>
      ctx.store.transaction(() => {
        if (readProfile(ctx)) throw new ApiError('ALREADY_SET_UP', 'The demo loads only on a device that is not set up yet');
        const villageIds = DEMO_TOWNSHIP.villages.map((v) =>
          ctx.store.create('villages', null, {
            name: v.name,
            code: v.code,
            township: DEMO_TOWNSHIP.township,
            county: DEMO_TOWNSHIP.county,
            notes: null,
          }),
        );
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
      }),
  };
}
