// The app once the device is set up: header, the ledgers in a grouped left menu, the chosen
// screen. Every ledger is the one generic screen, configured by its view.
import { Layout, Menu } from 'antd';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../errors/useNotifyError';
import { LedgerScreen } from '../ledgers/LedgerScreen';
import { OverviewScreen } from '../screens/overview/OverviewScreen';
import { SyncScreen } from '../screens/sync/SyncScreen';
import { VillagesScreen } from '../screens/villages/VillagesScreen';
import { useAppStore } from '../store/useAppStore';
import { AppHeader } from './AppHeader';
import { ClockWarning } from './ClockWarning';
import { navItems, type View } from './navItems';
import { useConflictCount } from './useConflictCount';
import { useMenuCommands } from './useMenuCommands';
import { useOverdueCount } from './useOverdueCount';

export type { View };

export function AppShell(): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [view, setView] = useState<View>('overview');
  const loadScopeVillages = useAppStore((s) => s.loadScopeVillages);
  const villageCount = useAppStore((s) => s.villageCount);
  const overdueNeeds = useOverdueCount('needs');
  const conflicts = useConflictCount();
  // The desktop menu's import/export/sync now, and double-clicked .cunji files: the sync screen.
  useMenuCommands(useCallback(() => setView('sync'), []));

  // The village pickers follow the villages screen: read again whenever the count changes.
  useEffect(() => {
    loadScopeVillages().catch(notifyError);
  }, [loadScopeVillages, notifyError, villageCount]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader onOpenSync={() => setView('sync')} />
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu
            mode="inline"
            selectedKeys={[view]}
            onClick={({ key }) => setView(key as View)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            items={navItems(t, overdueNeeds, conflicts)}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <ClockWarning />
          {view === 'overview' ? (
            <OverviewScreen onOpenVillages={() => setView('villages')} />
          ) : view === 'villages' ? (
            <VillagesScreen />
          ) : view === 'sync' ? (
            <SyncScreen />
          ) : (
            <LedgerScreen key={view} noun={view} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
