// Every dashboard figure equals an independent count (./independentCount: plain TypeScript over
// the ledgers read whole) on a generated township that lives: rows deleted through the contract,
// a true conflict unresolved and then resolved, changes held at import (a village not trusted,
// a clock too far ahead) and released, other townships in the same database, a village with no
// indicators. Each step is checked for several periods — a month running past today, one ending
// the day before, a past quarter, last year, this year, the whole term, and a time before anything.
// The steps run in order on one world (./world), each building on the last.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoVillage } from '../../../electron/services/demo/index';
import { V } from '../../../shared/domain/validation';
import { independentCount, readLedgers } from './independentCount';
import {
  carry, coordinatorOf, DAY, DISTRICT, GENERATED, HOUR, keepGenerated, openDevice, QINGSHI, SECOND_TOWNSHIP, SECRETARY,
  secretaryRecords, THIRD_TOWNSHIP, TODAY, trust, type Device,
} from './world';

const PERIODS = [
  { label: 'this month, running past today', from: '2026-11-01', to: '2026-11-30' },
  { label: 'this month up to yesterday', from: '2026-11-01', to: '2026-11-26' },
  { label: 'a past quarter', from: '2026-07-01', to: '2026-09-30' },
  { label: 'last year', from: '2025-01-01', to: '2025-12-31' },
  { label: 'this year, running past today', from: '2026-01-01', to: '2026-12-31' },
  { label: 'the whole term', from: '2024-11-28', to: TODAY },
  { label: 'a time before anything', from: '2020-01-01', to: '2020-03-31' },
] as const;
const MONTH = { from: '2026-11-01', to: '2026-11-30' };
const TERM = { from: '2024-11-28', to: '2026-11-30' };

const chinaDayOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

/** Every dashboard of `device`, for every period, against the independent count of its ledgers. */
async function expectFiguresAgree(device: Device): Promise<void> {
  const ledgers = readLedgers(device.context.db.sqlite);
  const status = await device.api.device.status();
  if (!status.setUp) throw new Error('device not set up');
  const { profile } = status;
  // Scope, as the README states it: a coordinator's township, a district's townships.
  const townships = profile.townships ?? [profile.township];
  const scoped = ledgers.villages.filter((v) => v.deleted_at === null && (townships.includes(v.township as string) || profile.villageIds.includes(v.id as string)));
  const scope = scoped.map((v) => v.id as string);
  const { presenceThreshold } = await device.api.settings.get();
  const today = chinaDayOf(device.now());
  for (const { label, from, to } of PERIODS) {
    const period = { from, to, today };
    const where = `${label}, on the ${profile.role}'s device`;
    const whole = independentCount(ledgers, scope, period);
    expect(await device.api.dashboard.village({ from, to }), `all villages: ${where}`).toEqual(whole.village(presenceThreshold));
    for (const villageId of scope) {
      expect(await device.api.dashboard.village({ from, to, villageId }), `village ${villageId}: ${where}`).toEqual(independentCount(ledgers, [villageId], period).village(presenceThreshold));
    }
    for (const township of new Set(scoped.map((v) => v.township as string))) {
      const ids = scoped.filter((v) => v.township === township).map((v) => v.id as string);
      const expected = independentCount(ledgers, ids, period).township(township, presenceThreshold);
      expect(await device.api.dashboard.township({ from, to, township }), `township ${township}: ${where}`).toEqual(expected);
      if (township === profile.township) expect(await device.api.dashboard.township({ from, to }), `own township: ${where}`).toEqual(expected);
    }
    expect(await device.api.dashboard.district({ from, to }), `district: ${where}`).toEqual(whole.district(presenceThreshold));
  }
}

let root: string;
let folder: string;
let c: Device;
let s: Device;
let recorded: Awaited<ReturnType<typeof secretaryRecords>>;
const opened: Device[] = [];
const dir = () => mkdtempSync(join(root, 'device-'));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cunji-dashboard-figures-'));
  folder = dir();
  c = await openDevice(dir(), coordinatorOf(QINGSHI, '赵镇'));
  s = await openDevice(dir(), SECRETARY);
  opened.push(c, s);
  // 青石镇's six villages, and two of a third township kept in the same database.
  keepGenerated(c, [...GENERATED.slice(0, 6), ...GENERATED.slice(12, 14)]);
  recorded = await secretaryRecords(s);
  await trust(c, s);
  await trust(s, c);
  const receipt = await carry(s, c, folder);
  expect(receipt.status).toBe('imported');
  expect(receipt.setAside.OUT_OF_SCOPE).toBeGreaterThan(0);
}, 120_000);

afterAll(() => {
  for (const device of opened) device.close();
  rmSync(root, { recursive: true, force: true });
});

/** A generated village's id on a device (names are unique within a township only). */
const villageOf = (device: Device, generated: DemoVillage) =>
  device.context.db.sqlite
    .prepare('SELECT id FROM villages WHERE name = ? AND township = ? AND deleted_at IS NULL')
    .pluck()
    .get(generated.village.name, generated.village.township) as string;

describe('the dashboards of a township, counted twice', () => {
  it('count 青石镇\'s seven villages, and nothing of the third township or of the village held at import', async () => {
    const names = (await c.api.dashboard.village(MONTH)).villages.map((v) => v.name);
    expect([...names].sort()).toEqual([...GENERATED.slice(0, 6).map((v) => v.village.name), '东岭村'].sort());
    expect((await c.api.dashboard.district(MONTH)).rows.map((r) => [r.township, r.villages])).toEqual([[QINGSHI, 7]]);
    // The other township's villages are in this database, and its rows with them: never counted.
    const third = villageOf(c, GENERATED[12]!);
    expect(c.context.db.sqlite.prepare('SELECT count(*) FROM households WHERE village_id = ?').pluck().get(third)).toBeGreaterThan(0);
    const refused = await c.dispatch('dashboard.township', { ...MONTH, township: THIRD_TOWNSHIP });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['township'], message: V.townshipOutOfScope }] } });
    expect(await c.dispatch('dashboard.village', { ...MONTH, villageId: third })).toMatchObject({ ok: false, error: { issues: [{ path: ['villageId'], message: V.villageOutOfScope }] } });
    // 外村 is of 青石镇 by name: had its held changes landed, the township would count it.
    expect(c.context.db.sqlite.prepare('SELECT count(*) FROM villages WHERE id = ?').pluck().get(recorded.stray)).toBe(0);
    await expectFiguresAgree(c);
  });

  it('give every measure something to count, and name the village with no indicators instead of counting it as 0', async () => {
    const seen = new Set<string>();
    for (const period of PERIODS) {
      const { totals } = await c.api.dashboard.township({ from: period.from, to: period.to });
      for (const [key, value] of Object.entries(totals)) if (typeof value === 'number' && value > 0) seen.add(key);
    }
    expect([...seen].sort()).toEqual(Object.keys((await c.api.dashboard.township(MONTH)).totals).sort());

    const township = await c.api.dashboard.township(TERM);
    const reserve = township.headline.find((h) => h.key === 'reserveCadres')!;
    expect(reserve).toMatchObject({ basis: 'partial', missingVillages: ['东岭村'] });
    expect(reserve.value).toBeGreaterThan(0);
    const own = await c.api.dashboard.village({ ...TERM, villageId: recorded.villageId });
    for (const key of ['reserveCadres', 'venuesRebuilt'] as const) {
      expect(own.headline.find((h) => h.key === key)).toEqual({ key, value: null, moneyFen: null, basis: 'unanswered', missingVillages: ['东岭村'] });
    }
    expect(own.indicatorsByYear).toEqual([]);
    const generated = await c.api.dashboard.village({ ...TERM, villageId: villageOf(c, GENERATED[0]!) });
    expect(generated.headline.find((h) => h.key === 'reserveCadres')!.basis).toBe('reported');
  });

  it('count a need raised without a visit on the China day it was recorded, not the UTC one', async () => {
    const villageId = recorded.villageId;
    const raised = async (from: string, to: string) => (await c.api.dashboard.village({ from, to, villageId })).totals.needsRaised;
    // The disputed need's visit was on 3 November; the unvisited need was recorded at 00:30 on the 27th, China time.
    expect(await raised('2026-11-01', '2026-11-26')).toBe(1);
    expect(await raised('2026-11-27', '2026-11-27')).toBe(1);
    expect(await raised('2026-10-01', '2026-10-31')).toBe(2);
  });

  it('count a need closed before its visit\'s day as raised by the day it was closed', async () => {
    const villageId = recorded.villageId;
    const raised = async (from: string, to: string) => (await c.api.dashboard.village({ from, to, villageId })).totals.needsRaised;
    // Both of 钱多多's needs came from the visit of 15 October; one was closed on the 10th.
    expect(await raised('2026-10-11', '2026-10-31')).toBe(1);
    expect(await raised('2026-10-01', '2026-10-10')).toBe(1);
  });
});

/** One row's id by SQL over the coordinator's ledgers (the test picks what to delete). */
const pickOne = (sql: string, ...params: unknown[]) => c.context.db.sqlite.prepare(sql).pluck().get(...params) as string | undefined;
const countOf = (sql: string, ...params: unknown[]) => c.context.db.sqlite.prepare(sql).pluck().get(...params) as number;

describe('what the dashboards stop counting', () => {
  it('rows deleted through the contract, and the visits, needs and monitoring of a deleted household, and money of a deleted project', async () => {
    const wangzhuang = villageOf(c, GENERATED[1]!); // 王庄村 has needs still open
    // A household with visits, an open need and a monitoring record: only its members go with it.
    const household = pickOne(`SELECT n.household_id FROM needs n JOIN households h ON h.id = n.household_id
      WHERE n.village_id = ? AND n.status != 'done' ORDER BY h.head_name, n.due_date LIMIT 1`, wangzhuang)!;
    expect(household).toEqual(expect.any(String));
    await c.api.monitoring.create({ villageId: wangzhuang, householdId: household, monitorType: 'unstable', riskTypes: ['illness'], homeCheckDate: '2026-11-20' });
    const termVisits = countOf('SELECT count(*) FROM visits WHERE household_id = ? AND deleted_at IS NULL AND visit_date BETWEEN ? AND ?', household, TERM.from, TERM.to);
    const project = pickOne(`SELECT project_id FROM fund_entries WHERE village_id = ? AND direction = 'in' GROUP BY project_id ORDER BY project_id LIMIT 1`, wangzhuang)!;
    const projectIn = countOf(`SELECT sum(amount_fen) FROM fund_entries WHERE project_id = ? AND direction = 'in'`, project);
    // A need raised on a 2025 visit to a neighbour, still open: once the visit goes, it counts from the day it was recorded.
    const neighbour = pickOne('SELECT id FROM households WHERE village_id = ? AND id != ? AND deleted_at IS NULL ORDER BY head_name LIMIT 1', wangzhuang, household)!;
    const raisingVisit = (await c.api.visits.create({ villageId: wangzhuang, householdId: neighbour, visitDate: '2025-06-10', mode: 'home', situation: '了解灌溉用水' })).id;
    await c.api.needs.create({ villageId: wangzhuang, householdId: neighbour, visitId: raisingVisit, category: 'water', content: '修缮灌溉渠', status: 'in_progress' });
    const raisedIn = async (from: string, to: string) => (await c.api.dashboard.village({ from, to, villageId: wangzhuang })).totals.needsRaised;
    const beforeRaised = [await raisedIn('2025-06-10', '2025-06-10'), await raisedIn(TODAY, TODAY)];
    const before = await c.api.dashboard.village(TERM);
    const beforeMonth = await c.api.dashboard.village(MONTH);
    const monthEntry = pickOne(`SELECT id FROM diary_entries WHERE village_id = ? AND presence = 'in_village' AND entry_date >= '2026-11-01' ORDER BY entry_date LIMIT 1`, wangzhuang)!;

    await c.api.households.delete({ id: household });
    await c.api.projects.delete({ id: project });
    await c.api.visits.delete({ id: raisingVisit });
    await c.api.diary.delete({ id: monthEntry });
    // One row of each other ledger, in another village (石桥村).
    const shiqiao = villageOf(c, GENERATED[3]!);
    for (const [noun, table] of [['needs', 'needs'], ['plans', 'plans'], ['commitments', 'commitments'], ['leaves', 'leave_requests'], ['indicators', 'village_indicators'], ['monitoring', 'monitored_households']] as const) {
      const id = pickOne(`SELECT id FROM ${table} WHERE village_id = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`, shiqiao);
      if (id) await c.api[noun].delete({ id });
    }
    const gone = villageOf(c, GENERATED[5]!);
    await c.api.villages.delete({ id: gone });
    // The household's visits, needs and monitoring are still there, live: it is the parent that went.
    expect(countOf('SELECT count(*) FROM visits WHERE household_id = ? AND deleted_at IS NULL', household)).toBeGreaterThan(0);
    expect(countOf('SELECT count(*) FROM needs WHERE household_id = ? AND deleted_at IS NULL', household)).toBeGreaterThan(0);

    const after = await c.api.dashboard.village(TERM);
    expect(after.villages.map((v) => v.id)).not.toContain(gone);
    const row = (d: typeof before, id: string) => d.rows.find((r) => r.villageId === id)!;
    // Its visits go with it, and the one visit deleted by itself.
    expect(row(after, wangzhuang).households).toBe(row(before, wangzhuang).households - 1);
    expect(row(after, wangzhuang).visits).toBe(row(before, wangzhuang).visits - termVisits - 1);
    expect(after.monitoring.map((m) => m.household)).not.toContain(pickOne('SELECT head_name FROM households WHERE id = ?', household));
    expect(row(after, wangzhuang).projects).toBe(row(before, wangzhuang).projects - 1);
    expect(row(after, wangzhuang).receivedFen).toBeLessThanOrEqual(row(before, wangzhuang).receivedFen - projectIn);
    expect(after.totals.households).toBe(before.totals.households - 1 - row(before, gone).households);
    expect([await raisedIn('2025-06-10', '2025-06-10'), await raisedIn(TODAY, TODAY)]).toEqual([beforeRaised[0]! - 1, beforeRaised[1]! + 1]);
    const month = await c.api.dashboard.village(MONTH);
    expect(row(month, wangzhuang).presenceMonthDays).toBe(row(beforeMonth, wangzhuang).presenceMonthDays - 1);
    await expectFiguresAgree(c);
  });
});

describe('what two devices did at once', () => {
  it('a true conflict on a need\'s status counts as the ledger shows it, unresolved and then resolved the other way', async () => {
    const villageId = recorded.villageId;
    c.advance(HOUR);
    s.advance(HOUR);
    await c.api.needs.update({ id: recorded.disputed, patch: { status: 'in_progress' } });
    await s.api.needs.update({ id: recorded.disputed, patch: { status: 'done', closedOn: TODAY, outcome: '已修通' } });
    // The coordinator deletes the secretary's project while she records money spent on it.
    await c.api.projects.delete({ id: recorded.project });
    await s.api.funds.create({ villageId, projectId: recorded.project, direction: 'out', purpose: '安装', amountFen: 5_000_000, entryDate: '2026-11-20' });
    const receipt = await carry(s, c, folder);
    expect(receipt.conflictsCreated).toBeGreaterThan(0);
    const conflict = (await c.api.conflicts.list()).items.find((i) => i.rowId === recorded.disputed && i.col === 'status')!;
    expect(conflict.heads.map((h) => h.value).sort()).toEqual(['done', 'in_progress']);
    expect(countOf('SELECT count(*) FROM fund_entries WHERE project_id = ? AND deleted_at IS NULL', recorded.project)).toBe(1);

    const solved = async () => (await c.api.dashboard.village({ ...MONTH, villageId })).totals;
    const shown = conflict.heads.find((h) => h.shown)!.value;
    const unresolved = await solved();
    expect(unresolved.needsSolved).toBe(shown === 'done' ? 1 : 0);
    expect([unresolved.projects, unresolved.receivedFen, unresolved.spentFen]).toEqual([0, 0, 0]);
    await expectFiguresAgree(c);

    await c.api.conflicts.resolve({ tbl: 'needs', rowId: recorded.disputed, col: 'status', value: shown === 'done' ? 'in_progress' : 'done' });
    expect((await c.api.conflicts.list()).items.filter((i) => i.rowId === recorded.disputed)).toEqual([]);
    const resolved = await solved();
    expect([resolved.needsSolved, resolved.needsOpen, resolved.needsOverdue]).toEqual([
      1 - unresolved.needsSolved,
      unresolved.needsOpen + (shown === 'done' ? 1 : -1),
      unresolved.needsOverdue + (shown === 'done' ? 1 : -1),
    ]);
    await expectFiguresAgree(c);
  });

  it('two entries of one village\'s year, as two devices each make one: the later counts, once', async () => {
    const villageId = villageOf(c, GENERATED[2]!);
    const year = { from: '2026-01-01', to: '2026-12-31', villageId };
    const figure = async (key: string) => (await c.api.dashboard.village(year)).headline.find((h) => h.key === key)!.value;
    const before = await c.api.dashboard.village(year);
    c.advance(HOUR);
    const reserve = await figure('reserveCadres');
    await c.api.indicators.create({ villageId, year: 2026, venueStatus: 'rebuilt', operatingFundsFen: 100 });
    // The village keeps reserve cadres: their count stands (a typed one is refused).
    expect(reserve).toBeGreaterThan(0);
    expect(await figure('reserveCadres')).toBe(reserve);
    expect(await figure('venuesRebuilt')).toBe(1);
    const after = await c.api.dashboard.village(year);
    expect(after.indicatorsByYear.map((y) => [y.year, y.villages])).toEqual(before.indicatorsByYear.map((y) => [y.year, y.villages]));
    expect(after.indicatorsByYear.at(-1)!.belowFundsLine).toBe(1);
    await expectFiguresAgree(c);
  });

  it('a diary day after the reference day, from a clock some hours ahead, counts only once that day comes', async () => {
    const villageId = recorded.villageId;
    const presence = async () => (await c.api.dashboard.village({ ...MONTH, villageId })).totals.presenceMonthDays;
    const before = await presence();
    s.advance(23 * HOUR); // past midnight in China on her side, less than a day ahead of the coordinator
    await s.api.diary.create({ villageId, entryDate: '2026-11-28', presence: 'in_village', content: '走访群众' });
    const receipt = await carry(s, c, folder);
    expect(receipt.setAside).toEqual({});
    expect(c.context.db.sqlite.prepare("SELECT count(*) FROM diary_entries WHERE entry_date = '2026-11-28'").pluck().get()).toBe(1);
    expect(await presence()).toBe(before);
    await expectFiguresAgree(c);
  });

  it('changes held for a clock too far ahead count only once released', async () => {
    const villageId = recorded.villageId;
    s.advance(2 * DAY);
    await s.api.visits.create({ villageId, householdId: recorded.qian, visitDate: '2026-11-28', mode: 'phone', situation: '电话回访' });
    const before = await c.api.dashboard.village({ ...MONTH, villageId });
    const { file } = await s.api.sync.exportFile({ path: folder, full: true });
    const held = (await c.api.sync.importFiles({ paths: [file!] })).receipts[0]!.setAside.FUTURE_CLOCK ?? 0;
    expect(held).toBeGreaterThan(0);
    expect(await c.api.dashboard.village({ ...MONTH, villageId })).toEqual(before);
    await expectFiguresAgree(c);

    c.advance(2 * DAY);
    expect((await c.api.sync.importFiles({ paths: [file!] })).released).toBe(held);
    const after = await c.api.dashboard.village({ ...MONTH, villageId });
    expect(after.referenceDay).toBe('2026-11-29');
    expect(after.totals.visits).toBe(before.totals.visits + 1);
    expect(after.totals.presenceMonthDays).toBe(before.totals.presenceMonthDays + 1); // the 28th has come
    // The clock of 孙小满's home check (5 November) ran out long ago; 钱多多's (12 November) ran out on the 28th.
    expect(before.monitoring.map((m) => [m.household, m.daysLeft])).toEqual([['孙小满', -7], ['钱多多', 0]]);
    expect(after.monitoring.map((m) => [m.household, m.daysLeft])).toEqual([['孙小满', -9], ['钱多多', -2]]);
    expect([before.totals.monitoringOverdue, after.totals.monitoringOverdue]).toEqual([1, 2]);
    await expectFiguresAgree(c);
  });
});

describe('a district', () => {
  it('keeps 青石镇 and a second township side by side, the same figures as the coordinator\'s, and nothing of a third', async () => {
    const second = await openDevice(dir(), coordinatorOf(SECOND_TOWNSHIP, '钱进'), c.now());
    const district = await openDevice(dir(), DISTRICT, c.now());
    opened.push(second, district);
    keepGenerated(second, GENERATED.slice(6, 12));
    keepGenerated(district, [GENERATED[14]!]); // a third township's village in the district's own database
    await trust(district, c);
    await trust(district, second);
    const fromCoordinator = await carry(c, district, folder);
    expect(fromCoordinator.status).toBe('imported');
    // The coordinator's rows of the third township, and the secretary's 外村: held, as at the coordinator.
    expect(fromCoordinator.setAside.OUT_OF_SCOPE).toBeGreaterThan(0);
    expect((await carry(second, district, folder)).status).toBe('imported');

    const overview = await district.api.dashboard.district(MONTH);
    expect(overview.rows.map((r) => [r.township, r.villages])).toEqual([[QINGSHI, 6], [SECOND_TOWNSHIP, 6]].sort(([a], [b]) => (a! < b! ? -1 : 1)));
    expect((await district.dispatch('dashboard.township', { ...MONTH, township: THIRD_TOWNSHIP })).ok).toBe(false);
    for (const { from, to } of PERIODS) {
      expect(await district.api.dashboard.township({ from, to, township: QINGSHI }), `${from}…${to}`).toEqual(await c.api.dashboard.township({ from, to }));
    }
    await expectFiguresAgree(district);
  }, 180_000);
});
