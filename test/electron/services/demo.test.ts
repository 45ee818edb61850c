// The demo township: a pure, seeded generator (same seed, same township) whose every record is a
// valid create input of its ledger and keeps the rules the database side enforces; a loader that
// writes it through the store (one change per column, and the log rebuilds the same ledgers);
// and demo.load, which refuses a device already set up and leaves it untouched.
import { describe, expect, it } from 'vitest';
import { DEMO_OPTIONS, DEMO_TOWNSHIP, emptyStats, generateTownship, loadVillages, type DemoVillage, type TownshipOptions } from '../../../electron/services/demo/index';
import { OPERATING_FUNDS_FLOOR_FEN } from '../../../electron/services/demo/generate';
import { dayOf, isoOf } from '../../../electron/services/demo/random';
import { idNumberProblem } from '../../../shared/domain/idNumber';
import { createSchema } from '../../../shared/domain/ledgers/define';
import { approverLevelFor, daysInclusive, MONITORING_LIMIT_DAYS, POSTING_MIN_DAYS } from '../../../shared/domain/ledgers/days';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { dumpLedgers } from '../../../db/sync/dump';
import { rebuildLedgers } from '../../../db/sync/rebuild';
import type { Sqlite } from '../../../db/open';
import { APP_START_TIME, expectOk, expectRefused, openTestApp, SECRETARY_SETUP } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const TODAY = '2026-11-27';
const DEMO: TownshipOptions = { ...DEMO_OPTIONS, today: TODAY };
const demoVillages = generateTownship(DEMO);

const fakeId = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Every record of a village as `[noun, create input]`, references as placeholder ids. */
function createInputs(village: DemoVillage): [keyof typeof LEDGER_DEFINITIONS, Record<string, unknown>][] {
  const villageId = fakeId(999_999);
  const rows: [keyof typeof LEDGER_DEFINITIONS, Record<string, unknown>][] = [];
  const push = (noun: keyof typeof LEDGER_DEFINITIONS, fields: object) => rows.push([noun, { villageId, ...fields }]);
  village.secretaries.forEach((r) => push('secretaries', r));
  village.indicators.forEach((r) => push('indicators', r));
  village.households.forEach((r) => push('households', r));
  village.members.forEach((r) => push('members', { ...r.fields, householdId: fakeId(r.household) }));
  village.monitoring.forEach((r) => push('monitoring', { ...r.fields, householdId: fakeId(r.household) }));
  village.visits.forEach((r) => push('visits', { ...r.fields, householdId: fakeId(r.household) }));
  village.needs.forEach((r) => push('needs', { ...r.fields, householdId: fakeId(r.household), visitId: fakeId(100_000 + r.visit) }));
  village.plans.forEach((r) => push('plans', r));
  village.commitments.forEach((r) => push('commitments', r));
  village.projects.forEach((r) => push('projects', r));
  village.funds.forEach((r) => push('funds', { ...r.fields, projectId: fakeId(r.project) }));
  village.diary.forEach((r) => push('diary', r));
  village.leaves.forEach((r) => push('leaves', r));
  village.party.candidates.forEach((c, i) => {
    push('candidates', { ...c.fields, householdId: c.household === null ? null : fakeId(c.household) });
    c.steps.forEach((s) => push('steps', { ...s, candidateId: fakeId(200_000 + i) }));
  });
  village.party.cadres.forEach((c, i) => {
    push('cadres', c.fields);
    c.trainings.forEach((t) => push('trainings', { ...t, cadreId: fakeId(300_000 + i) }));
  });
  return rows;
}

describe('the generator', () => {
  it('is a pure function of its options: the same seed gives the same township, another seed another', () => {
    expect(JSON.stringify(generateTownship(DEMO))).toBe(JSON.stringify(demoVillages));
    expect(JSON.stringify(generateTownship({ ...DEMO, seed: 'other' }))).not.toBe(JSON.stringify(demoVillages));
    // Dated from `today`, not from the machine's clock.
    const later = generateTownship({ ...DEMO, today: '2030-03-01' });
    expect(later[0]!.diary.at(-1)!.entryDate).toBe('2030-03-01');
  });

  it('keeps the demo township, its six villages and their codes, with as many households each as DEMO_OPTIONS says', () => {
    expect(demoVillages.map((v) => v.village)).toEqual(
      DEMO_TOWNSHIP.villages.map((v) => ({ ...v, township: '青石镇', county: '临河县' })),
    );
    for (const v of demoVillages) {
      const [fewest, most] = DEMO_OPTIONS.householdsPerVillage as [number, number];
      expect(v.households.length).toBeGreaterThanOrEqual(fewest);
      expect(v.households.length).toBeLessThanOrEqual(most);
      expect(v.secretaries).toHaveLength(1);
    }
  });

  it('makes every record a valid create input of its ledger, already in canonical form', () => {
    let checked = 0;
    for (const village of demoVillages) {
      for (const [noun, input] of createInputs(village)) {
        const parsed = createSchema(LEDGER_DEFINITIONS[noun] as never).safeParse(input);
        if (!parsed.success) throw new Error(`${noun} ${JSON.stringify(input)}: ${JSON.stringify(parsed.error.issues)}`);
        // What the generator gives is what the schema would have stored (trimmed, no defaults missing).
        const output = parsed.data as Record<string, unknown>;
        for (const [key, value] of Object.entries(input)) expect([noun, key, output[key]]).toEqual([noun, key, value]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('sizes from one village to many townships, with names unique per township and valid codes', () => {
    const one = generateTownship({ ...DEMO, villages: 1, householdsPerVillage: 5, years: 1 });
    expect(one).toHaveLength(1);
    expect(one[0]!.village.name).toBe('李家村');
    expect(one[0]!.households).toHaveLength(5);
    const many = generateTownship({ ...DEMO, villages: 45, householdsPerVillage: 3, years: 1, villagesPerTownship: 20 });
    expect(new Set(many.map((v) => v.village.township)).size).toBe(3);
    expect(new Set(many.map((v) => `${v.village.township}/${v.village.name}`)).size).toBe(45);
    expect(new Set(many.map((v) => v.village.code)).size).toBe(45);
    for (const v of many) expect(v.village.code).toMatch(/^3713\d{8}$/);
  });

  it('gives every person a valid ID number, unique across the township, with a birth date that fits the relation', () => {
    const seen = new Set<string>();
    for (const village of demoVillages) {
      const headBirth = new Map<number, string>();
      for (const m of village.members) if (m.fields.relation === 'head') headBirth.set(m.household, m.fields.idNumber!.slice(6, 14));
      for (const { household, fields } of village.members) {
        const id = fields.idNumber!;
        expect(idNumberProblem(id), id).toBeNull();
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
        expect(id.slice(0, 6)).toBe('371325');
        const birth = id.slice(6, 14);
        const head = headBirth.get(household)!;
        if (fields.relation === 'child' || fields.relation === 'grandchild') expect(birth > head).toBe(true);
        if (fields.relation === 'parent') expect(birth < head).toBe(true);
        expect(birth <= TODAY.replace(/-/g, '')).toBe(true);
      }
    }
  });

  it('has realistic shares of household categories', () => {
    const all = demoVillages.flatMap((v) => v.households);
    const share = (c: string) => all.filter((h) => h.category === c).length / all.length;
    expect(share('ordinary')).toBeGreaterThan(0.65);
    expect(share('lifted')).toBeGreaterThan(0.07);
    for (const c of ['monitored', 'dibao', 'tekun']) expect(share(c)).toBeLessThan(0.08);
    expect(share('monitored') + share('dibao') + share('tekun')).toBeGreaterThan(0);
  });

  it('visits every household every few months over the two years, dated no later than today', () => {
    for (const village of demoVillages) {
      const byHousehold = new Map<number, string[]>();
      for (const v of village.visits) byHousehold.set(v.household, [...(byHousehold.get(v.household) ?? []), v.fields.visitDate]);
      expect(byHousehold.size).toBe(village.households.length);
      for (const dates of byHousehold.values()) {
        expect(dates.length).toBeGreaterThanOrEqual(4);
        expect(dates.at(-1)! <= TODAY).toBe(true);
        expect(dates.at(-1)! >= isoOf(dayOf(TODAY) - 151)).toBe(true);
      }
      expect(village.visits.filter((v) => v.fields.confirmed).length / village.visits.length).toBeGreaterThan(0.8);
    }
  });

  it('raises needs from visits, closed with a date when done, and leaves some open past their due date', () => {
    const needs = demoVillages.flatMap((v) => v.needs.map((n) => ({ ...n, visitDate: v.visits[n.visit]!.fields.visitDate, visitHousehold: v.visits[n.visit]!.household })));
    expect(needs.length).toBeGreaterThan(100);
    for (const n of needs) {
      expect(n.household).toBe(n.visitHousehold);
      expect(n.fields.dueDate! >= n.visitDate).toBe(true);
      if (n.fields.status === 'done') expect(n.fields.closedOn! >= n.visitDate && n.fields.closedOn! <= TODAY).toBe(true);
    }
    const overdue = needs.filter((n) => n.fields.status !== 'done' && n.fields.dueDate! < TODAY);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / needs.length).toBeLessThan(0.25);
    expect(new Set(needs.map((n) => n.fields.category)).size).toBe(8);
  });

  it('keeps one diary entry a day for most days, mostly in the village, with leave matching its approver level', () => {
    for (const village of demoVillages) {
      const dates = village.diary.map((d) => d.entryDate);
      expect(new Set(dates).size).toBe(dates.length);
      const termDays = daysInclusive(village.secretaries[0]!.termStart, TODAY);
      expect(dates.length / termDays).toBeGreaterThan(0.9);
      const inVillage = new Map<string, number>();
      for (const d of village.diary) if (d.presence === 'in_village') inVillage.set(d.entryDate.slice(0, 7), (inVillage.get(d.entryDate.slice(0, 7)) ?? 0) + 1);
      const fullMonths = [...inVillage.entries()].filter(([month]) => month > village.secretaries[0]!.termStart.slice(0, 7) && month < TODAY.slice(0, 7));
      const enough = fullMonths.filter(([, n]) => n >= 20).length;
      expect(enough / fullMonths.length).toBeGreaterThanOrEqual(0.85);

      const onLeave = new Set(village.diary.filter((d) => d.presence === 'leave').map((d) => d.entryDate));
      let approvedDays = 0;
      for (const leave of village.leaves) {
        const days = daysInclusive(leave.startDate, leave.endDate);
        expect(leave.days).toBe(days);
        expect(leave.approverLevel).toBe(approverLevelFor(days));
        if (leave.status === 'approved') {
          for (let d = dayOf(leave.startDate); d <= dayOf(leave.endDate) && isoOf(d) <= TODAY; d++) {
            expect(onLeave.has(isoOf(d))).toBe(true);
            approvedDays++;
          }
        }
        if (leave.status === 'pending') expect(leave.startDate > TODAY).toBe(true);
      }
      expect(onLeave.size).toBe(approvedDays);
    }
    const levels = new Set(demoVillages.flatMap((v) => v.leaves.map((l) => l.approverLevel)));
    expect(levels).toEqual(new Set(['township', 'county']));
  });

  it('runs the monitoring procedure in order: posting at least 5 days, home check to county decision within 15', () => {
    const all = demoVillages.flatMap((v) => v.monitoring);
    expect(all.length).toBeGreaterThan(0);
    for (const { fields: m } of all) {
      const order = [m.homeCheckDate!, m.postingStart!, m.postingEnd!, m.townshipReviewDate!, m.countyDecisionDate!];
      expect([...order].sort()).toEqual(order);
      expect(daysInclusive(m.postingStart!, m.postingEnd!)).toBeGreaterThanOrEqual(POSTING_MIN_DAYS);
      expect(daysInclusive(m.homeCheckDate!, m.countyDecisionDate!)).toBeLessThanOrEqual(MONITORING_LIMIT_DAYS);
      if (m.riskCleared) expect(m.clearedDate! > m.countyDecisionDate! && m.clearedDate! <= TODAY).toBe(true);
    }
  });

  it('plans every duty each year, and gives most villages their operating funds, a few not', () => {
    for (const village of demoVillages) {
      for (const year of [2024, 2025, 2026]) {
        expect(new Set(village.plans.filter((p) => p.year === year).map((p) => p.duty)).size).toBe(5);
      }
      expect(village.indicators.map((i) => i.year)).toEqual([2024, 2025, 2026]);
      expect(village.commitments.length).toBeGreaterThan(0);
    }
    const funds = demoVillages.flatMap((v) => v.indicators.map((i) => i.operatingFundsFen!));
    const under = funds.filter((f) => f < OPERATING_FUNDS_FLOOR_FEN).length;
    expect(under).toBeGreaterThan(0);
    expect(under / funds.length).toBeLessThan(0.3);
  });

  it('funds projects before spending: money in integer fen, never more spent than received', () => {
    for (const village of demoVillages) {
      const kinds = new Set(village.projects.map((p) => p.kind));
      expect(kinds.size).toBeGreaterThan(1);
      const balance = new Map<number, number>();
      for (const [p] of village.projects.entries()) {
        const dates = village.funds.filter((f) => f.project === p).map((f) => f.fields.entryDate);
        expect(dates).toEqual([...dates].sort()); // each project's entries are written in date order
      }
      for (const { project, fields } of village.funds) {
        expect(Number.isInteger(fields.amountFen)).toBe(true);
        const next = (balance.get(project) ?? 0) + (fields.direction === 'in' ? fields.amountFen : -fields.amountFen);
        expect(next).toBeGreaterThanOrEqual(0);
        balance.set(project, next);
        expect(fields.entryDate >= village.projects[project]!.startDate!).toBe(true);
      }
      for (const [p, project] of village.projects.entries()) {
        const received = village.funds.filter((f) => f.project === p && f.fields.direction === 'in').reduce((s, f) => s + f.fields.amountFen, 0);
        expect(received).toBeLessThanOrEqual(project.budgetFen);
        if (project.status === 'reserve') expect(received).toBe(0);
      }
    }
    const kinds = new Set(demoVillages.flatMap((v) => v.projects.map((p) => p.kind)));
    expect(kinds.size).toBe(5);
  });
});

function count(sqlite: Sqlite, sql: string, ...params: unknown[]): number {
  return sqlite.prepare(sql).pluck().get(...params) as number;
}

describe('loading through the store', () => {
  it('writes one change per column written, keeps the database-side rules, and the log rebuilds the same ledgers', async () => {
    const app = await openTestApp(tempDir());
    try {
      const sqlite = app.context.db.sqlite;
      const stats = emptyStats();
      const villages = generateTownship({ ...DEMO, villages: 3, householdsPerVillage: [30, 40] });
      const ids = loadVillages(app.context.store, villages, stats);
      expect(ids).toHaveLength(3);
      expect(count(sqlite, 'SELECT count(*) FROM changes')).toBe(stats.changes);
      const columnsWritten = villages.reduce((n, v) => n + createInputs(v).reduce((m, [, input]) => m + Object.keys(input).length - 1, 0) + 4, 0);
      expect(stats.changes).toBe(columnsWritten);
      for (const [table, rows] of Object.entries(stats.rowsByTable)) expect([table, count(sqlite, `SELECT count(*) FROM "${table}"`)]).toEqual([table, rows]);
      expect(count(sqlite, 'SELECT count(DISTINCT row_id) FROM changes')).toBe(stats.rows);

      // ID numbers valid and unique.
      const idNumbers = sqlite.prepare('SELECT id_number FROM household_members').pluck().all() as string[];
      expect(new Set(idNumbers).size).toBe(idNumbers.length);
      for (const id of idNumbers) expect(idNumberProblem(id)).toBeNull();
      // One diary entry per village per day.
      expect(count(sqlite, 'SELECT count(*) FROM (SELECT 1 FROM diary_entries GROUP BY village_id, entry_date HAVING count(*) > 1)')).toBe(0);
      // References stay within the village.
      for (const [table, column, target] of [
        ['household_members', 'household_id', 'households'],
        ['visits', 'household_id', 'households'],
        ['needs', 'household_id', 'households'],
        ['needs', 'visit_id', 'visits'],
        ['monitored_households', 'household_id', 'households'],
        ['fund_entries', 'project_id', 'projects'],
      ] as const) {
        const stray = count(sqlite, `SELECT count(*) FROM "${table}" AS t LEFT JOIN "${target}" AS r ON r.id = t."${column}" AND r.village_id = t.village_id WHERE r.id IS NULL`);
        expect([table, column, stray]).toEqual([table, column, 0]);
      }
      // Never overspent: in the order the entries were written (the soft rule's view), and by date.
      const written = '(SELECT min(c.id) FROM changes AS c WHERE c.row_id = e.id)';
      for (const order of [written, `e.entry_date, ${written}`]) {
        const rows = sqlite.prepare(`SELECT project_id, direction, amount_fen FROM fund_entries AS e ORDER BY ${order}`).all() as { project_id: string; direction: string; amount_fen: number }[];
        const balance = new Map<string, number>();
        for (const r of rows) {
          balance.set(r.project_id, (balance.get(r.project_id) ?? 0) + (r.direction === 'in' ? r.amount_fen : -r.amount_fen));
          expect(balance.get(r.project_id)!).toBeGreaterThanOrEqual(0);
        }
      }
      // Leave approver levels and monitoring dates, as stored.
      expect(count(sqlite, `SELECT count(*) FROM leave_requests WHERE approver_level != CASE WHEN days <= 3 THEN 'township' ELSE 'county' END`)).toBe(0);
      expect(count(sqlite, `SELECT count(*) FROM monitored_households WHERE NOT (home_check_date <= posting_start AND posting_start <= posting_end
          AND posting_end <= township_review_date AND township_review_date <= county_decision_date)`)).toBe(0);

      const live = dumpLedgers(sqlite);
      expect(rebuildLedgers(sqlite).changes).toBe(stats.changes);
      expect(dumpLedgers(sqlite)).toBe(live);
    } finally {
      app.close();
    }
  });
});

describe('demo.load', () => {
  it('sets up a demo coordinator over the six villages of 青石镇, with their ledgers, in a few seconds', async () => {
    const app = await openTestApp(tempDir());
    try {
      const started = performance.now();
      const profile = await expectOk(app, 'demo.load');
      const ms = performance.now() - started;
      const sqlite = app.context.db.sqlite;
      console.log(`demo.load: ${ms.toFixed(0)} ms, ${count(sqlite, 'SELECT count(*) FROM changes')} changes, ${count(sqlite, 'SELECT count(*) FROM households')} households`);
      expect(profile).toMatchObject({ role: 'coordinator', demo: true, township: '青石镇', county: '临河县' });
      expect(profile.villageIds).toHaveLength(6);
      const villages = await expectOk(app, 'villages.list');
      expect(villages.items.map((v) => v.name).sort()).toEqual(DEMO_TOWNSHIP.villages.map((v) => v.name).sort());
      const households = await expectOk(app, 'households.list', { limit: 1 });
      expect(households.total).toBe(demoVillages.reduce((n, v) => n + v.households.length, 0));
      const overdue = await expectOk(app, 'needs.list', { overdue: true });
      expect(overdue.total).toBeGreaterThan(0);
      // Dated from the app's clock.
      const diary = await expectOk(app, 'diary.list', { limit: 1 });
      expect(diary.items[0]!.entryDate).toBe(isoOf(dayOf(new Date(APP_START_TIME + 8 * 3_600_000).toISOString().slice(0, 10))));
      // Stays consistent with the log.
      const live = dumpLedgers(sqlite);
      rebuildLedgers(sqlite);
      expect(dumpLedgers(sqlite)).toBe(live);
    } finally {
      app.close();
    }
  });

  it('refuses a device already set up, as a secretary or by an earlier demo, and changes nothing', async () => {
    for (const first of ['setup', 'demo'] as const) {
      const app = await openTestApp(tempDir());
      try {
        if (first === 'setup') await expectOk(app, 'device.setup', SECRETARY_SETUP);
        else await expectOk(app, 'demo.load');
        const before = app.snapshot();
        expect((await expectRefused(app, 'demo.load')).code).toBe('ALREADY_SET_UP');
        expect((await expectRefused(app, 'demo.load', {})).code).toBe('ALREADY_SET_UP');
        expect(app.snapshot()).toBe(before);
      } finally {
        app.close();
      }
    }
  });
});
