// The route as React state: read from the window's hash, moved by `navigate` (a new history
// entry, so Back returns), and the page scrolled to the top whenever the screen changes.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
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

export function navigate(route: Route): void {
  const hash = formatRoute(route);
  if (window.location.hash === hash) return;
  window.location.hash = hash;
  window.scrollTo({ top: 0 });
}

export function useNavigate(): (route: Route) => void {
  return useCallback((route: Route) => navigate(route), []);
}
