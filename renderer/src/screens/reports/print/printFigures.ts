// The dashboards' figures a report's print page draws charts from, read through the same
// contract: the village's months, duties and money for a monthly report; the villages (or
// townships) side by side for a summary; the headline figures for a results sheet. Others: none.
import type { DistrictDashboard, Thresholds, TownshipDashboard, VillageDashboard } from '../../../../../shared/domain/dashboard';
import type { ReportRequest } from '../../../../../shared/domain/reports';
import { api } from '../../../api';

export type PrintFigures =
  | { kind: 'none' }
  | { kind: 'village'; data: VillageDashboard }
  | { kind: 'township'; data: TownshipDashboard; lines: Thresholds }
  | { kind: 'district'; data: DistrictDashboard };

/** Whether a report's print page has charts (or headline figures) at all. */
export function hasFigures(request: Pick<ReportRequest, 'report' | 'scope'>): boolean {
  if (request.report === 'monthly' || request.report === 'scorecard') return true;
  return request.report === 'summary' && request.scope !== 'village';
}

export async function loadPrintFigures(request: ReportRequest): Promise<PrintFigures> {
  if (!hasFigures(request)) return { kind: 'none' };
  const period = { from: request.from, to: request.to };
  if (request.scope === 'village') return { kind: 'village', data: await api.dashboard.village({ ...period, villageId: request.villageId! }) };
  if (request.scope === 'township') {
    const [data, settings] = await Promise.all([
      api.dashboard.township({ ...period, ...(request.township ? { township: request.township } : {}) }),
      api.settings.get(),
    ]);
    return { kind: 'township', data, lines: settings.dashboardThresholds };
  }
  return { kind: 'district', data: await api.dashboard.district(period) };
}
