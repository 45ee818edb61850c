// Addresses: every screen has one, links from a dashboard round-trip their filters, and anything
// not understood lands on the home screen rather than a blank one.
import { describe, expect, it } from 'vitest';
import { formatRoute, HOME, ledgerRoute, linkOf, parseRoute } from '../../renderer/src/shell/route';

describe('route', () => {
  it('reads and writes a screen with its parameters', () => {
    expect(parseRoute('#/sync')).toEqual({ view: 'sync', params: {} });
    expect(parseRoute('#/overview?township=%E9%9D%92%E7%9F%B3%E9%95%87')).toEqual({ view: 'overview', params: { township: '青石镇' } });
    expect(formatRoute({ view: 'overview', params: { township: '青石镇' } })).toBe('#/overview?township=%E9%9D%92%E7%9F%B3%E9%95%87');
    expect(parseRoute(formatRoute({ view: 'needs', params: { a: 'x y&z' } }))).toEqual({ view: 'needs', params: { a: 'x y&z' } });
  });

  it('sends an unknown, empty or malformed address home', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#overview', '#/../sync', '#/needs/x']) expect(parseRoute(hash), hash).toEqual(HOME);
  });

  it('carries a dashboard link to a ledger list and back with its types', () => {
    const link = { village: 'v1', filters: { status: 'done', year: 2026, confirmed: true }, from: '2026-11-01', to: '2026-11-30', dateField: 'closedOn', overdue: true, id: 'n1' };
    const route = parseRoute(formatRoute(ledgerRoute('needs', link)));
    expect(route.view).toBe('needs');
    expect(linkOf(route)).toEqual(link);
    expect(linkOf(parseRoute('#/visits'))).toEqual({ village: null, filters: {} });
    // A township narrows only when no village is named.
    expect(linkOf(parseRoute(formatRoute(ledgerRoute('visits', { township: '白河镇' }))))).toEqual({ village: null, township: '白河镇', filters: {} });
    expect(linkOf(parseRoute(formatRoute(ledgerRoute('visits', { village: 'v1', township: '白河镇' }))))).toEqual({ village: 'v1', filters: {} });
  });

  it('keeps what a person narrowed a list to on the screen: search, sort and page', () => {
    const link = { village: 'v1', filters: { status: 'open' }, search: '王', sort: { field: 'dueDate', order: 'desc' as const }, page: 3 };
    expect(linkOf(parseRoute(formatRoute(ledgerRoute('needs', link))))).toEqual(link);
    // The first page and a sort not understood are left out.
    expect(linkOf(parseRoute('#/needs?page=1&sort=due;drop'))).toEqual({ village: null, filters: {} });
  });
});
