// The periods a person picks figures and reports for: this month, last month, this quarter,
// last quarter, this year, the term to date, or any two days. Worked out from the app's
// calendar day, never the machine's clock, so tests and the demo agree.
export const PERIOD_KINDS = ['month', 'lastMonth', 'quarter', 'lastQuarter', 'year', 'term', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface PeriodChoice {
  readonly kind: PeriodKind;
  /** Only for `custom`. */
  readonly from?: string;
  readonly to?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (month 1–12). */
function monthEnd(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function months(year: number, first: number, last: number): Period {
  return { from: `${year}-${pad(first)}-01`, to: monthEnd(year, last) };
}

/**
 * The days a choice covers on `today` (YYYY-MM-DD). `termStart` is when the secretary's term
 * began; without one, "term to date" is this year. A custom choice missing a day falls back
 * to this month.
 */
export function periodOf(choice: PeriodChoice, today: string, termStart: string | null = null): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3);
  switch (choice.kind) {
    case 'month':
      return months(year, month, month);
    case 'lastMonth':
      return month === 1 ? months(year - 1, 12, 12) : months(year, month - 1, month - 1);
    case 'quarter':
      return months(year, quarter * 3 + 1, quarter * 3 + 3);
    case 'lastQuarter':
      return quarter === 0 ? months(year - 1, 10, 12) : months(year, quarter * 3 - 2, quarter * 3);
    case 'year':
      return months(year, 1, 12);
    case 'term':
      return termStart && termStart <= today ? { from: termStart, to: today } : { from: `${year}-01-01`, to: today };
    case 'custom':
      return choice.from && choice.to && choice.from <= choice.to ? { from: choice.from, to: choice.to } : months(year, month, month);
  }
}

/** The month before the one `today` falls in: what a monthly report is usually for. */
export function lastMonthOf(today: string): Period {
  return periodOf({ kind: 'lastMonth' }, today);
}
