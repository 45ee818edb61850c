// The app once the device is set up: header, the ledgers in a grouped left menu, the chosen
// screen. Every ledger is the one generic screen, configured by its view. The frame is the
// window's height: the header stays, the menu scrolls on its own and only the content scrolls.
import { Layout, Menu } from 'antd';
import { useCallback, useEffect, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../errors/useNotifyError';
import { LedgerScreen } from '../ledgers/LedgerScreen';
import { HomeScreen } from '../screens/dashboard/HomeScreen';
import { GalleryScreen } from '../screens/gallery/GalleryScreen';
import { OverviewScreen } from '../screens/overview/OverviewScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { SyncScreen } from '../screens/sync/SyncScreen';
import { VillagesScreen } from '../screens/villages/VillagesScreen';
import { useAppStore } from '../store/useAppStore';
import { AppHeader } from './AppHeader';
import { ClockWarning } from './ClockWarning';
import { navItems } from './navItems';
import { formatRoute, linkOf, type Route, type View } from './route';
import { useConflictCount } from './useConflictCount';
import { useMenuCommands } from './useMenuCommands';
import { useOverdueCount } from './useOverdueCount';
import { navigate, useAddress } from './useRoute';

export type { View };

export function AppShell(): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { route, visit } = useAddress();
  const view = route.view;
  const content = useRef<HTMLElement>(null);
  const setView = useCallback((next: View) => navigate({ view: next, params: {} }), []);
  const loadScopeVillages = useAppStore((s) => s.loadScopeVillages);
  const villageCount = useAppStore((s) => s.villageCount);
  const overdueNeeds = useOverdueCount('needs');
  const conflicts = useConflictCount();
  // The desktop menu's import/export/sync now, and double-clicked .cunji files: the sync screen.
  useMenuCommands(useCallback(() => setView('sync'), [setView]));

  // The village pickers follow the villages screen: read again whenever the count changes.
  useEffect(() => {
    loadScopeVillages().catch(notifyError);
  }, [loadScopeVillages, notifyError, villageCount]);

  // A new screen (or the same one reached again by a link or Back) starts at its top.
  useEffect(() => {
    content.current?.scrollTo({ top: 0 });
  }, [view, visit]);

  return (
    <Layout className="app-frame">
      <AppHeader onOpenSync={() => setView('sync')} />
      <Layout className="app-body">
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={56} className="app-sider" data-testid="app-menu">
          <Menu
            mode="inline"
            selectedKeys={[view]}
            onClick={({ key }) => setView(key as View)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            items={navItems(t, overdueNeeds, conflicts)}
          />
        </Layout.Sider>
        <Layout.Content className="app-content" ref={content} data-testid="app-content">
          <ClockWarning />
          <Screen route={route} visit={visit} onOpenVillages={() => setView('villages')} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * The screen an address names. Keyed by the whole address, so a new link starts it afresh; a
 * ledger by its visit instead, since it writes its own filters into the address as they change.
 */
function Screen({ route, visit, onOpenVillages }: { route: Route; visit: number; onOpenVillages: () => void }): JSX.Element {
  const key = formatRoute(route);
  switch (route.view) {
    case 'overview':
      return <HomeScreen key={key} onOpenVillages={onOpenVillages} />;
    case 'reports':
      return <ReportsScreen key={key} />;
    case 'gallery':
      return <GalleryScreen key={key} route={route} />;
    case 'device':
      return <OverviewScreen key={key} onOpenVillages={onOpenVillages} />;
    case 'villages':
      return <VillagesScreen />;
    case 'sync':
      return <SyncScreen />;
    default:
      return <LedgerScreen key={`${route.view}:${visit}`} noun={route.view} keepInAddress {...(Object.keys(route.params).length ? { link: linkOf(route) } : {})} />;
  }
}
