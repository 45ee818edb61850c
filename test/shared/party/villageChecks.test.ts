// Across candidates and villages: one family's candidates, the three-year target of each village,
// a candidate's next deadline, the calendar arithmetic of the clocks, and the reserve cadres.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addPeriod, DEFAULT_PARTY_CLOCKS, lastsAtLeast, partyClocks } from '../../../shared/domain/party/clocks';
import { P } from '../../../shared/domain/party/messages';
import { cadreFields, checkCadreRecord } from '../../../shared/domain/party/records';
import { candidateStatus, familyGroups, reserveCadresInYear, villageTargets } from '../../../shared/domain/party/villageChecks';
import { V } from '../../../shared/domain/validation';
import { before, HAPPY } from './partyFixtures';

describe('the clocks as periods', () => {
  it('count calendar months to the last day of a shorter month, and days both ends included', () => {
    expect(addPeriod('2024-01-31', { count: 1, unit: 'month' })).toBe('2024-02-29');
    expect(addPeriod('2023-01-31', { count: 1, unit: 'month' })).toBe('2023-02-28');
    expect(addPeriod('2024-02-29', { count: 12, unit: 'month' })).toBe('2025-02-28');
    expect(addPeriod('2026-03-01', { count: 36, unit: 'month' }, -1)).toBe('2023-03-01');
    expect(lastsAtLeast('2024-09-01', '2024-09-03', { count: 3, unit: 'day' })).toBe(true);
    expect(lastsAtLeast('2024-09-01', '2024-09-02', { count: 3, unit: 'day' })).toBe(false);
  });

  it('take the rules\' defaults as a valid setting and refuse one that leaves a clock out or has none', () => {
    expect(partyClocks.parse(DEFAULT_PARTY_CLOCKS)).toEqual(DEFAULT_PARTY_CLOCKS);
    const { talkWithin: _left, ...missing } = DEFAULT_PARTY_CLOCKS;
    expect(partyClocks.safeParse(missing).success).toBe(false);
    const zero = partyClocks.safeParse({ ...DEFAULT_PARTY_CLOCKS, probation: { count: 0, unit: 'month' } });
    expect(zero.success ? [] : zero.error.issues.map((i) => i.message)).toEqual([V.invalid]);
  });
});

describe('one family in one village (家族化)', () => {
  it('flags candidates who share a household with another candidate of their village, with the family size', () => {
    const flagged = familyGroups([
      { id: 'a', villageId: 'v1', householdId: 'h1' },
      { id: 'b', villageId: 'v1', householdId: 'h1' },
      { id: 'c', villageId: 'v1', householdId: 'h1' },
      { id: 'd', villageId: 'v1', householdId: 'h2' },
      { id: 'e', villageId: 'v2', householdId: 'h2' },
      { id: 'f', villageId: 'v1', householdId: null },
      { id: 'g', villageId: 'v1', householdId: null },
    ]);
    expect([...flagged.entries()].sort()).toEqual([['a', 3], ['b', 3], ['c', 3]]);
  });
});

describe('at least one new member in three years, per village', () => {
  const today = '2026-12-01';

  it('is met by an admission within the window, not by one a day older, one still to come, or none', () => {
    const admissions = [
      { villageId: 'met', date: '2023-12-01' },
      { villageId: 'old', date: '2023-11-30' },
      { villageId: 'ahead', date: '2026-12-02' },
      { villageId: 'two', date: '2025-01-01' },
      { villageId: 'two', date: '2026-06-01' },
    ];
    const targets = villageTargets(['met', 'old', 'ahead', 'none', 'two'], admissions, DEFAULT_PARTY_CLOCKS, today);
    expect(targets.map((t) => [t.villageId, t.admitted, t.met, t.lastAdmission])).toEqual([
      ['met', 1, true, '2023-12-01'],
      ['old', 0, false, '2023-11-30'],
      ['ahead', 0, false, null],
      ['none', 0, false, null],
      ['two', 2, true, '2026-06-01'],
    ]);
    expect(targets[0]!.since).toBe('2023-12-01');
  });

  it('follows a township that sets a window of five years', () => {
    const clocks = { ...DEFAULT_PARTY_CLOCKS, villageTargetWithin: { count: 60, unit: 'month' as const } };
    expect(villageTargets(['old'], [{ villageId: 'old', date: '2023-11-30' }], clocks, today)[0]!.met).toBe(true);
  });
});

describe("a candidate's next deadline", () => {
  it('is the talk a month after the application, overdue the day after', () => {
    const applied = before('talk');
    expect(candidateStatus(applied, DEFAULT_PARTY_CLOCKS, '2023-04-01')).toMatchObject({ stage: 'applicant', due: { step: 'talk', by: '2023-04-01' }, overdue: false });
    expect(candidateStatus(applied, DEFAULT_PARTY_CLOCKS, '2023-04-02').overdue).toBe(true);
    expect(candidateStatus(before('activist'), DEFAULT_PARTY_CLOCKS, '2023-05-01')).toMatchObject({ due: null, overdue: false });
  });

  it('is the conversion when probation ends, overdue a month after; none once converted', () => {
    const probation = before('conversion');
    expect(candidateStatus(probation, DEFAULT_PARTY_CLOCKS, '2025-12-01')).toMatchObject({ stage: 'probationary', probationDue: '2025-11-01', overdue: false });
    expect(candidateStatus(probation, DEFAULT_PARTY_CLOCKS, '2025-12-02').overdue).toBe(true);
    expect(candidateStatus(HAPPY, DEFAULT_PARTY_CLOCKS, '2026-12-01')).toMatchObject({ stage: 'member', due: null, overdue: false });
  });

  it('tells an activist the first day of a listing and the band of the last score', () => {
    expect(candidateStatus(before('target'), DEFAULT_PARTY_CLOCKS, '2024-05-01')).toMatchObject({ stage: 'activist', targetFrom: '2024-05-10', band: 'eligible' });
  });
});

describe('reserve cadres', () => {
  const cadre = { name: '韩晓燕', sex: 'female', birthYear: 1994, channel: 'womenPool', recommendedOn: '2025-03-01', outcome: 'training' };
  const problems = (change: object) => {
    const parsed = z.strictObject(cadreFields).safeParse({ ...cadre, ...change });
    return parsed.success ? checkCadreRecord(parsed.data).map((i) => i.message) : parsed.error.issues.map((i) => i.message);
  };

  it('keeps a cadre in training without an outcome date, and one who joined the committees or left with it', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ outcome: 'entered', outcomeOn: '2026-01-10' })).toEqual([]);
    expect(problems({ outcome: 'entered' })).toEqual([V.required]);
    expect(problems({ outcome: 'exited', outcomeOn: null })).toEqual([V.required]);
    expect(problems({ outcomeOn: '2026-01-10' })).toEqual([P.outcomeOnTraining]);
    expect(problems({ outcome: 'exited', outcomeOn: '2025-02-01' })).toEqual([V.dateOrder]);
  });

  it('refuses a cadre under eighteen at the recommendation and a channel not on the list', () => {
    expect(problems({ birthYear: 2008 })).toEqual([P.cadreUnderAge]);
    expect(problems({ birthYear: 2007 })).toEqual([]);
    expect(problems({ channel: 'friends' })).toEqual([V.invalid]);
  });

  it('counts for a year those on the reserve at any time in it', () => {
    const cadres = [
      { recommendedOn: '2024-05-01', outcome: 'training' as const, outcomeOn: null },
      { recommendedOn: '2024-05-01', outcome: 'entered' as const, outcomeOn: '2025-01-01' },
      { recommendedOn: '2023-05-01', outcome: 'exited' as const, outcomeOn: '2024-12-31' },
      { recommendedOn: '2026-01-01', outcome: 'training' as const, outcomeOn: null },
    ];
    expect(reserveCadresInYear(cadres, 2025)).toBe(2);
    expect(reserveCadresInYear(cadres, 2024)).toBe(3);
    expect(reserveCadresInYear(cadres, 2026)).toBe(2);
    expect(reserveCadresInYear(cadres, 2022)).toBe(0);
  });
});
