// The route as React state: read from the window's hash, moved by `navigate` (a new history
// entry, so Back returns) or by `replaceRoute` (a screen writing down where it stands — its
// filters, the record open — in the entry it is on, so a reload finds it again).
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash, () => '');
  // Parsed from the hash string, so the same address gives the same route object.
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * How many times the address was moved to (a link, the menu, Back, Forward): a screen keyed by
 * it starts afresh on every visit, but not when it only wrote its own state into the address
 * (`replaceRoute` fires no hashchange).
 */
export function useVisit(): number {
  const [visit, setVisit] = useState(0);
  useEffect(() => {
    const next = () => setVisit((n) => n + 1);
    window.addEventListener('hashchange', next);
    return () => window.removeEventListener('hashchange', next);
  }, []);
  return visit;
}

export function navigate(route: Route): void {
  const hash = formatRoute(route);
  if (window.location.hash === hash) return;
  window.location.hash = hash;
}

/**
 * Write where the screen stands into the current history entry: no new entry, no new visit.
 * Only while the address still names that screen: a screen on its way out (the menu already
 * moved the address on) must not write itself back over the next one.
 */
export function replaceRoute(route: Route): void {
  const hash = formatRoute(route);
  if (window.location.hash === hash || parseRoute(window.location.hash).view !== route.view) return;
  window.history.replaceState(window.history.state, '', hash);
}

export function useNavigate(): (route: Route) => void {
  return useCallback((route: Route) => navigate(route), []);
}
