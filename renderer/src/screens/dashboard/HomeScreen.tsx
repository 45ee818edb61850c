// The home screen picks by role: a secretary sees her village dashboard, a coordinator her
// township's overview, a district its townships side by side. An address one level down
// (`?township=…`, `?village=…`) is a drill-down: that level, with the way back up above it.
import type { JSX } from 'react';
import { OverviewScreen } from '../overview/OverviewScreen';
import { dashboardScopeOf } from '../../shell/route';
import { useRoute } from '../../shell/useRoute';
import { useAppStore } from '../../store/useAppStore';
import { DistrictOverview } from './district/DistrictOverview';
import { LevelCrumbs } from './township/LevelCrumbs';
import { TownshipOverview } from './township/TownshipOverview';
import { VillageDashboard } from './village/VillageDashboard';

export function HomeScreen({ onOpenVillages }: { onOpenVillages: () => void }): JSX.Element | null {
  const role = useAppStore((s) => s.profile?.role);
  const villages = useAppStore((s) => s.scopeVillages);
  const { township, village } = dashboardScopeOf(useRoute());

  if (role === 'secretary') return <VillageDashboard {...(village ? { village } : {})} />;
  if (role !== 'coordinator' && role !== 'district') return <OverviewScreen onOpenVillages={onOpenVillages} />;

  if (village) {
    const shown = villages.find((v) => v.id === village);
    return (
      <>
        <LevelCrumbs role={role} township={township ?? shown?.township ?? null} village={shown?.name ?? null} />
        <VillageDashboard village={village} />
      </>
    );
  }
  if (role === 'district' && township) {
    return <TownshipOverview township={township} crumbs={<LevelCrumbs role={role} township={township} village={null} />} />;
  }
  return role === 'coordinator' ? <TownshipOverview /> : <DistrictOverview />;
}
