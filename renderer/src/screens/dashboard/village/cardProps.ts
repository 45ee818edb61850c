// What every card of the village dashboard is given: the figures, and the scope its links keep.
import type { VillageDashboard } from '../../../../../shared/domain/dashboard';
import type { FigureScope } from '../figureLinks';

export interface CardProps {
  readonly data: VillageDashboard;
  readonly scope: FigureScope;
}

/** Every card fills its column's height, so a row of cards lines up. */
export const CARD_STYLE = { height: '100%' } as const;
