// An independent count of every dashboard figure: plain TypeScript over the ledgers read whole
// (`SELECT *` of each table), written from the rules shared/domain/dashboard.ts states — none of
// db/dashboard's SQL or constants — so a figure both agree on has been worked out twice.
import type { Sqlite } from '../../../db/open';
import { PROJECT_STAGES, type HeadlineFigure, type Measures, type TownshipRow, type VillageDashboard, type VillageRow } from '../../../shared/domain/dashboard';
import { MIN_OPERATING_FUNDS_FEN } from '../../../shared/domain/ledgers/work';
import { DEFAULT_DUTIES } from '../../../shared/domain/settings';
import { reserveCadresInYear, type CadreSpan } from '../../../shared/domain/party/villageChecks';

/** A ledger row as SQLite gives it. */
type Row = Record<string, string | number | null>;

const TABLES = [
  'villages', 'secretaries', 'households', 'visits', 'needs', 'plans', 'projects', 'fund_entries', 'commitments',
  'diary_entries', 'leave_requests', 'monitored_households', 'village_indicators', 'reserve_cadres',
] as const;
export type Ledgers = Record<(typeof TABLES)[number], Row[]>;

export function readLedgers(sqlite: Sqlite): Ledgers {
  return Object.fromEntries(TABLES.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}"`).all() as Row[]])) as Ledgers;
}

export interface Period {
  readonly from: string;
  readonly to: string;
  /** The app's China calendar day. */
  readonly today: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** The China calendar day (UTC+8) of an instant. */
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const isLive = (r: Row | undefined): r is Row => r !== undefined && r.deleted_at === null;
const between = (day: unknown, from: string, to: string) => typeof day === 'string' && from <= day && day <= to;
/** SQLite's BINARY order, NULL first, for the ORDER BY the dashboards promise. */
const binary = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** The ledgers of a scope, with the rules that follow a row to its parent. */
export function independentCount(ledgers: Ledgers, villageIds: readonly string[], period: Period) {
  const refDay = period.to < period.today ? period.to : period.today;
  const monthStart = `${refDay.slice(0, 7)}-01`;
  const yearStart = `${refDay.slice(0, 4)}-01-01`;
  const fromYear = Number(period.from.slice(0, 4));
  const toYear = Number(period.to.slice(0, 4));
  const inYears = (year: unknown) => typeof year === 'number' && fromYear <= year && year <= toYear;

  const byId = (rows: Row[]) => new Map(rows.map((r) => [r.id as string, r]));
  const households = byId(ledgers.households);
  const visitsById = byId(ledgers.visits);
  const projects = byId(ledgers.projects);
  // The villages counted: live ones of the scope, in the order township, name, id.
  const villages = ledgers.villages
    .filter((v) => isLive(v) && villageIds.includes(v.id as string))
    .sort((a, b) => binary(str(a.township), str(b.township)) || binary(str(a.name), str(b.name)) || binary(str(a.id), str(b.id)));
  const scope = new Set(villages.map((v) => v.id as string));
  const villageName = (id: string) => str(villages.find((v) => v.id === id)?.name) ?? '';
  const of = (rows: Row[]) => rows.filter((r) => isLive(r) && scope.has(r.village_id as string));
  const cadresOf = (villageId: string): CadreSpan[] =>
    ledgers.reserve_cadres.filter((c) => isLive(c) && c.village_id === villageId).map((c) => ({ recommendedOn: c.recommended_on as string, outcome: c.outcome as CadreSpan['outcome'], outcomeOn: str(c.outcome_on) }));
  /** A record of a household counts no more than its household: not once it is deleted. */
  const householdStands = (r: Row) => r.household_id === null || households.get(r.household_id as string)?.deleted_at == null;

  const visits = of(ledgers.visits).filter(householdStands);
  const visitsInPeriod = visits.filter((v) => between(v.visit_date, period.from, period.to));
  const needs = of(ledgers.needs).filter(householdStands);
  /** The day of the standing visit that raised it, else the China day it was first recorded; never after it was closed as done. */
  const raisedOn = (n: Row): string => {
    const visit = visitsById.get(n.visit_id as string);
    const raised = isLive(visit) && typeof visit.visit_date === 'string' ? visit.visit_date : chinaDay(n.created_at as string);
    return n.status === 'done' && typeof n.closed_on === 'string' && n.closed_on < raised ? n.closed_on : raised;
  };
  const closedBy = (n: Row, day: string) => n.status === 'done' && typeof n.closed_on === 'string' && n.closed_on <= day;
  const isOpen = (n: Row) => raisedOn(n) <= refDay && !closedBy(n, refDay);
  const isOverdue = (n: Row) => isOpen(n) && typeof n.due_date === 'string' && n.due_date < refDay;
  const plans = of(ledgers.plans).filter((p) => inYears(p.year));
  const commitments = of(ledgers.commitments).filter((c) => inYears(c.year));
  const liveProjects = of(ledgers.projects);
  const funds = of(ledgers.fund_entries).filter((f) => isLive(projects.get(f.project_id as string)));
  const fundsToEnd = funds.filter((f) => typeof f.entry_date === 'string' && f.entry_date <= period.to);
  const diary = of(ledgers.diary_entries).filter((d) => between(d.entry_date, yearStart, refDay));
  const leaves = of(ledgers.leave_requests).filter((l) => l.status === 'approved');
  // Monitored on the reference day: begun by then (home check, else the day recorded), risk not yet cleared.
  const monitoring = of(ledgers.monitored_households)
    .filter(householdStands)
    .filter((m) => (str(m.home_check_date) ?? chinaDay(m.created_at as string)) <= refDay)
    .filter((m) => !(m.risk_cleared === 1 && typeof m.cleared_date === 'string' && m.cleared_date <= refDay));
  const on = (day: unknown) => typeof day === 'string' && day <= refDay;
  const clockOverdue = (m: Row) => on(m.home_check_date) && !on(m.county_decision_date) && dayNumber(refDay) - dayNumber(m.home_check_date as string) > 15;

  const sum = (rows: Row[], value: (r: Row) => number) => rows.reduce((s, r) => s + value(r), 0);
  const count = (rows: Row[], test: (r: Row) => boolean) => rows.filter(test).length;
  const amount = (direction: string) => (f: Row) => (f.direction === direction ? Number(f.amount_fen ?? 0) : 0);

  function leaveDays(v: string): { month: number; year: number } {
    let month = 0;
    let year = 0;
    for (const l of leaves.filter((x) => x.village_id === v)) {
      for (let d = dayNumber(l.start_date as string); d <= dayNumber(l.end_date as string); d++) {
        const day = dayOfNumber(d);
        if (day > refDay || day < yearStart) continue;
        year++;
        if (day >= monthStart) month++;
      }
    }
    return { month, year };
  }

  function secretaryOf(v: string): string | null {
    const serving = of(ledgers.secretaries)
      .filter((s) => s.village_id === v && typeof s.term_start === 'string' && s.term_start <= refDay && (s.term_end === null || (s.term_end as string) >= refDay))
      .sort((a, b) => binary(str(b.term_start), str(a.term_start)) || binary(str(a.id), str(b.id)));
    return str(serving[0]?.name);
  }

  function villageRow(v: Row): VillageRow {
    const id = v.id as string;
    const mine = <T extends Row>(rows: T[]) => rows.filter((r) => r.village_id === id);
    const myVisits = mine(visitsInPeriod);
    const myNeeds = mine(needs);
    const myPlans = mine(plans);
    const myDiary = mine(diary);
    const myCommitments = mine(commitments);
    const myProjects = mine(liveProjects);
    const myFunds = mine(fundsToEnd);
    const myMonitoring = mine(monitoring);
    const leave = leaveDays(id);
    const counts = {
      households: count(of(ledgers.households), (h) => h.village_id === id),
      visitedHouseholds: new Set(myVisits.map((x) => x.household_id).filter((h) => h !== null)).size,
      visits: myVisits.length,
      needsRaised: count(myNeeds, (n) => between(raisedOn(n), period.from, period.to)),
      needsSolved: count(myNeeds, (n) => n.status === 'done' && between(n.closed_on, period.from, period.to)),
      needsOpen: count(myNeeds, isOpen),
      needsOverdue: count(myNeeds, isOverdue),
      plans: myPlans.length,
      plansDone: count(myPlans, planIsDone),
      presenceMonthDays: count(myDiary, (d) => d.presence === 'in_village' && (d.entry_date as string) >= monthStart),
      presenceYearDays: count(myDiary, (d) => d.presence === 'in_village'),
      leaveMonthDays: leave.month,
      leaveYearDays: leave.year,
      diaryMonthEntries: count(myDiary, (d) => (d.entry_date as string) >= monthStart),
      projects: myProjects.length,
      budgetFen: sum(myProjects, (p) => Number(p.budget_fen ?? 0)),
      receivedFen: sum(myFunds, amount('in')),
      spentFen: sum(myFunds, amount('out')),
      commitments: myCommitments.length,
      commitmentsDone: count(myCommitments, (c) => c.status === 'fulfilled'),
      commitmentsOverdue: count(myCommitments, (c) => c.status !== 'fulfilled' && typeof c.due_date === 'string' && c.due_date < refDay),
      monitored: myMonitoring.length,
      monitoringOverdue: count(myMonitoring, clockOverdue),
    };
    return { villageId: id, name: str(v.name) ?? '', township: str(v.township), secretary: secretaryOf(id), ...ratiosOf(counts) };
  }

  const rows = villages.map(villageRow);
  const totals = total(rows);

  // The latest indicators of each village and year (two devices may each have entered one).
  const latest = new Map<string, Row>();
  for (const i of of(ledgers.village_indicators)) {
    const key = `${i.village_id}/${i.year}`;
    const seen = latest.get(key);
    if (!seen || binary(str(i.updated_at), str(seen.updated_at)) > 0 || (i.updated_at === seen.updated_at && binary(str(i.id), str(seen.id)) > 0)) latest.set(key, i);
  }
  const indicators = [...latest.values()];

  function reported(key: HeadlineFigure['key'], valueOf: (rows: Row[]) => number | null): HeadlineFigure {
    const perVillage = villages.map((v) => ({ name: str(v.name), value: valueOf(indicators.filter((i) => i.village_id === v.id && inYears(i.year))) }));
    const missing = perVillage.filter((p) => p.value === null).map((p) => p.name ?? '');
    const entered = perVillage.filter((p) => p.value !== null);
    if (entered.length === 0) return { key, value: null, moneyFen: null, basis: 'unanswered', missingVillages: missing };
    return { key, value: entered.reduce((s, p) => s + p.value!, 0), moneyFen: null, basis: missing.length ? 'partial' : 'reported', missingVillages: missing };
  }
  const counted = (key: HeadlineFigure['key'], value: number): HeadlineFigure => ({ key, value, moneyFen: null, basis: 'counted', missingVillages: [] });
  const headline: HeadlineFigure[] = [
    counted('visitedHouseholds', totals.visitedHouseholds),
    // Counted from the reserve cadres ledger where the village keeps one, else as typed.
    reported('reserveCadres', (rs) => {
      const entered = rs.filter((r) => r.reserve_cadres_trained !== null || cadresOf(r.village_id as string).length > 0);
      return entered.length ? sum(entered, (r) => (cadresOf(r.village_id as string).length ? reserveCadresInYear(cadresOf(r.village_id as string), r.year as number) : Number(r.reserve_cadres_trained))) : null;
    }),
    reported('venuesRebuilt', (rs) => {
      const entered = rs.filter((r) => r.venue_status !== null);
      return entered.length ? (entered.some((r) => r.venue_status === 'rebuilt') ? 1 : 0) : null;
    }),
    counted('plans', totals.plans),
    {
      ...counted('projectsIntroduced', count(liveProjects, (p) => p.status !== 'reserve' && between(p.start_date, period.from, period.to))),
      moneyFen: sum(funds.filter((f) => between(f.entry_date, period.from, period.to)), amount('in')),
    },
    counted('commitments', totals.commitments),
    counted('needsSolved', totals.needsSolved),
  ];

  const scopeFacts = { from: period.from, to: period.to, referenceDay: refDay };

  function village(presenceThreshold: number): VillageDashboard {
    const months = new Map<string, Row[]>();
    for (const v of visitsInPeriod) {
      const month = (v.visit_date as string).slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), v]);
    }
    const overdue = needs.filter(isOverdue).sort((a, b) => binary(str(a.due_date), str(b.due_date)) || binary(str(a.id), str(b.id)));
    const stageOf = (m: Row) =>
      on(m.county_decision_date) ? 'decided' : on(m.township_review_date) ? 'reviewed' : on(m.posting_start) ? 'posted' : on(m.home_check_date) ? 'checked' : 'reported';
    const clocks = monitoring.map((m) => {
      const stage = stageOf(m);
      return {
        id: m.id as string,
        villageId: m.village_id as string,
        villageName: villageName(m.village_id as string),
        household: str(households.get(m.household_id as string)?.head_name),
        monitorType: str(m.monitor_type) ?? '',
        homeCheckDate: str(m.home_check_date),
        stage,
        daysLeft: stage === 'decided' || stage === 'reported' ? null : 15 - (dayNumber(refDay) - dayNumber(m.home_check_date as string)),
      } as const;
    });
    clocks.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.villageName.localeCompare(b.villageName) || a.id.localeCompare(b.id));
    const sources = new Map<string | null, Row[]>();
    for (const f of fundsToEnd) {
      const source = str(f.source)?.replace(/^ +| +$/g, '') || null;
      sources.set(source, [...(sources.get(source) ?? []), f]);
    }
    const indicatorYears = [];
    for (let year = toYear - 4; year <= toYear; year++) {
      const rs = indicators.filter((i) => i.year === year);
      if (!rs.length) continue;
      const total = (col: string) => (rs.some((r) => r[col] !== null) ? sum(rs, (r) => Number(r[col] ?? 0)) : null);
      indicatorYears.push({
        year,
        villages: rs.length,
        collectiveIncomeFen: total('collective_income_fen'),
        operatingFundsFen: total('operating_funds_fen'),
        belowFundsLine: count(rs, (r) => r.operating_funds_fen !== null && Number(r.operating_funds_fen) < MIN_OPERATING_FUNDS_FEN),
      });
    }
    return {
      ...scopeFacts,
      presenceThreshold,
      villages: villages.map((v) => ({ id: v.id as string, name: str(v.name) ?? '' })),
      totals,
      rows,
      visitsByMonth: [...months.entries()].sort(([a], [b]) => binary(a, b)).map(([month, vs]) => ({ month, visits: vs.length, households: new Set(vs.map((v) => v.household_id).filter((h) => h !== null)).size })),
      overdueNeeds: overdue.slice(0, 50).map((n) => ({
        id: n.id as string,
        villageId: n.village_id as string,
        villageName: villageName(n.village_id as string),
        content: str(n.content) ?? '',
        dueDate: n.due_date as string,
        owner: str(n.owner),
        household: n.household_id === null ? null : str(households.get(n.household_id as string)?.head_name),
        daysOverdue: dayNumber(refDay) - dayNumber(n.due_date as string),
      })),
      overdueNeedsMore: Math.max(0, overdue.length - 50),
      // The township's duties (the standard five here) in their order, then any other a plan holds.
      plansByDuty: [...DEFAULT_DUTIES, ...[...new Set(plans.map((p) => p.duty as string))].filter((d) => d !== null && !DEFAULT_DUTIES.includes(d)).sort(binary)].map((duty) => {
        const mine = plans.filter((p) => p.duty === duty);
        const progress = mine.length === 0 ? null : Math.round((sum(mine, planProgressOf) / mine.length) * 10_000) / 10_000;
        return { duty, plans: mine.length, done: count(mine, planIsDone), progress };
      }),
      projectsByStage: PROJECT_STAGES.map((stage) => {
        const at = liveProjects.filter((p) => p.status === stage);
        return { stage, projects: at.length, budgetFen: sum(at, (p) => Number(p.budget_fen ?? 0)) };
      }),
      projectMoney: liveProjects
        .map((p) => {
          const mine = fundsToEnd.filter((f) => f.project_id === p.id);
          return { id: p.id as string, villageId: p.village_id as string, name: str(p.name) ?? '', status: str(p.status) ?? '', budgetFen: Number(p.budget_fen ?? 0), receivedFen: sum(mine, amount('in')), spentFen: sum(mine, amount('out')), budget: p.budget_fen as number | null };
        })
        .sort((a, b) => (b.budget ?? -Infinity) - (a.budget ?? -Infinity) || binary(a.name, b.name) || binary(a.id, b.id))
        .map(({ budget: _budget, ...money }) => money),
      moneyBySource: [...sources.entries()]
        .map(([source, fs]) => ({ source, receivedFen: sum(fs, amount('in')), spentFen: sum(fs, amount('out')) }))
        // Most received first; a tie by source, the entries without one last.
        .sort((a, b) => b.receivedFen - a.receivedFen || Number(a.source === null) - Number(b.source === null) || binary(a.source, b.source)),
      commitmentsDue: count(commitments, (c) => c.status !== 'fulfilled' && (typeof c.due_date !== 'string' || c.due_date >= refDay)),
      monitoring: clocks,
      indicatorsByYear: indicatorYears,
      headline,
    };
  }

  return {
    refDay,
    rows,
    totals,
    headline,
    village,
    township: (township: string, presenceThreshold: number) => ({ ...scopeFacts, presenceThreshold, township, totals, rows, headline }),
    district: (presenceThreshold: number) => {
      const byTownship = new Map<string, VillageRow[]>();
      for (const row of rows) byTownship.set(row.township ?? '', [...(byTownship.get(row.township ?? '') ?? []), row]);
      const townships: TownshipRow[] = [...byTownship.entries()].map(([township, rs]) => ({ township, villages: rs.length, ...total(rs) }));
      return { ...scopeFacts, presenceThreshold, rows: townships, totals, headline };
    },
  };
}

type Counts = Omit<Measures, 'coverage' | 'planCompletion' | 'spentRatio'>;
const PRESENCE = ['presenceMonthDays', 'presenceYearDays', 'leaveMonthDays', 'leaveYearDays', 'diaryMonthEntries'] as const;

function ratiosOf<T extends Counts>(c: T): T & Pick<Measures, 'coverage' | 'planCompletion' | 'spentRatio'> {
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return { ...c, coverage: share(c.visitedHouseholds, c.households), planCompletion: share(c.plansDone, c.plans), spentRatio: share(c.spentFen, c.receivedFen) };
}

/** Several villages: counts and money add up; days in the village are the mean per village, to one decimal. */
function total(rows: readonly Measures[]): Measures {
  const keys: (keyof Counts)[] = [
    'households', 'visitedHouseholds', 'visits', 'needsRaised', 'needsSolved', 'needsOpen', 'needsOverdue', 'plans', 'plansDone',
    ...PRESENCE, 'projects', 'budgetFen', 'receivedFen', 'spentFen', 'commitments', 'commitmentsDone', 'commitmentsOverdue',
    'monitored', 'monitoringOverdue',
  ];
  const counts = Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)])) as Counts;
  for (const k of PRESENCE) counts[k] = rows.length ? Math.round((counts[k] / rows.length) * 10) / 10 : 0;
  return ratiosOf(counts);
}

/** A plan with both numbers (target above zero): its progress is done / target. */
function planNumbers(p: Row): { target: number; done: number } | null {
  return typeof p.target_value === 'number' && p.target_value > 0 && typeof p.actual_value === 'number' ? { target: p.target_value, done: p.actual_value } : null;
}

/** Marked done, or its done value has reached its target. */
function planIsDone(p: Row): boolean {
  const n = planNumbers(p);
  return p.status === 'done' || (n !== null && n.done >= n.target);
}

/** From 0 to 1: done / target when it has numbers, else all or nothing by its status. */
function planProgressOf(p: Row): number {
  const n = planNumbers(p);
  return n ? Math.min(1, n.done / n.target) : p.status === 'done' ? 1 : 0;
}
