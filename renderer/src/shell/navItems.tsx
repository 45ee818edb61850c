// The left menu: overview and villages, then the ledgers grouped as a secretary thinks of
// them. Members and fund entries open from their household and their project.
import {
  AlertOutlined, AppstoreOutlined, BarChartOutlined, BookOutlined, CalendarOutlined, CarryOutOutlined, CloudSyncOutlined,
  DashboardOutlined, DesktopOutlined, FileExcelOutlined, FlagOutlined, PictureOutlined, HomeOutlined, IdcardOutlined, MessageOutlined, ProjectOutlined, SolutionOutlined, TeamOutlined, UserAddOutlined,
} from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { LedgerNoun } from '../../../shared/api/methods';
import { ledgerTitle } from '../ledgers/labels';

import type { View } from './route';

export type { View };

/** The menu's groups of ledgers, in order. */
export const NAV_GROUP_KEYS = ['households', 'visits', 'work', 'party', 'posting'] as const;
export type NavGroupKey = (typeof NAV_GROUP_KEYS)[number];

/**
 * Where each ledger sits in the menu (its group and icon, in menu order), or the ledger whose
 * rows it opens from. Keyed by every ledger noun, so a ledger added without a place fails tsc.
 */
export const NAV_PLACES: Readonly<Record<LedgerNoun, { group: NavGroupKey; icon: ReactNode } | { openedFrom: LedgerNoun }>> = {
  households: { group: 'households', icon: <HomeOutlined /> },
  monitoring: { group: 'households', icon: <AlertOutlined /> },
  members: { openedFrom: 'households' },
  visits: { group: 'visits', icon: <SolutionOutlined /> },
  needs: { group: 'visits', icon: <MessageOutlined /> },
  plans: { group: 'work', icon: <FlagOutlined /> },
  projects: { group: 'work', icon: <ProjectOutlined /> },
  funds: { openedFrom: 'projects' },
  commitments: { group: 'work', icon: <CarryOutOutlined /> },
  indicators: { group: 'work', icon: <BarChartOutlined /> },
  candidates: { group: 'party', icon: <UserAddOutlined /> },
  steps: { openedFrom: 'candidates' },
  cadres: { group: 'party', icon: <TeamOutlined /> },
  trainings: { openedFrom: 'cadres' },
  diary: { group: 'posting', icon: <BookOutlined /> },
  leaves: { group: 'posting', icon: <CalendarOutlined /> },
  secretaries: { group: 'posting', icon: <IdcardOutlined /> },
};

export const NAV_GROUPS: readonly { key: NavGroupKey; items: readonly { noun: LedgerNoun; icon: ReactNode }[] }[] = NAV_GROUP_KEYS.map((key) => ({
  key,
  items: Object.entries(NAV_PLACES).flatMap(([noun, place]) => ('group' in place && place.group === key ? [{ noun: noun as LedgerNoun, icon: place.icon }] : [])),
}));

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
    entry('gallery', <PictureOutlined />, t('gallery.title')),
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

