// The left menu: overview and villages, then the ledgers grouped as a secretary thinks of
// them, each where its definition places it. Members and fund entries open from their household
// and their project.
import {
  AlertOutlined, AppstoreOutlined, BarChartOutlined, BookOutlined, CalendarOutlined, CarryOutOutlined, CloudSyncOutlined,
  DashboardOutlined, DesktopOutlined, FileExcelOutlined, FlagOutlined, PictureOutlined, HomeOutlined, IdcardOutlined, MessageOutlined, ProjectOutlined, SolutionOutlined, TeamOutlined, UserAddOutlined,
} from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { LedgerNoun } from '../../../shared/api/methods';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { MENU_GROUPS, type LedgerPlace, type MenuGroup, type MenuIcon } from '../../../shared/domain/ledgers/place';
import { ledgerTitle } from '../ledgers/labels';

import type { View } from './route';

export type { View };

/** The menu's groups of ledgers, in order. */
export const NAV_GROUP_KEYS = MENU_GROUPS;
export type NavGroupKey = MenuGroup;

/** The icon each ledger's definition names; a new name in MENU_ICONS without its drawing fails tsc. */
const ICONS: Readonly<Record<MenuIcon, ReactNode>> = {
  home: <HomeOutlined />,
  alert: <AlertOutlined />,
  solution: <SolutionOutlined />,
  message: <MessageOutlined />,
  flag: <FlagOutlined />,
  project: <ProjectOutlined />,
  carryOut: <CarryOutOutlined />,
  barChart: <BarChartOutlined />,
  userAdd: <UserAddOutlined />,
  team: <TeamOutlined />,
  book: <BookOutlined />,
  calendar: <CalendarOutlined />,
  idcard: <IdcardOutlined />,
};

/**
 * Each group's ledgers, read off the definitions' places (shared/domain/ledgers/place.ts) in the
 * registry's order. A ledger that is part of another is not in the menu: it opens from that
 * ledger's rows.
 */
export const NAV_GROUPS: readonly { key: NavGroupKey; items: readonly { noun: LedgerNoun; icon: ReactNode }[] }[] = MENU_GROUPS.map((key) => ({
  key,
  items: Object.values(LEDGER_DEFINITIONS).flatMap((def) => {
    const place: LedgerPlace = def.place;
    return 'group' in place && place.group === key ? [{ noun: def.noun, icon: ICONS[place.icon] }] : [];
  }),
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

