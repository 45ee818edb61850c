// A plan's duty and a diary day's duty tags are words of the village's township's duty set (its
// coordinator's synced settings; the standard five until one is set). A word no longer in the set
// stays on the records that hold it: they still show and still save while it is unchanged.
import type { ApiIssue } from '../../../shared/api/result';
import { DEFAULT_DUTIES } from '../../../shared/domain/settings';
import { V } from '../../../shared/domain/validation';
import { storedDiaryTags, storedPlanDuty, townshipOfVillage } from '../../../db/ledgers/duties';
import { townshipSettingsOf } from '../../../db/sync/townshipSettings';
import type { ServiceContext } from '../context';
import { readProfile } from '../profile';
import type { WriteCheck } from './rules';

/** The duty set of a village's township: its declaration, else this device's township's, else the standard five. */
export function dutiesOfVillage(ctx: ServiceContext, villageId: string): readonly string[] {
  const township = townshipOfVillage(ctx.db.sqlite, villageId);
  const own = readProfile(ctx)?.township;
  const declared = (township ? townshipSettingsOf(ctx.db.sqlite, township) : null) ?? (own ? townshipSettingsOf(ctx.db.sqlite, own) : null);
  return declared?.duties ?? DEFAULT_DUTIES;
}

/** Refuses a plan's duty outside the set, unless the stored plan already has it. */
export function planDutyInSet({ ctx, villageId, id, record }: WriteCheck): ApiIssue[] {
  const duty = record.duty;
  if (typeof duty !== 'string' || dutiesOfVillage(ctx, villageId).includes(duty)) return [];
  const stored = id === null ? null : storedPlanDuty(ctx.db.sqlite, id);
  return stored === duty ? [] : [{ path: ['duty'], message: V.dutyNotInSet }];
}

/** Refuses a diary tag outside the set, unless the stored entry already has it. */
export function diaryTagsInSet({ ctx, villageId, id, record }: WriteCheck): ApiIssue[] {
  const tags = Array.isArray(record.dutyTags) ? (record.dutyTags as unknown[]) : [];
  if (tags.length === 0) return [];
  const set = dutiesOfVillage(ctx, villageId);
  const stored = id === null ? [] : storedDiaryTags(ctx.db.sqlite, id);
  return tags.some((tag) => typeof tag === 'string' && !set.includes(tag) && !stored.includes(tag)) ? [{ path: ['dutyTags'], message: V.dutyNotInSet }] : [];
}
