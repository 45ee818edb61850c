// The calendar arithmetic the village dashboard shows: the months a period's chart has a bar
// for, the days one bar stands for, the years plans and commitments are kept under, the days in
// the village due by a day of the year, and how a monitoring clock reads.

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every month (YYYY-MM) from `from`'s to `to`'s, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let ym = `${year}-${pad(month)}`; ym <= last; ym = `${year}-${pad(month)}`) {
    months.push(ym);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

/** The days of `month` that lie within the period: what one month's bar counts. */
export function monthWithin(month: string, from: string, to: string): { from: string; to: string } {
  const start = `${month}-01`;
  const end = `${month}-${pad(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))))}`;
  return { from: start < from ? from : start, to: end > to ? to : end };
}

/** The months a chart of the period shows: up to the reference day, never the future. */
export function chartMonths(from: string, to: string, referenceDay: string): string[] {
  return monthsBetween(from, to < referenceDay ? to : referenceDay);
}

/** A count per month, with a zero for every month that has none. */
export function fillMonths<R extends { month: string }>(rows: readonly R[], months: readonly string[], zero: Omit<R, 'month'>): R[] {
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  return months.map((month) => byMonth.get(month) ?? ({ ...zero, month } as R));
}

/** The years of a period: plans and commitments are kept by year. */
export function yearsOf(from: string, to: string): { from: number; to: number } {
  return { from: Number(from.slice(0, 4)), to: Number(to.slice(0, 4)) };
}

/**
 * Days in the village due by `day` at `perMonth` days a month: this year, whole months before it
 * and its own month in proportion to the days gone (so early in a month asks for little); this
 * month, that proportion alone.
 */
export function presenceDueBy(perMonth: number, day: string, span: 'year' | 'month' = 'year'): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const gone = Number(day.slice(8, 10)) / daysInMonth(year, month);
  return Math.round(perMonth * ((span === 'year' ? month - 1 : 0) + gone));
}

export type ClockState =
  | { kind: 'done' }
  | { kind: 'notStarted' }
  | { kind: 'left'; days: number }
  | { kind: 'lastDay' }
  | { kind: 'overdue'; days: number };

/** How a monitoring row's 15-day clock reads (days left is negative once it has run out). */
export function clockOf(stage: string, daysLeft: number | null): ClockState {
  if (stage === 'decided') return { kind: 'done' };
  if (daysLeft === null) return { kind: 'notStarted' };
  if (daysLeft > 0) return { kind: 'left', days: daysLeft };
  if (daysLeft === 0) return { kind: 'lastDay' };
  return { kind: 'overdue', days: -daysLeft };
}

/**
 * The indicator years from the first one entered to the period's last, a year nobody entered
 * standing as nothing entered (null), so the chart shows the gap rather than skipping it.
 */
export function fillYears<R extends { year: number; villages: number; collectiveIncomeFen: number | null; operatingFundsFen: number | null; belowFundsLine: number }>(
  rows: readonly R[],
  lastYear: number,
): R[] {
  if (rows.length === 0) return [];
  const byYear = new Map(rows.map((row) => [row.year, row]));
  const years: R[] = [];
  for (let year = rows[0]!.year; year <= Math.max(lastYear, rows[rows.length - 1]!.year); year++) {
    years.push(byYear.get(year) ?? ({ year, villages: 0, collectiveIncomeFen: null, operatingFundsFen: null, belowFundsLine: 0 } as R));
  }
  return years;
}
