// settings.*: local settings kept in meta, with defaults for what was never set.
import type { z } from 'zod';
import type { Handlers } from '../../shared/api/types';
import { DEFAULT_SETTINGS, settings, type Settings } from '../../shared/domain/settings';
import { getMeta, setMeta } from '../../db/meta';
import type { ServiceContext } from './context';

export function readSettings(ctx: ServiceContext): Settings {
  const stored = getMeta(ctx.db, 'settings');
  // A value written by a newer version, or damaged by hand, falls back to the defaults field by field.
  const values = (stored ? JSON.parse(stored) : {}) as Record<string, unknown>;
  const kept = Object.entries(settings.shape).flatMap(([field, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(values[field]);
    return parsed.success ? [[field, parsed.data]] : [];
  });
  return { ...DEFAULT_SETTINGS, ...Object.fromEntries(kept) };
}

export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettings(ctx),
    'settings.update': (patch) => {
      const next = { ...readSettings(ctx), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      setMeta(ctx.db, 'settings', JSON.stringify(next));
      return next;
    },
  };
}
