// Which villages a report counts, decided once per request as the dashboards decide it: one
// village this device keeps, a township's villages, or every village it keeps (a district's
// townships). A village or township outside that is refused by name, before anything is written.
import { ApiError } from '../../../shared/api/result';
import { townshipsOf, type DeviceProfile } from '../../../shared/domain/device';
import type { ReportRequest, ScopeLevel } from '../../../shared/domain/reports';
import { V } from '../../../shared/domain/validation';
import { villagesOfTownship } from '../../../db/dashboard/index';
import { reportVillages, type ReportVillage } from '../../../db/reports/villages';
import type { Sqlite } from '../../../db/open';
import type { ServiceContext } from '../context';
import { villagesInScope } from '../ledgers/scope';
import { requireProfile } from '../profile';
import { wordsOf } from './words';

export interface ResolvedScope {
  readonly level: ScopeLevel;
  readonly profile: DeviceProfile;
  readonly villageIds: readonly string[];
  /** `临河县青石镇李家村`, `临河县青石镇`, `临河县 2 个乡镇（街道）`. */
  readonly label: string;
  /** The shortest name of the scope, for titles and file names: the village, the township, the county. */
  readonly name: string;
}

export function resolveScope(ctx: ServiceContext, request: ReportRequest): ResolvedScope {
  const profile = requireProfile(ctx);
  const kept = villagesInScope(ctx);
  const sqlite = ctx.db.sqlite;
  if (request.scope === 'village') {
    const id = request.villageId!;
    if (!kept.includes(id)) {
      throw new ApiError('INVALID_INPUT', `Village ${id} is not one this device keeps`, [{ path: ['villageId'], message: V.villageOutOfScope }]);
    }
    const village = reportVillages(sqlite, [id])[0]!;
    return { level: 'village', profile, villageIds: [id], label: `${village.county ?? ''}${village.township}${village.name}`, name: village.name };
  }
  if (request.scope === 'township') {
    const name = request.township ?? townshipsOf(profile)[0]!;
    const villageIds = villagesOfTownship(sqlite, kept, name);
    if (villageIds.length === 0) {
      throw new ApiError('INVALID_INPUT', `No village of ${name} is kept here`, [{ path: ['township'], message: V.townshipOutOfScope }]);
    }
    const county = reportVillages(sqlite, villageIds)[0]?.county ?? profile.county ?? '';
    return { level: 'township', profile, villageIds, label: `${county}${name}`, name };
  }
  const villages = reportVillages(sqlite, kept);
  const townships = new Set(villages.map((v) => v.township)).size;
  const label = wordsOf(request.language).districtScope(profile.county, townships);
  return { level: 'district', profile, villageIds: villages.map((v) => v.id), label, name: profile.county ?? profile.township };
}

/** The scope's villages in report order, on the connection the report reads. */
export function villagesOf(sqlite: Sqlite, scope: ResolvedScope): ReportVillage[] {
  return reportVillages(sqlite, scope.villageIds);
}
