// The report screen's rules: which scopes a role may report on, what a change of report keeps,
// and the request sent — a public notice never asks for full numbers, whatever was ticked.
import { describe, expect, it } from 'vitest';
import { initialChoice, reportsFor, requestOf, scopesFor, withReport } from '../../renderer/src/screens/reports/reportChoice';
import { cssString, pageCss } from '../../renderer/src/screens/reports/print/pageStyle';
import { reportRequest } from '../../shared/domain/reports';

const VILLAGE = '0190a8b0-0000-7000-8000-000000000001';
const PERIOD = { from: '2026-10-01', to: '2026-10-31' };

describe('the scopes a role may pick', () => {
  it('gives a secretary her villages, a coordinator the township or a village, a district all three', () => {
    expect(scopesFor('secretary', 'summary')).toEqual(['village']);
    expect(scopesFor('coordinator', 'summary')).toEqual(['township', 'village']);
    expect(scopesFor('district', 'funds')).toEqual(['district', 'township', 'village']);
  });
  it('makes the monthly report one village’s, whoever asks', () => {
    for (const role of ['secretary', 'coordinator', 'district'] as const) expect(scopesFor(role, 'monthly')).toEqual(['village']);
    expect(reportsFor('secretary')).toContain('monitoringNotice');
  });
  it('moves to the widest allowed scope when the new report is not made at the old one', () => {
    const start = initialChoice('coordinator', VILLAGE);
    expect(start).toMatchObject({ report: 'summary', scope: 'township' });
    expect(withReport(start, 'coordinator', 'monthly').scope).toBe('village');
    expect(withReport({ ...start, scope: 'village' }, 'coordinator', 'funds').scope).toBe('village');
  });
});

describe('the request', () => {
  it('is whole only once a village scope has its village', () => {
    const choice = { ...initialChoice('secretary', null) };
    expect(requestOf(choice, PERIOD, 'zh-CN')).toBeNull();
    const request = requestOf({ ...choice, villageId: VILLAGE }, PERIOD, 'zh-CN');
    expect(reportRequest.safeParse(request).success).toBe(true);
  });
  it('never asks a public notice for full numbers, even with the box ticked', () => {
    const choice = { ...initialChoice('coordinator', VILLAGE), showFullNumbers: true };
    expect(requestOf(choice, PERIOD, 'zh-CN')).toMatchObject({ showFullNumbers: true });
    const notice = requestOf({ ...withReport(choice, 'coordinator', 'monitoringNotice'), noticeIds: 'omitted' }, PERIOD, 'zh-CN');
    expect(notice).toMatchObject({ report: 'monitoringNotice', showFullNumbers: false, noticeIds: 'omitted' });
  });
  it('is always one the contract accepts, for every report a coordinator can pick at every scope', () => {
    for (const report of reportsFor('coordinator')) {
      for (const scope of scopesFor('coordinator', report)) {
        const request = requestOf({ ...withReport(initialChoice('coordinator', VILLAGE), 'coordinator', report), scope }, PERIOD, 'en');
        expect(reportRequest.safeParse(request).success, `${report} at ${scope}`).toBe(true);
      }
    }
  });
});

describe('the printed page', () => {
  it('is A4 landscape with the period in the footer and the page of the whole', () => {
    const css = pageCss('青石镇驻村工作汇总表 · 统计时段 2026-10-01 至 2026-10-31');
    expect(css).toContain('size: A4 landscape');
    expect(css).toContain('@bottom-left { content: "青石镇驻村工作汇总表 · 统计时段 2026-10-01 至 2026-10-31"');
    expect(css).toContain('counter(page) " / " counter(pages)');
  });
  it('keeps a typed name from breaking out of the footer’s CSS string', () => {
    expect(cssString('王"庄\\村\n}')).toBe('"王\\"庄\\\\村 }"');
  });
});
