// The print page's address: what the report screen and the desktop shell build is exactly the
// request the page reads back, and an address naming no valid request is no request at all.
import { describe, expect, it } from 'vitest';
import { isPrintHash, printAddressOf, printHash } from '../../shared/domain/reportPrint';

const VILLAGE = '0190a8b0-0000-7000-8000-000000000001';

describe('the print address', () => {
  it('carries every field of a request and reads back the same request', () => {
    const request = {
      report: 'householdsNotice', scope: 'township', township: '青石镇', from: '2026-10-01', to: '2026-10-31',
      language: 'en', showFullNumbers: true, noticeIds: 'omitted', householdCategory: 'lifted',
    } as const;
    const hash = printHash(request);
    expect(hash.startsWith('#/print?')).toBe(true);
    expect(printAddressOf(hash)).toEqual({ request: { ...request, thumbnails: false }, autoPrint: false });
    const withThumbnails = { report: 'visitsNeeds', scope: 'township', from: '2026-10-01', to: '2026-10-31', thumbnails: true } as const;
    expect(printAddressOf(printHash(withThumbnails))?.request).toMatchObject(withThumbnails);
  });

  it('fills in the defaults the contract gives and keeps the wish to print at once', () => {
    const address = printAddressOf(printHash({ report: 'monthly', scope: 'village', villageId: VILLAGE, from: '2026-10-01', to: '2026-10-31' }, { autoPrint: true }));
    expect(address).toEqual({
      request: { report: 'monthly', scope: 'village', villageId: VILLAGE, from: '2026-10-01', to: '2026-10-31', language: 'zh-CN', showFullNumbers: false, noticeIds: 'masked', thumbnails: false },
      autoPrint: true,
    });
  });

  it('names no request when the address is not a valid one', () => {
    expect(printAddressOf('#/print?report=summary&scope=township&from=2026-10-31&to=2026-10-01')).toBeNull();
    expect(printAddressOf('#/print?report=monthly&scope=township&from=2026-10-01&to=2026-10-31')).toBeNull();
    expect(printAddressOf('#/print?report=summary&scope=township&from=2026-10-01&to=2026-10-31&showFullNumbers=yes')).toBeNull();
    expect(printAddressOf('#/reports?report=summary')).toBeNull();
    expect(isPrintHash('#/printer')).toBe(false);
    expect(isPrintHash('#/print?report=summary')).toBe(true);
  });
});
