// The left menu: overview and villages, then the ledgers grouped as a secretary thinks of
// them. Members and fund entries open from their household and their project.
import {
  AlertOutlined, AppstoreOutlined, BarChartOutlined, BookOutlined, CalendarOutlined, CarryOutOutlined, CloudSyncOutlined,
  DashboardOutlined, DesktopOutlined, FileExcelOutlined, FlagOutlined, HomeOutlined, IdcardOutlined, MessageOutlined, ProjectOutlined, SolutionOutlined,
} from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { LedgerNoun } from '../../../shared/api/methods';
import { ledgerTitle } from '../ledgers/labels';

import type { View } from './route';

export type { View };

export const NAV_GROUPS: readonly { key: string; items: readonly { noun: LedgerNoun; icon: ReactNode }[] }[] = [
  { key: 'households', items: [{ noun: 'households', icon: <HomeOutlined /> }, { noun: 'monitoring', icon: <AlertOutlined /> }] },
  { key: 'visits', items: [{ noun: 'visits', icon: <SolutionOutlined /> }, { noun: 'needs', icon: <MessageOutlined /> }] },
  {
    key: 'work',
    items: [
      { noun: 'plans', icon: <FlagOutlined /> },
      { noun: 'projects', icon: <ProjectOutlined /> },
      { noun: 'commitments', icon: <CarryOutOutlined /> },
      { noun: 'indicators', icon: <BarChartOutlined /> },
    ],
  },
  {
    key: 'posting',
    items: [
      { noun: 'diary', icon: <BookOutlined /> },
      { noun: 'leaves', icon: <CalendarOutlined /> },
      { noun: 'secretaries', icon: <IdcardOutlined /> },
    ],
  },
];

export function navItems(t: TFunction, overdueNeeds: number, conflicts = 0): MenuProps['items'] {
  const entry = (key: View, icon: ReactNode, label: string, badge = 0, badgeTitle = 'nav.overdueBadge' as 'nav.overdueBadge' | 'nav.conflictsBadge') => ({
    key,
    icon,
    label: (
      <span data-testid={`nav-${key}`} className="nav-label">
        {label}
        {badge > 0 && <Badge count={badge} size="small" title={t(badgeTitle, { count: badge })} data-testid={`nav-${key}-overdue`} />}
      </span>
    ),
  });
  return [
    entry('overview', <DashboardOutlined />, t('nav.overview')),
    entry('villages', <AppstoreOutlined />, t('nav.villages')),
    entry('reports', <FileExcelOutlined />, t('reports.title')),
    ...NAV_GROUPS.map((group) => ({
      key: `group-${group.key}`,
      type: 'group' as const,
      label: t(`nav.groups.${group.key}` as 'nav.groups.work'),
      children: group.items.map(({ noun, icon }) => entry(noun, icon, ledgerTitle(t, noun), noun === 'needs' ? overdueNeeds : 0)),
    })),
    { type: 'divider' as const },
    entry('sync', <CloudSyncOutlined />, t('nav.sync'), conflicts, 'nav.conflictsBadge'),
    entry('device', <DesktopOutlined />, t('nav.device')),
  ];
}

