// The independent count the exports are checked against: plain TypeScript over every ledger read
// whole (`SELECT *`), written from the rules the dashboards state (shared/domain/dashboard.ts)
// and the reports' docs — never from the reports' SQL.
import type { Sqlite } from '../../../../db/open';
import { reserveCadresInYear, type CadreSpan } from '../../../../shared/domain/party/villageChecks';

export type Row = Record<string, string | number | null>;

export interface Ledgers {
  villages: Row[];
  secretaries: Row[];
  households: Row[];
  members: Row[];
  visits: Row[];
  needs: Row[];
  plans: Row[];
  projects: Row[];
  funds: Row[];
  commitments: Row[];
  diary: Row[];
  leaves: Row[];
  monitoring: Row[];
  indicators: Row[];
  cadres: Row[];
}

export function readLedgers(sqlite: Sqlite): Ledgers {
  const all = (table: string) => sqlite.prepare(`SELECT * FROM ${table}`).all() as Row[];
  return {
    villages: all('villages'), secretaries: all('secretaries'), households: all('households'), members: all('household_members'),
    visits: all('visits'), needs: all('needs'), plans: all('plans'), projects: all('projects'), funds: all('fund_entries'),
    commitments: all('commitments'), diary: all('diary_entries'), leaves: all('leave_requests'), monitoring: all('monitored_households'),
    indicators: all('village_indicators'), cadres: all('reserve_cadres'),
  };
}

export interface Period {
  from: string;
  to: string;
  today: string;
}

const live = (r: Row) => r.deleted_at === null;
const DAY = 86_400_000;
export const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
const minDay = (...xs: string[]) => xs.reduce((a, b) => (a < b ? a : b));
const maxDay = (...xs: string[]) => xs.reduce((a, b) => (a > b ? a : b));
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Everything the reports count, for a set of villages and a period. */
export function count(l: Ledgers, villageIds: readonly string[], period: Period) {
  const inScope = (r: Row) => villageIds.includes(r.village_id as string);
  const refDay = period.to < period.today ? period.to : period.today;
  const fromYear = Number(period.from.slice(0, 4));
  const toYear = Number(period.to.slice(0, 4));
  const monthStart = `${refDay.slice(0, 7)}-01`;
  const yearStart = `${refDay.slice(0, 4)}-01-01`;
  const householdById = new Map(l.households.map((h) => [h.id as string, h]));
  const stands = (r: Row) => {
    const h = r.household_id === null ? undefined : householdById.get(r.household_id as string);
    return h === undefined || h.deleted_at === null;
  };
  const liveVisit = new Map(l.visits.filter(live).map((v) => [v.id as string, v]));
  const liveProject = new Map(l.projects.filter(live).map((p) => [p.id as string, p]));

  const households = l.households.filter((h) => live(h) && inScope(h));
  const visits = l.visits.filter((v) => live(v) && inScope(v) && stands(v) && (v.visit_date as string) >= period.from && (v.visit_date as string) <= period.to);

  const needs = l.needs.filter((n) => live(n) && inScope(n) && stands(n)).map((n) => {
    const raisedOn = (liveVisit.get(n.visit_id as string)?.visit_date as string | undefined) ?? chinaDay(n.created_at as string);
    const raised = raisedOn >= period.from && raisedOn <= period.to;
    const solved = n.status === 'done' && n.closed_on !== null && (n.closed_on as string) >= period.from && (n.closed_on as string) <= period.to;
    const open = raisedOn <= refDay && !(n.status === 'done' && n.closed_on !== null && (n.closed_on as string) <= refDay);
    const overdue = open && n.due_date !== null && (n.due_date as string) < refDay;
    return { row: n, raisedOn, raised, solved, open, overdue };
  });

  const plans = l.plans.filter((p) => live(p) && inScope(p) && (p.year as number) >= fromYear && (p.year as number) <= toYear);
  const commitments = l.commitments.filter((c) => live(c) && inScope(c) && (c.year as number) >= fromYear && (c.year as number) <= toYear);
  const projects = l.projects.filter((p) => live(p) && inScope(p));
  const funds = l.funds.filter((f) => live(f) && inScope(f) && liveProject.has(f.project_id as string) && (f.entry_date as string) <= period.to);
  const moneyOf = (projectId: string, direction: string) =>
    funds.filter((f) => f.project_id === projectId && f.direction === direction).reduce((s, f) => s + (f.amount_fen as number), 0);

  const monitoring = l.monitoring.filter((m) => live(m) && inScope(m) && stands(m)).map((m) => {
    const begun = ((m.home_check_date as string | null) ?? chinaDay(m.created_at as string)) <= refDay;
    const cleared = m.risk_cleared === 1 && m.cleared_date !== null && (m.cleared_date as string) <= refDay;
    const active = begun && !cleared;
    const home = m.home_check_date as string | null;
    const decided = m.county_decision_date as string | null;
    const overdue = active && home !== null && home <= refDay && (decided === null || decided > refDay) && days(home, refDay) > 15;
    return { row: m, active, overdue };
  });

  const diaryIn = (villageId: string, a: string, b: string, presence?: string) =>
    l.diary.filter((d) => live(d) && d.village_id === villageId && (presence === undefined || d.presence === presence) && (d.entry_date as string) >= a && (d.entry_date as string) <= b).length;
  const leaveIn = (villageId: string, a: string, b: string) =>
    l.leaves
      .filter((x) => live(x) && x.village_id === villageId && x.status === 'approved' && (x.start_date as string) <= b && (x.end_date as string) >= a)
      .reduce((s, x) => s + days(maxDay(x.start_date as string, a), minDay(x.end_date as string, b)) + 1, 0);

  /** The dashboards' measures of one village. */
  function measuresOf(villageId: string) {
    const mine = <T extends { village_id?: unknown }>(rs: T[]) => rs.filter((r) => r.village_id === villageId);
    const vs = mine(visits);
    const ns = needs.filter((n) => n.row.village_id === villageId);
    const ps = mine(plans);
    const cs = mine(commitments);
    const prs = mine(projects);
    const fs = mine(funds);
    const ms = monitoring.filter((m) => m.row.village_id === villageId && m.active);
    return {
      households: mine(households).length,
      visitedHouseholds: new Set(vs.map((v) => v.household_id).filter((h) => h !== null)).size,
      visits: vs.length,
      needsRaised: ns.filter((n) => n.raised).length,
      needsSolved: ns.filter((n) => n.solved).length,
      needsOpen: ns.filter((n) => n.open).length,
      needsOverdue: ns.filter((n) => n.overdue).length,
      plans: ps.length,
      plansDone: ps.filter((p) => p.status === 'done').length,
      presenceMonthDays: diaryIn(villageId, monthStart, refDay, 'in_village'),
      presenceYearDays: diaryIn(villageId, yearStart, refDay, 'in_village'),
      leaveMonthDays: leaveIn(villageId, monthStart, refDay),
      leaveYearDays: leaveIn(villageId, yearStart, refDay),
      diaryMonthEntries: diaryIn(villageId, monthStart, refDay),
      projects: prs.length,
      budgetFen: prs.reduce((s, p) => s + ((p.budget_fen as number | null) ?? 0), 0),
      receivedFen: fs.filter((f) => f.direction === 'in').reduce((s, f) => s + (f.amount_fen as number), 0),
      spentFen: fs.filter((f) => f.direction === 'out').reduce((s, f) => s + (f.amount_fen as number), 0),
      commitments: cs.length,
      commitmentsDone: cs.filter((c) => c.status === 'fulfilled').length,
      commitmentsOverdue: cs.filter((c) => c.status !== 'fulfilled' && c.due_date !== null && (c.due_date as string) < refDay).length,
      monitored: ms.length,
      monitoringOverdue: ms.filter((m) => m.overdue).length,
    };
  }
  type Measures = ReturnType<typeof measuresOf>;

  /** Several villages as one: counts add up, days in the village are the mean per village (one decimal). */
  function sum(rows: Measures[]): Measures {
    const total = Object.fromEntries(Object.keys(rows[0] ?? measuresOf('')).map((k) => [k, rows.reduce((s, r) => s + r[k as keyof Measures], 0)])) as Measures;
    for (const k of ['presenceMonthDays', 'presenceYearDays', 'leaveMonthDays', 'leaveYearDays', 'diaryMonthEntries'] as const) {
      total[k] = rows.length ? Math.round((total[k] / rows.length) * 10) / 10 : 0;
    }
    return total;
  }

  /** 驻村考勤: each secretary, each month of the period up to the reference day. */
  function attendance(villageId: string) {
    const lines: { secretary: string; month: string; fromDay: string; toDay: string; inVillage: number; leave: number; diary: number }[] = [];
    const secretaries = l.secretaries.filter((s) => live(s) && s.village_id === villageId && s.term_start !== null);
    for (let month = period.from.slice(0, 7); `${month}-01` <= refDay; month = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7)) {
      const first = `${month}-01`;
      const last = monthEnd(month);
      for (const s of secretaries) {
        const start = s.term_start as string;
        const end = (s.term_end as string | null) ?? '9999-12-31';
        if (start > last || end < first) continue;
        const a = maxDay(first, start);
        const b = minDay(last, end, refDay);
        lines.push({ secretary: s.name as string, month, fromDay: a, toDay: b, inVillage: diaryIn(villageId, a, b, 'in_village'), leave: leaveIn(villageId, a, b), diary: diaryIn(villageId, a, b) });
      }
    }
    return lines;
  }

  /** 工作成绩单's counted figures (the reported ones come from the yearly indicators). */
  function headline() {
    const all = sum(villageIds.map(measuresOf));
    const introduced = projects.filter((p) => p.status !== 'reserve' && p.start_date !== null && (p.start_date as string) >= period.from && (p.start_date as string) <= period.to);
    const money = l.funds
      .filter((f) => live(f) && inScope(f) && liveProject.has(f.project_id as string) && f.direction === 'in' && (f.entry_date as string) >= period.from && (f.entry_date as string) <= period.to)
      .reduce((s, f) => s + (f.amount_fen as number), 0);
    // The latest indicators row of each village and year.
    const latest = new Map<string, Row>();
    for (const i of l.indicators.filter((x) => live(x) && inScope(x))) {
      const key = `${i.village_id}/${i.year}`;
      const seen = latest.get(key);
      if (!seen || (i.updated_at as string) > (seen.updated_at as string) || (i.updated_at === seen.updated_at && (i.id as string) > (seen.id as string))) latest.set(key, i);
    }
    const inYears = [...latest.values()].filter((i) => (i.year as number) >= fromYear && (i.year as number) <= toYear);
    const perVillage = (value: (i: Row) => number | null) =>
      villageIds.map((v) => {
        const values = inYears.filter((i) => i.village_id === v).map(value).filter((x): x is number => x !== null);
        return values.length ? values.reduce((s, x) => s + x, 0) : null;
      });
    const reported = (values: (number | null)[]) => (values.every((x) => x === null) ? null : values.reduce<number>((s, x) => s + (x ?? 0), 0));
    return {
      visitedHouseholds: all.visitedHouseholds,
      // Counted from the reserve cadres ledger where the village keeps one, else as typed.
      reserveCadres: reported(perVillage((i) => {
        const cadres = l.cadres.filter((c) => live(c) && c.village_id === i.village_id)
          .map((c) => ({ recommendedOn: c.recommended_on as string, outcome: c.outcome as CadreSpan['outcome'], outcomeOn: (c.outcome_on as string | null) ?? null }));
        return cadres.length ? reserveCadresInYear(cadres, i.year as number) : (i.reserve_cadres_trained as number | null);
      })),
      venuesRebuilt: reported(perVillage((i) => (i.venue_status === null ? null : i.venue_status === 'rebuilt' ? 1 : 0)).map((x) => (x === null ? null : Math.min(1, x)))),
      plans: all.plans,
      projectsIntroduced: introduced.length,
      projectsMoneyFen: money,
      commitments: all.commitments,
      needsSolved: all.needsSolved,
    };
  }

  return { refDay, households, visits, needs, plans, commitments, projects, funds, moneyOf, monitoring, measuresOf, sum, attendance, headline, householdById };
}

/** The ID number of a household's head: its first live member recorded as head. */
export function headIdOf(l: Ledgers, householdId: string): string | null {
  const heads = l.members
    .filter((m) => live(m) && m.household_id === householdId && m.relation === 'head')
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)) || String(a.id).localeCompare(String(b.id)));
  return (heads[0]?.id_number as string | null | undefined) ?? null;
}
