// What a person can ask for on the report screen, as pure rules: the reports grouped as they
// think of them, the scopes their role allows for a report (a secretary her villages, a
// coordinator the township or one village, a district a township, the district or one village),
// and the request the screen, the export and the print page all send.
import type { Role } from '../../../../shared/domain/device';
import type { Period } from '../../../../shared/domain/period';
import {
  isPublicNotice, NOTICE_ID_MODES, REPORT_SCOPES, THUMBNAIL_REPORTS, type NoticeIdMode, type ReportKind, type ReportRequestInput, type ScopeLevel,
} from '../../../../shared/domain/reports';
import type { Lang } from '../../../../shared/domain/labels';

export const REPORT_GROUPS: readonly { key: 'work' | 'ledgers' | 'notices'; reports: readonly ReportKind[] }[] = [
  { key: 'work', reports: ['monthly', 'summary', 'scorecard'] },
  { key: 'ledgers', reports: ['funds', 'visitsNeeds', 'attendance', 'monitoring'] },
  { key: 'notices', reports: ['householdsNotice', 'monitoringNotice'] },
];

/** The levels a role reports on, widest first. */
const ROLE_SCOPES: Readonly<Record<Role, readonly ScopeLevel[]>> = {
  secretary: ['village'],
  coordinator: ['township', 'village'],
  district: ['district', 'township', 'village'],
};

export function scopesFor(role: Role, report: ReportKind): ScopeLevel[] {
  return ROLE_SCOPES[role].filter((level) => REPORT_SCOPES[report].includes(level));
}

/** The reports a role can make at all (a district's device keeps no monthly report of its own? it does: one village's). */
export function reportsFor(role: Role): ReportKind[] {
  return REPORT_GROUPS.flatMap((group) => group.reports).filter((report) => scopesFor(role, report).length > 0);
}

export interface ReportChoice {
  readonly report: ReportKind;
  readonly scope: ScopeLevel;
  readonly villageId: string | null;
  /** A district's township; null for the device's own. */
  readonly township: string | null;
  readonly showFullNumbers: boolean;
  readonly noticeIds: NoticeIdMode;
  readonly householdCategory: string | null;
  /** Photo thumbnails beside visits and projects (off by default; kept when the report changes). */
  readonly thumbnails: boolean;
}

export function initialChoice(role: Role, firstVillage: string | null): ReportChoice {
  const report: ReportKind = role === 'secretary' ? 'monthly' : 'summary';
  return { report, scope: scopesFor(role, report)[0]!, villageId: firstVillage, township: null, showFullNumbers: false, noticeIds: NOTICE_ID_MODES[0], householdCategory: null, thumbnails: false };
}

/** A new report keeps the scope when its role may make it at that level, else takes the widest allowed. */
export function withReport(choice: ReportChoice, role: Role, report: ReportKind): ReportChoice {
  const allowed = scopesFor(role, report);
  return { ...choice, report, scope: allowed.includes(choice.scope) ? choice.scope : allowed[0]!, householdCategory: report === 'householdsNotice' ? choice.householdCategory : null };
}

/**
 * The request for a choice over a period, or null while it is not whole (a village scope with
 * no village picked). A public notice never asks for full numbers, whatever was ticked.
 */
export function requestOf(choice: ReportChoice, period: Period, language: Lang): ReportRequestInput | null {
  if (choice.scope === 'village' && !choice.villageId) return null;
  const notice = isPublicNotice(choice.report);
  return {
    report: choice.report,
    scope: choice.scope,
    ...(choice.scope === 'village' ? { villageId: choice.villageId! } : {}),
    ...(choice.scope === 'township' && choice.township ? { township: choice.township } : {}),
    from: period.from,
    to: period.to,
    language,
    showFullNumbers: notice ? false : choice.showFullNumbers,
    ...(notice ? { noticeIds: choice.noticeIds } : {}),
    ...(choice.thumbnails && THUMBNAIL_REPORTS.includes(choice.report) ? { thumbnails: true } : {}),
    ...(choice.report === 'householdsNotice' && choice.householdCategory ? { householdCategory: choice.householdCategory as ReportRequestInput['householdCategory'] } : {}),
  };
}
