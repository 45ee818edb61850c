// The period the dashboards and reports show, chosen once and kept for this person between runs
// (this computer's storage): this month at first.
import { PERIOD_KINDS, type PeriodChoice } from '../../../shared/domain/period';
import type { KeyValueStorage } from '../i18n/language';
import type { SliceCreator, StoreDeps } from './appState';

export const PERIOD_STORAGE_KEY = 'cunji.period';
const DEFAULT_CHOICE: PeriodChoice = { kind: 'month' };
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface PeriodSlice {
  periodChoice: PeriodChoice;
  setPeriodChoice(choice: PeriodChoice): void;
}

/** What was kept, if it still reads as a choice; anything else is this month. */
export function readPeriodChoice(storage: KeyValueStorage | null): PeriodChoice {
  try {
    const kept = JSON.parse(storage?.getItem(PERIOD_STORAGE_KEY) ?? 'null') as Partial<PeriodChoice> | null;
    if (!kept || !(PERIOD_KINDS as readonly unknown[]).includes(kept.kind)) return DEFAULT_CHOICE;
    if (kept.kind !== 'custom') return { kind: kept.kind! };
    return typeof kept.from === 'string' && typeof kept.to === 'string' && ISO_DAY.test(kept.from) && ISO_DAY.test(kept.to) && kept.from <= kept.to
      ? { kind: 'custom', from: kept.from, to: kept.to }
      : DEFAULT_CHOICE;
  } catch {
    return DEFAULT_CHOICE;
  }
}

export function createPeriodSlice({ storage }: StoreDeps): SliceCreator<PeriodSlice> {
  return (set) => ({
    periodChoice: readPeriodChoice(storage),
    setPeriodChoice: (choice) => {
      try {
        storage?.setItem(PERIOD_STORAGE_KEY, JSON.stringify(choice));
      } catch {
        // Storage refused (policy, private mode): the choice holds until the window closes.
      }
      set({ periodChoice: choice });
    },
  });
}
