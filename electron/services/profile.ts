// The device's profile (role, name, unit, scope), set once by first-run setup or the demo.
import { deviceProfile, type DeviceProfile } from '../../shared/domain/device';
import { ApiError } from '../../shared/api/result';
import { getMeta, setMeta } from '../../db/meta';
import type { ServiceContext } from './context';

export function readProfile(ctx: ServiceContext): DeviceProfile | null {
  const text = getMeta(ctx.db, 'profile');
  return text ? deviceProfile.parse(JSON.parse(text)) : null;
}

export function requireProfile(ctx: ServiceContext): DeviceProfile {
  const profile = readProfile(ctx);
  if (!profile) throw new ApiError('NOT_SET_UP', 'This device has not been set up yet');
  return profile;
}

export function saveProfile(ctx: ServiceContext, profile: DeviceProfile): void {
  setMeta(ctx.db, 'profile', JSON.stringify(deviceProfile.parse(profile)));
}
