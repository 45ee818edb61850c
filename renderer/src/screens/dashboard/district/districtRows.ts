// Which of a district's townships have no village data yet: named above the table (their
// coordinator's file is still to come), never shown as a row of zeros.
import type { TownshipRow } from '../../../../../shared/domain/dashboard';

export function waitingTownships(kept: readonly string[], rows: readonly Pick<TownshipRow, 'township' | 'villages'>[]): string[] {
  const shown = new Set(rows.filter((row) => row.villages > 0).map((row) => row.township));
  return kept.filter((name, i) => !shown.has(name) && kept.indexOf(name) === i);
}
