// settings.*: local settings kept in meta, with defaults for what was never set; and the township's
// (days-in-village threshold, plan duties, member-development clocks), signed by its coordinator and carried by sync
// (db/sync/townshipSettings.ts): a secretary reads them, only a coordinator sets them.
import type { z } from 'zod';
import { ApiError } from '../../shared/api/result';
import type { Handlers } from '../../shared/api/types';
import { keepsWholeTownships, townshipsOf, type DeviceProfile } from '../../shared/domain/device';
import { clockCounts, clocksOf } from '../../shared/domain/party/clocks';
import { DEFAULT_DUTIES, DEFAULT_SETTINGS, settings, type Settings, type SettingsView } from '../../shared/domain/settings';
import { getMeta, setMeta } from '../../db/meta';
import { loadDeviceKeys } from '../../db/sync/segments/index';
import { setTownshipSettings, townshipSettingsOf, TownshipSettingsError, type TownshipSettings } from '../../db/sync/townshipSettings';
import { scopeOf, TOWNSHIP_SCOPE_PREFIX, trustedDevice } from '../../db/sync/trust';
import type { ServiceContext } from './context';
import { readProfile } from './profile';

/** The i18n key a secretary's change of the township's settings is refused with. */
export const SET_BY_COORDINATOR = 'township.setByCoordinator';

/** The township whose settings apply here: the device's own (a district's first). */
function townshipSettingsHere(ctx: ServiceContext, profile: DeviceProfile | null): TownshipSettings | null {
  return profile ? townshipSettingsOf(ctx.db.sqlite, profile.township) : null;
}

function readLocal(ctx: ServiceContext): Settings {
  const stored = getMeta(ctx.db, 'settings');
  // A value written by a newer version, or damaged by hand, falls back to the defaults field by field.
  const values = (stored ? JSON.parse(stored) : {}) as Record<string, unknown>;
  const kept = Object.entries(settings.shape).flatMap(([field, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(values[field]);
    return parsed.success ? [[field, parsed.data]] : [];
  });
  return { ...DEFAULT_SETTINGS, ...Object.fromEntries(kept) };
}

/** The settings in force here: the local ones, with the township's threshold (its declaration's, else the default). */
export function readSettings(ctx: ServiceContext): Settings {
  const township = townshipSettingsHere(ctx, readProfile(ctx));
  return { ...readLocal(ctx), presenceThreshold: township?.presenceThreshold ?? DEFAULT_SETTINGS.presenceThreshold };
}

function mayChange(profile: DeviceProfile | null): boolean {
  return profile !== null && keepsWholeTownships(profile.role) && townshipsOf(profile).includes(profile.township);
}

export function readSettingsView(ctx: ServiceContext): SettingsView {
  const profile = readProfile(ctx);
  const township = townshipSettingsHere(ctx, profile);
  const issuerName = !township ? null : township.issuer === ctx.identity.deviceId ? (profile?.name ?? null) : (trustedDevice(ctx.db.sqlite, township.issuer)?.name ?? null);
  return {
    ...readSettings(ctx),
    duties: [...(township?.duties ?? DEFAULT_DUTIES)],
    partyClocks: clockCounts(clocksOf(township?.partyClocks)),
    township: { name: profile?.township ?? null, issuerName, issuedAt: township?.issuedAt ?? null, mayChange: mayChange(profile) },
  };
}

export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettingsView(ctx),
    'settings.update': (patch) => {
      const { presenceThreshold, duties, partyClocks, ...local } = patch;
      if (presenceThreshold !== undefined || duties !== undefined || partyClocks !== undefined) {
        const profile = readProfile(ctx);
        const field = presenceThreshold !== undefined ? 'presenceThreshold' : duties !== undefined ? 'duties' : 'partyClocks';
        const refuse = (message: string) => new ApiError('INVALID_INPUT', message, [{ path: [field], message: SET_BY_COORDINATOR }]);
        if (!profile || !mayChange(profile)) {
          throw refuse("The township's coordinator sets the days-in-village threshold, the plan duties and the member-development clocks; they reach this computer by sync.");
        }
        const held = townshipSettingsOf(ctx.db.sqlite, profile.township);
        const own = townshipsOf(profile).map((t) => `${TOWNSHIP_SCOPE_PREFIX}${t}`);
        try {
          setTownshipSettings(
            ctx.db.sqlite,
            loadDeviceKeys(ctx.db.sqlite),
            scopeOf({ villages: own }),
            {
              township: profile.township,
              presenceThreshold: presenceThreshold ?? held?.presenceThreshold ?? DEFAULT_SETTINGS.presenceThreshold,
              duties: duties ?? held?.duties ?? DEFAULT_DUTIES,
              // All at once: the clocks given replace the set held; left out, the held set stands.
              partyClocks: partyClocks ?? held?.partyClocks,
            },
            new Date(ctx.now()).toISOString(),
          );
        } catch (error) {
          if (error instanceof TownshipSettingsError) throw refuse(error.message);
          throw error;
        }
      }
      const defined = Object.fromEntries(Object.entries(local).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length > 0) setMeta(ctx.db, 'settings', JSON.stringify({ ...readLocal(ctx), ...defined }));
      return readSettingsView(ctx);
    },
  };
}
