// The home screen picks by role: a secretary sees her village dashboard; everyone else, for now,
// the overview of this device (the township and district dashboards take their place here).
import type { JSX } from 'react';
import { OverviewScreen } from '../overview/OverviewScreen';
import { useAppStore } from '../../store/useAppStore';
import { VillageDashboard } from './village/VillageDashboard';

export function HomeScreen({ onOpenVillages }: { onOpenVillages: () => void }): JSX.Element | null {
  const role = useAppStore((s) => s.profile?.role);
  if (role === 'secretary') return <VillageDashboard />;
  return <OverviewScreen onOpenVillages={onOpenVillages} />;
}
