// The app once the device is set up: header, the ledgers in a left menu, the chosen screen.
// Only ledgers that exist are in the menu; households, visits and the rest join as they land.
import { AppstoreOutlined, DashboardOutlined } from '@ant-design/icons';
import { Layout, Menu } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { OverviewScreen } from '../screens/overview/OverviewScreen';
import { VillagesScreen } from '../screens/villages/VillagesScreen';
import { AppHeader } from './AppHeader';

export type View = 'overview' | 'villages';

export function AppShell(): JSX.Element {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('overview');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader />
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu
            mode="inline"
            selectedKeys={[view]}
            onClick={({ key }) => setView(key as View)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            items={[
              { key: 'overview', icon: <DashboardOutlined />, label: <span data-testid="nav-overview">{t('nav.overview')}</span> },
              { key: 'villages', icon: <AppstoreOutlined />, label: <span data-testid="nav-villages">{t('nav.villages')}</span> },
            ]}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          {view === 'overview' ? <OverviewScreen onOpenVillages={() => setView('villages')} /> : <VillagesScreen />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
