// Where the app is, as the window's hash: `#/<screen>?<key>=<value>&…`. Each screen has its own
// address, so a reload keeps it, Back goes back, and a dashboard figure can link to the ledger
// list narrowed to the records behind it (`#/needs?village=…&overdue=1`).
import { LEDGER_NOUNS, type LedgerNoun } from '../../../shared/api/methods';

export type View = 'overview' | 'villages' | 'sync' | 'reports' | 'gallery' | 'device' | LedgerNoun;

const VIEWS: readonly string[] = ['overview', 'villages', 'sync', 'reports', 'gallery', 'device', ...LEDGER_NOUNS];

export interface Route {
  readonly view: View;
  /** The screen's own parameters (a ledger's filters, a dashboard's township or village). */
  readonly params: Readonly<Record<string, string>>;
}

export const HOME: Route = { view: 'overview', params: {} };

export function isView(name: string): name is View {
  return VIEWS.includes(name);
}

/** Anything not understood (an old bookmark, a typo) lands on the home screen. */
export function parseRoute(hash: string): Route {
  const match = /^#\/([A-Za-z]+)(?:\?(.*))?$/.exec(hash);
  if (!match || !isView(match[1]!)) return HOME;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(match[2] ?? '')) if (value !== '') params[key] = value;
  return { view: match[1], params };
}

export function formatRoute(route: Route): string {
  const query = new URLSearchParams(Object.entries(route.params).filter(([, v]) => v !== '' && v !== undefined)).toString();
  return `#/${route.view}${query ? `?${query}` : ''}`;
}

/** A ledger list narrowed as a dashboard figure says: what LedgerScreen reads from its route. */
export interface LedgerLink {
  village?: string | null;
  /** Every village of a township (a district's township figure), when no village is named. */
  township?: string | null;
  filters?: Record<string, string | number | boolean>;
  from?: string;
  to?: string;
  /** The date the period bounds, when it is not the ledger's usual one (needs closed: closedOn). */
  dateField?: string;
  overdue?: boolean;
  /** Open this record. */
  id?: string;
  /** What a person narrowed the list to on the screen itself, kept so a reload shows the same page. */
  search?: string;
  sort?: { field: string; order: 'asc' | 'desc' };
  page?: number;
}

export function ledgerRoute(noun: LedgerNoun, link: LedgerLink = {}): Route {
  const params: Record<string, string> = {};
  if (link.village) params.village = link.village;
  else if (link.township) params.township = link.township;
  for (const [field, value] of Object.entries(link.filters ?? {})) params[`f.${field}`] = String(value);
  if (link.from) params.from = link.from;
  if (link.to) params.to = link.to;
  if (link.dateField) params.dateField = link.dateField;
  if (link.overdue) params.overdue = '1';
  if (link.id) params.id = link.id;
  if (link.search) params.q = link.search;
  if (link.sort) params.sort = `${link.sort.field}.${link.sort.order}`;
  if (link.page && link.page > 1) params.page = String(link.page);
  return { view: noun, params };
}

/** The filters of a ledger route: `f.status=open` → { status: 'open' }; true/false and whole numbers typed back. */
export function linkOf(route: Route): LedgerLink {
  const p = route.params;
  const sort = /^([A-Za-z]+)\.(asc|desc)$/.exec(p.sort ?? '');
  const filters: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(p)) {
    if (!key.startsWith('f.')) continue;
    filters[key.slice(2)] = value === 'true' ? true : value === 'false' ? false : /^\d{1,9}$/.test(value) ? Number(value) : value;
  }
  return {
    village: p.village ?? null,
    ...(p.township ? { township: p.township } : {}),
    filters,
    ...(p.from ? { from: p.from } : {}),
    ...(p.to ? { to: p.to } : {}),
    ...(p.dateField ? { dateField: p.dateField } : {}),
    ...(p.overdue === '1' ? { overdue: true } : {}),
    ...(p.id ? { id: p.id } : {}),
    ...(p.q ? { search: p.q } : {}),
    ...(sort ? { sort: { field: sort[1]!, order: sort[2] as 'asc' | 'desc' } } : {}),
    ...(p.page && /^\d{1,6}$/.test(p.page) && Number(p.page) > 1 ? { page: Number(p.page) } : {}),
  };
}

/** A level of the overviews: a district's township, or one village (a drill-down). */
export interface DashboardScope {
  readonly township?: string | null;
  readonly village?: string | null;
}

/** The home screen at a level: `#/overview?township=青石镇`, `#/overview?village=…`, or the device's own. */
export function dashboardRoute(scope: DashboardScope = {}): Route {
  const params: Record<string, string> = {};
  if (scope.township) params.township = scope.township;
  if (scope.village) params.village = scope.village;
  return { view: 'overview', params };
}

/** The level a home-screen address asks for; a village names the deepest level shown. */
export function dashboardScopeOf(route: Route): { township: string | null; village: string | null } {
  return { township: route.params.township ?? null, village: route.params.village ?? null };
}
