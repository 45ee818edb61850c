// The calendar month a date is in, as the ISO range a diary list is bounded by.
import { todayIso } from '../display';

export function monthRange(now: Date): { from: string; to: string; month: string } {
  const today = todayIso(now);
  const last = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).getUTCDate();
  return { from: `${today.slice(0, 8)}01`, to: `${today.slice(0, 8)}${String(last).padStart(2, '0')}`, month: today.slice(0, 7) };
}
