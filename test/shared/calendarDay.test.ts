// A date field takes a YYYY-MM-DD day that exists. isCalendarDay counts it instead of making a Date
// of it; these hold its answer to the Date round trip it replaced, on every year's month ends and
// leap days and on every day, month and near-miss of the years a village's records use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDay } from '../../shared/domain/validation';

/** The rule as it was written first: make a Date of the text at midnight UTC and read it back. */
function roundTrip(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const two = (n: number) => String(n).padStart(2, '0');
const four = (n: number) => String(n).padStart(4, '0');

function disagreements(texts: Iterable<string>): string[] {
  const out: string[] = [];
  for (const s of texts) if (isCalendarDay(s) !== roundTrip(s)) out.push(`${s}: round trip says ${roundTrip(s)}`);
  return out;
}

function* monthEndsOfEveryYear(): Generator<string> {
  for (let y = 0; y <= 9999; y++) for (const md of ['02-28', '02-29', '02-30', '01-31', '04-30', '04-31', '12-31', '12-32']) yield `${four(y)}-${md}`;
}

function* everyDayOf(years: number[]): Generator<string> {
  for (const y of years) for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) yield `${four(y)}-${two(m)}-${two(d)}`;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a calendar day', () => {
  it('agrees with the Date round trip on the month ends and leap days of every year 0000–9999', () => {
    expect(disagreements(monthEndsOfEveryYear())).toEqual([]);
  });

  it('agrees with the Date round trip on every day, month and near-miss of 1890–2110 and the first and last years', () => {
    expect(disagreements(everyDayOf([...range(1890, 2110), ...range(0, 4), ...range(9996, 9999)]))).toEqual([]);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
  });

  it('agrees with the Date round trip on other texts (which it reads by the round trip itself)', () => {
    const others = ['', '2026-1-5', ' 2026-01-05', '2026-01-05 ', '+010000-01', '2026-01-05T00:00:00Z', '２０２６-01-05', '2026/01/05', '99999-01-01'];
    expect(disagreements(others)).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        expect(disagreements([`${four(y)}-${two(m)}-${two(d)}`])).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
