// The way back up from a drill-down: 全区 › 青石镇 › 李家村 for a district, 青石镇 › 李家村 for a
// coordinator. Each level above is a link; a person's own home level has no crumbs at all.
import { Breadcrumb } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../../shared/domain/device';
import { dashboardRoute, formatRoute } from '../../../shell/route';

export interface LevelCrumbsProps {
  role: Role;
  /** The township on show, or the village's. */
  township: string | null;
  /** The village on show, when the drill-down reached one. */
  village: string | null;
}

export function LevelCrumbs({ role, township, village }: LevelCrumbsProps): JSX.Element | null {
  const { t } = useTranslation();
  const items: { title: string; href?: string; key: string }[] = [];
  if (role === 'district') items.push({ key: 'district', title: t('dashboard.district.crumb'), href: formatRoute(dashboardRoute()) });
  if (role !== 'secretary' && township) {
    // A coordinator's township is her home; a district's is one level down from its own.
    items.push({ key: 'township', title: township, href: formatRoute(dashboardRoute(role === 'district' ? { township } : {})) });
  }
  if (village) items.push({ key: 'village', title: village });
  if (items.length < 2) return null;
  const last = items.length - 1;
  return (
    <Breadcrumb
      data-testid="level-crumbs"
      style={{ marginBottom: 12 }}
      items={items.map((item, i) => (i === last ? { key: item.key, title: item.title } : { key: item.key, title: item.title, href: item.href }))}
    />
  );
}
