// device.*: first-run setup. The device id and key already exist (made when the database was
// first opened); setup records who uses the device and which villages it keeps.
import type { Handlers } from '../../shared/api/types';
import { ApiError } from '../../shared/api/result';
import type { DeviceProfile } from '../../shared/domain/device';
import { V } from '../../shared/domain/validation';
import type { ServiceContext } from './context';
import { today } from './ledgers/today';
import { readProfile, saveProfile } from './profile';

type DeviceHandlers = Pick<Handlers, 'device.status' | 'device.setup'>;

/** The same village twice in one setup form is a slip (one name per township, as villages.create). */
function refuseRepeatedNames(names: string[]): void {
  const issues = names.flatMap((name, i) => (names.indexOf(name) < i ? [{ path: ['villages', i, 'name'], message: V.duplicateVillage }] : []));
  if (issues.length) throw new ApiError('INVALID_INPUT', 'The same village is listed twice', issues);
}

export function deviceHandlers(ctx: ServiceContext): DeviceHandlers {
  return {
    'device.status': () => {
      const profile = readProfile(ctx);
      return profile ? { setUp: true, profile } : { setUp: false };
    },
    'device.setup': (input) => {
      return ctx.store.transaction(() => {
        if (readProfile(ctx)) throw new ApiError('ALREADY_SET_UP', 'This device is already set up');
        refuseRepeatedNames(input.villages.map((v) => v.name));
        if (input.termStart && input.termStart > today(ctx.now)) {
          throw new ApiError('INVALID_INPUT', 'A term cannot start after today', [{ path: ['termStart'], message: V.futureDate }]);
        }
        // The schema made sure of one: a district's first township is its own, anyone else names theirs.
        const township = input.role === 'district' ? input.townships[0]! : input.township!;
        const villageIds = input.villages.map((v) =>
          ctx.store.create('villages', null, {
            name: v.name,
            code: v.code ?? null,
            township,
            county: input.county,
            notes: null,
          }),
        );
        // A secretary registering is posted to her villages: her own term record in each, from the
        // day she names (the setup screen asks, today unless changed), so the 驻村书记 ledger names
        // her. Without a day none is written: a term that began today would refuse the earlier
        // visits and diary days she enters afterwards, and only she knows when she was posted.
        if (input.role === 'secretary' && input.termStart) {
          for (const villageId of villageIds) {
            ctx.store.create('secretaries', villageId, {
              name: input.name,
              unit: input.unit,
              unit_level: input.unitLevel,
              term_start: input.termStart,
              term_end: null,
              phone: null,
              notes: null,
            });
          }
        }
        const profile: DeviceProfile = {
          deviceId: ctx.identity.deviceId,
          role: input.role,
          name: input.name,
          unit: input.unit,
          unitLevel: input.unitLevel,
          township,
          ...(input.role === 'district' ? { townships: input.townships } : {}),
          county: input.county,
          villageIds,
          keyFingerprint: ctx.identity.keyFingerprint,
          demo: false,
        };
        saveProfile(ctx, profile);
        return profile;
      });
    },
  };
}
