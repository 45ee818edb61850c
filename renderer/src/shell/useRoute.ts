// The route as React state: read from the window's hash, moved by `navigate` (a new history
// entry, so Back returns) or by `replaceRoute` (a screen writing down where it stands — its
// filters, the record open — in the entry it is on, so a reload finds it again).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

/** Where the window is, and how many times the address was moved to. */
interface Address {
  hash: string;
  visit: number;
}

/**
 * The route and the visit: how many times the address was moved to (a link, the menu, Back,
 * Forward). A screen keyed by the visit starts afresh on every visit, but not when it only wrote
 * its own state into the address (`replaceRoute` fires no hashchange). Both are one state moved
 * by one listener, so a move is one render: kept apart, the new route rendered before the new
 * visit, and a screen keyed by both started twice.
 */
export function useAddress(): { route: Route; visit: number } {
  const [address, setAddress] = useState<Address>(() => ({ hash: window.location.hash, visit: 0 }));
  useEffect(() => {
    const moved = () => setAddress((was) => ({ hash: window.location.hash, visit: was.visit + 1 }));
    window.addEventListener('hashchange', moved);
    // A move between the first render and this listener is not lost.
    if (window.location.hash !== address.hash) moved();
    return () => window.removeEventListener('hashchange', moved);
    // The listener is added once; the check above only needs the first render's hash.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Parsed from the hash string, so the same address gives the same route object.
  const route = useMemo(() => parseRoute(address.hash), [address.hash]);
  return { route, visit: address.visit };
}

export function useRoute(): Route {
  return useAddress().route;
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
