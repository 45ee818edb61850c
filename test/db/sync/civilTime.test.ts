import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDays, isoOfWall } from '../../../db/sync/civilTime';

const DAY_MS = 86_400_000;

describe('civil time by arithmetic', () => {
  it('writes every wall time an HLC can hold exactly as Date.toISOString does', () => {
    const edges = [0, 1, 999, 86_399_999, 86_400_000, 951_782_400_000, 951_868_800_000, 4_107_542_400_000, 253_402_300_799_999, 253_402_300_800_000, 2 ** 48 - 1];
    for (const ms of edges) expect(isoOfWall(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 0, max: 5_000_000_000_000 })), (ms) => {
        expect(isoOfWall(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes every day of 1890–2110, the ends of the years 0–9999 and any day between as the Date does', () => {
    const dateOf = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);
    for (let days = -29_220; days <= 51_134; days++) if (dateOfDays(days) !== dateOf(days)) expect(dateOfDays(days)).toBe(dateOf(days));
    for (const days of [-719_528 - 1, -719_528, 2_932_896, 2_932_897, -354_285]) expect(dateOfDays(days)).toBe(dateOf(days));
    fc.assert(
      fc.property(fc.integer({ min: -720_000, max: 2_933_000 }), (days) => {
        expect(dateOfDays(days)).toBe(dateOf(days));
      }),
      { numRuns: 20_000 },
    );
  });
});
