// The district's comparison chart (three ratios a township, none drawn as zero), the townships
// still waiting for data, and the drill-down addresses township → village and back.
import { describe, expect, it } from 'vitest';
import { sumMeasures, type TownshipRow } from '../../shared/domain/dashboard';
import { SERIES_COLOURS } from '../../renderer/src/charts/palette';
import { compareOption, hasComparison } from '../../renderer/src/screens/dashboard/district/compareOption';
import { waitingTownships } from '../../renderer/src/screens/dashboard/district/districtRows';
import { dashboardRoute, dashboardScopeOf, formatRoute, parseRoute } from '../../renderer/src/shell/route';

function township(name: string, patch: Partial<TownshipRow>): TownshipRow {
  return { ...sumMeasures([]), township: name, villages: 3, ...patch };
}

type Option = { yAxis: { data: string[] }; series: { name: string; data: (number | string)[]; itemStyle: { color: string } }[] };

describe('district comparison', () => {
  it('draws each township’s three ratios in percent, leaving out the ones with nothing to divide by', () => {
    const rows = [township('青石镇', { coverage: 0.82, planCompletion: 0.5, spentRatio: null }), township('白河镇', { coverage: 0.4, planCompletion: null, spentRatio: 1.2 })];
    const option = compareOption(rows, { measure: (key) => key, township: (row) => row.township }) as unknown as Option;
    expect(option.yAxis.data).toEqual(['青石镇', '白河镇']);
    expect(option.series.map((s) => s.name)).toEqual(['coverage', 'planCompletion', 'spentRatio']);
    expect(option.series.map((s) => s.data)).toEqual([[82, 40], [50, '-'], ['-', 120]]);
    expect(option.series.map((s) => s.itemStyle.color)).toEqual(SERIES_COLOURS.slice(0, 3));
  });

  it('has nothing to compare when no township has any ratio', () => {
    expect(hasComparison([township('青石镇', {})])).toBe(false);
    expect(hasComparison([township('青石镇', { planCompletion: 0 })])).toBe(true);
  });

  it('names the townships kept that have no village data yet, once each, in their order', () => {
    const rows = [township('青石镇', {}), township('白河镇', { villages: 0 })];
    expect(waitingTownships(['白河镇', '青石镇', '东山镇', '白河镇'], rows)).toEqual(['白河镇', '东山镇']);
    expect(waitingTownships(['青石镇'], rows)).toEqual([]);
  });
});

describe('drill-down addresses', () => {
  it('go from the district to a township and a village, and read back', () => {
    expect(formatRoute(dashboardRoute())).toBe('#/overview');
    const townshipRoute = parseRoute(formatRoute(dashboardRoute({ township: '白河镇' })));
    expect(dashboardScopeOf(townshipRoute)).toEqual({ township: '白河镇', village: null });
    const villageRoute = parseRoute(formatRoute(dashboardRoute({ township: '白河镇', village: 'v-1' })));
    expect(villageRoute.view).toBe('overview');
    expect(dashboardScopeOf(villageRoute)).toEqual({ township: '白河镇', village: 'v-1' });
    expect(dashboardRoute({ township: null, village: '' })).toEqual({ view: 'overview', params: {} });
  });
});
