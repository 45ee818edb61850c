// What each exported table must hold, row by row, from the independent count (./oracle): the
// cells in the reports' representation (fen, 0..1 ratios, ISO dates, flags), in the order the
// reports document (villages by township and name; then each ledger's own order).
import { DEFAULT_DUTIES } from '../../../../shared/domain/settings';
import { COMMITMENT_STATUS_LABELS, FUND_DIRECTION_LABELS, HOUSEHOLD_CATEGORY_LABELS, MONITOR_TYPE_LABELS, NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, PLAN_STATUS_LABELS, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS, RISK_TYPE_LABELS, SATISFACTION_LABELS, SIGNAL_SOURCE_LABELS, VISIT_MODE_LABELS } from '../../../../shared/domain/ledgerEnums';
import type { CellValue } from '../../../../shared/domain/reports';
import { count, headIdOf, type Ledgers, type Period, type Row } from './oracle';

export interface ExpectedTable {
  rows: CellValue[][];
  totals: CellValue[][];
}

export interface Options {
  full: boolean;
  district: boolean;
  noticeIds?: 'masked' | 'omitted';
  category?: string;
  threshold: number;
}

/** Order as SQLite's ORDER BY: NULL first, then by code unit. */
function cmp(...pairs: [unknown, unknown][]): number {
  for (const [a, b] of pairs) {
    if (a === b) continue;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return 0;
}

const zh = (labels: Record<string, { zh: string }>, value: unknown) => (value === null ? null : (labels[value as string]?.zh ?? (value as string)));
export const maskId = (id: string | null) => (id ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : null);
export const maskIdNotice = (id: string | null) => (id ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : null);
export const maskPhone = (p: string | null) => (p ? `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}` : null);

export function expectedTables(l: Ledgers, villageIds: readonly string[], period: Period, o: Options): Record<string, ExpectedTable> {
  const c = count(l, villageIds, period);
  const villages = l.villages.filter((v) => villageIds.includes(v.id as string)).sort((a, b) => cmp([a.township, b.township], [a.name, b.name], [a.id, b.id]));
  const place = (v: Row) => (o.district ? [v.township, v.name] : [v.name]) as CellValue[];
  const perVillage = <T>(rows: T[], of: (r: T) => Row, order: (a: T, b: T) => number) =>
    villages.flatMap((v) => rows.filter((r) => of(r).village_id === v.id).sort(order).map((r) => ({ v, r })));
  const phone = (p: unknown) => (o.full ? (p as string | null) : maskPhone(p as string | null));
  const id = (x: string | null) => (o.full ? x : maskId(x));
  const label = (n: number) => `合计（${n} 条）`;
  const households = (n: number) => `合计（${n} 户）`;
  const pad = (width: number) => Array<CellValue>(width).fill(null);
  const placeWidth = o.district ? 2 : 1;
  const flagCount = (rows: CellValue[][], i: number) => rows.filter((r) => r[i] === true).length;
  const sumAt = (rows: CellValue[][], i: number) => rows.reduce((s, r) => s + ((r[i] as number | null) ?? 0), 0);
  const totalRow = (rows: CellValue[][], width: number, text: string, fill: Record<number, CellValue>) => {
    const t = pad(width);
    t[0] = text;
    for (const [i, v] of Object.entries(fill)) t[Number(i)] = v;
    return t;
  };
  const hh = (householdId: unknown) => (householdId === null ? undefined : c.householdById.get(householdId as string));

  // 走访记录
  const visits = perVillage(c.visits, (r) => r, (a, b) => cmp([a.visit_date, b.visit_date], [a.id, b.id])).map(({ v, r }) => {
    const h = hh(r.household_id);
    return [...place(v), r.visit_date, h?.head_name ?? null, h?.villager_group ?? null, phone(h?.phone ?? null), zh(VISIT_MODE_LABELS, r.mode), r.visitors, r.situation, r.actions, r.confirmed === 1, r.next_visit_due] as CellValue[];
  });
  const vw = placeWidth + 10;
  // 群众诉求
  const listed = c.needs.filter((n) => n.raised || n.solved || n.open);
  const needs = perVillage(listed, (n) => n.row, (a, b) => cmp([a.raisedOn, b.raisedOn], [a.row.id, b.row.id])).map(({ v, r: n }) => {
    const x = n.row;
    return [...place(v), n.raisedOn, hh(x.household_id)?.head_name ?? null, zh(NEED_CATEGORY_LABELS, x.category), x.content, x.owner, x.due_date, zh(NEED_STATUS_LABELS, x.status), x.closed_on, x.outcome, zh(SATISFACTION_LABELS, x.satisfaction), n.raised, n.solved, n.open, n.overdue] as CellValue[];
  });
  const nw = placeWidth + 14;
  // 项目
  const projects = perVillage(c.projects, (r) => r, (a, b) => cmp([a.start_date === null ? 1 : 0, b.start_date === null ? 1 : 0], [a.start_date, b.start_date], [a.name, b.name], [a.id, b.id])).map(({ v, r }) => {
    const received = c.moneyOf(r.id as string, 'in');
    const spent = c.moneyOf(r.id as string, 'out');
    return [...place(v), r.name, zh(PROJECT_KIND_LABELS, r.kind), zh(PROJECT_STATUS_LABELS, r.status), r.start_date, r.end_date, r.responsible, r.beneficiary_households, (r.budget_fen as number | null) ?? 0, received, spent, received - spent, received > 0 ? spent / received : null] as CellValue[];
  });
  const pw = placeWidth + 12;
  const projectTotals = (rows: CellValue[][]) => {
    const at = (k: number) => sumAt(rows, placeWidth + k);
    return totalRow(rows, pw, label(rows.length), { [placeWidth + 6]: at(6), [placeWidth + 7]: at(7), [placeWidth + 8]: at(8), [placeWidth + 9]: at(9), [placeWidth + 10]: at(10), [placeWidth + 11]: at(8) > 0 ? at(9) / at(8) : null });
  };
  // 资金来源
  const bySource = new Map<string | null, { in: number; out: number }>();
  for (const f of c.funds) {
    const key = typeof f.source === 'string' && f.source.trim() ? f.source.trim() : null;
    const s = bySource.get(key) ?? { in: 0, out: 0 };
    if (f.direction === 'in') s.in += f.amount_fen as number;
    else s.out += f.amount_fen as number;
    bySource.set(key, s);
  }
  const sources = [...bySource.entries()].map(([source, s]) => [source ?? '（未填来源）', s.in, s.out, s.in > 0 ? s.out / s.in : null] as CellValue[]);
  // 资金明细
  const projectName = new Map(l.projects.map((p) => [p.id as string, p.name]));
  const funds = perVillage(c.funds, (r) => r, (a, b) => cmp([a.entry_date, b.entry_date], [a.id, b.id])).map(({ v, r }) => {
    const source = typeof r.source === 'string' && r.source.trim() ? r.source.trim() : null;
    return [...place(v), projectName.get(r.project_id as string) ?? null, r.entry_date, zh(FUND_DIRECTION_LABELS, r.direction), source, r.direction === 'in' ? r.amount_fen : null, r.direction === 'out' ? r.amount_fen : null, r.purpose, r.voucher_no] as CellValue[];
  });
  const fw = placeWidth + 8;
  // 驻村考勤
  const secretaryOf = new Map(l.secretaries.map((s) => [`${s.village_id}/${s.name}`, s]));
  const attendance = villages.flatMap((v) =>
    c.attendance(v.id as string)
      .sort((a, b) => {
        const sa = secretaryOf.get(`${v.id}/${a.secretary}`)!;
        const sb = secretaryOf.get(`${v.id}/${b.secretary}`)!;
        return cmp([sa.term_start, sb.term_start], [a.secretary, b.secretary], [sa.id, sb.id], [a.month, b.month]);
      })
      .map((a) => {
        const s = secretaryOf.get(`${v.id}/${a.secretary}`)!;
        return [...place(v), a.secretary, s.unit, phone(s.phone), a.month, `${a.fromDay} — ${a.toDay}`, a.inVillage, a.leave, a.diary, o.threshold, a.inVillage >= o.threshold, Math.max(0, o.threshold - a.inVillage)] as CellValue[];
      }),
  );
  const aw = placeWidth + 11;
  // 防返贫监测对象
  const stage = (m: Row) => {
    const on = (d: unknown) => d !== null && (d as string) <= c.refDay;
    return on(m.county_decision_date) ? '县级已确认' : on(m.township_review_date) ? '乡镇已审核' : on(m.posting_start) ? '已村内公示' : on(m.home_check_date) ? '已入户核实' : '待入户核实';
  };
  const monitoring = perVillage(c.monitoring, (m) => m.row, (a, b) => {
    const ha = hh(a.row.household_id);
    const hb = hh(b.row.household_id);
    return cmp([ha?.villager_group ?? null, hb?.villager_group ?? null], [ha?.head_name ?? null, hb?.head_name ?? null], [a.row.home_check_date, b.row.home_check_date], [a.row.id, b.row.id]);
  }).map(({ v, r: m }) => {
    const x = m.row;
    const h = hh(x.household_id);
    const st = stage(x);
    const daysLeft = !m.active || st === '县级已确认' || st === '待入户核实' ? null : 15 - Math.round((Date.parse(c.refDay) - Date.parse(x.home_check_date as string)) / 86_400_000);
    const risks = JSON.parse((x.risk_types as string | null) ?? '[]') as string[];
    return [
      ...place(v), h?.villager_group ?? null, h?.head_name ?? null, id(h ? headIdOf(l, h.id as string) : null), phone(h?.phone ?? null), zh(MONITOR_TYPE_LABELS, x.monitor_type),
      risks.length ? risks.map((r) => zh(RISK_TYPE_LABELS, r)).join('、') : null, zh(SIGNAL_SOURCE_LABELS, x.signal_source), x.home_check_date, x.posting_start, x.posting_end,
      x.township_review_date, x.county_decision_date, st, daysLeft, x.measures, x.risk_cleared === 1, x.cleared_date, m.active, m.overdue,
    ] as CellValue[];
  });
  const mw = placeWidth + 19;
  // 公示版
  const ids = o.noticeIds !== 'omitted';
  const noticeHouseholds = perVillage(
    c.households.filter((h) => !o.category || h.category === o.category),
    (h) => h,
    (a, b) => cmp([a.villager_group, b.villager_group], [a.head_name, b.head_name], [a.id, b.id]),
  ).map(({ v, r: h }, i) => [
    ...place(v), i + 1, h.villager_group, h.head_name, ...(ids ? [maskIdNotice(headIdOf(l, h.id as string))] : []),
    l.members.filter((m) => m.deleted_at === null && m.household_id === h.id).length,
  ] as CellValue[]);
  const noticeMonitoring = perVillage(c.monitoring.filter((m) => m.active), (m) => m.row, (a, b) => {
    const ha = hh(a.row.household_id);
    const hb = hh(b.row.household_id);
    return cmp([ha?.villager_group ?? null, hb?.villager_group ?? null], [ha?.head_name ?? null, hb?.head_name ?? null], [a.row.id, b.row.id]);
  }).map(({ v, r: m }, i) => {
    const x = m.row;
    const h = hh(x.household_id);
    return [
      ...place(v), i + 1, h?.villager_group ?? null, h?.head_name ?? null, ...(ids ? [maskIdNotice(h ? headIdOf(l, h.id as string) : null)] : []),
      zh(MONITOR_TYPE_LABELS, x.monitor_type), x.posting_start ? `${x.posting_start} — ${x.posting_end ?? ''}` : null, x.county_decision_date,
    ] as CellValue[];
  });
  const hw = placeWidth + (ids ? 5 : 4);
  const mnw = placeWidth + (ids ? 7 : 6);
  // 帮扶计划, 公开承诺
  // The township's duties in order (the standard five here), then any other by name; progress is done / target.
  const dutyRank = (d: unknown) => (DEFAULT_DUTIES.indexOf(d as string) + 1000) % 1000;
  const numbers = (r: Row) => (typeof r.target_value === 'number' && r.target_value > 0 && typeof r.actual_value === 'number' ? { t: r.target_value, d: r.actual_value } : null);
  const plans = perVillage(c.plans, (r) => r, (a, b) => cmp([a.year, b.year], [dutyRank(a.duty), dutyRank(b.duty)], [a.duty, b.duty], [a.due_date, b.due_date], [a.id, b.id])).map(({ v, r }) => {
    const n = numbers(r);
    return [...place(v), String(r.year), r.duty, r.goal, r.target_value, r.actual_value, r.value_unit, n ? n.d / n.t : null, zh(PLAN_STATUS_LABELS, r.status), r.due_date, r.status === 'done' || (n !== null && n.d >= n.t)] as CellValue[];
  });
  const commitments = perVillage(c.commitments, (r) => r, (a, b) => cmp([a.year, b.year], [a.due_date === null ? 1 : 0, b.due_date === null ? 1 : 0], [a.due_date, b.due_date], [a.id, b.id])).map(({ v, r }) =>
    [...place(v), String(r.year), r.content, r.due_date, zh(COMMITMENT_STATUS_LABELS, r.status), r.evidence, r.status === 'fulfilled', r.status !== 'fulfilled' && r.due_date !== null && (r.due_date as string) < c.refDay] as CellValue[]);

  return {
    visits: { rows: visits, totals: [totalRow(visits, vw, label(visits.length), { [placeWidth + 8]: flagCount(visits, placeWidth + 8) })] },
    needs: { rows: needs, totals: [totalRow(needs, nw, label(needs.length), Object.fromEntries([10, 11, 12, 13].map((k) => [placeWidth + k, flagCount(needs, placeWidth + k)])))] },
    projects: { rows: projects, totals: [projectTotals(projects)] },
    sources: { rows: sources, totals: [['合计', sumAt(sources, 1), sumAt(sources, 2), sumAt(sources, 1) > 0 ? sumAt(sources, 2) / sumAt(sources, 1) : null]] },
    funds: { rows: funds, totals: [totalRow(funds, fw, label(funds.length), { [placeWidth + 4]: sumAt(funds, placeWidth + 4), [placeWidth + 5]: sumAt(funds, placeWidth + 5) })] },
    attendance: {
      rows: attendance,
      totals: [totalRow(attendance, aw, label(attendance.length), { [placeWidth + 5]: sumAt(attendance, placeWidth + 5), [placeWidth + 6]: sumAt(attendance, placeWidth + 6), [placeWidth + 7]: sumAt(attendance, placeWidth + 7), [placeWidth + 9]: flagCount(attendance, placeWidth + 9), [placeWidth + 10]: sumAt(attendance, placeWidth + 10) })],
    },
    monitoring: { rows: monitoring, totals: [totalRow(monitoring, mw, households(monitoring.length), { [placeWidth + 15]: flagCount(monitoring, placeWidth + 15), [placeWidth + 17]: flagCount(monitoring, placeWidth + 17), [placeWidth + 18]: flagCount(monitoring, placeWidth + 18) })] },
    householdsNotice: { rows: noticeHouseholds, totals: [totalRow(noticeHouseholds, hw, households(noticeHouseholds.length), { [hw - 1]: sumAt(noticeHouseholds, hw - 1) })] },
    monitoringNotice: { rows: noticeMonitoring, totals: [totalRow(noticeMonitoring, mnw, households(noticeMonitoring.length), {})] },
    plans: { rows: plans, totals: [totalRow(plans, placeWidth + 10, label(plans.length), { [placeWidth + 9]: flagCount(plans, placeWidth + 9) })] },
    commitments: { rows: commitments, totals: [totalRow(commitments, placeWidth + 7, label(commitments.length), { [placeWidth + 5]: flagCount(commitments, placeWidth + 5), [placeWidth + 6]: flagCount(commitments, placeWidth + 6) })] },
  };
}

export { HOUSEHOLD_CATEGORY_LABELS };

/** The summary's rows: each village's measures, district villages grouped by township with subtotals, then the total. */
export function expectedMeasures(l: Ledgers, villageIds: readonly string[], period: Period, keys: readonly string[], district: boolean): { rows: CellValue[][]; subtotals: number[]; total: CellValue[] } {
  const c = count(l, villageIds, period);
  const villages = l.villages.filter((v) => villageIds.includes(v.id as string)).sort((a, b) => cmp([a.township, b.township], [a.name, b.name], [a.id, b.id]));
  const withRatios = (m: ReturnType<typeof c.measuresOf>): Record<string, number | null> => ({
    ...m,
    coverage: m.households > 0 ? m.visitedHouseholds / m.households : null,
    planCompletion: m.plans > 0 ? m.plansDone / m.plans : null,
    spentRatio: m.receivedFen > 0 ? m.spentFen / m.receivedFen : null,
  });
  const secretaryOf = (villageId: string) =>
    l.secretaries
      .filter((s) => s.deleted_at === null && s.village_id === villageId && (s.term_start as string) <= c.refDay && (s.term_end === null || (s.term_end as string) >= c.refDay))
      .sort((a, b) => cmp([b.term_start, a.term_start], [a.id, b.id]))[0]?.name ?? null;
  const figures = (m: Record<string, number | null>) => keys.map((k) => m[k] ?? null);
  const rows: CellValue[][] = [];
  const subtotals: number[] = [];
  const townships = [...new Set(villages.map((v) => v.township as string))];
  if (!district) {
    for (const v of villages) rows.push([v.name as string, secretaryOf(v.id as string) as CellValue, ...figures(withRatios(c.measuresOf(v.id as string)))]);
  } else {
    for (const t of townships) {
      const mine = villages.filter((v) => v.township === t);
      for (const v of mine) rows.push([t, v.name as string, secretaryOf(v.id as string) as CellValue, ...figures(withRatios(c.measuresOf(v.id as string)))]);
      subtotals.push(rows.length);
      rows.push([t, '小计', null, ...figures(withRatios(c.sum(mine.map((v) => c.measuresOf(v.id as string)))))]);
    }
  }
  const total = [...(district ? ['合计', null, null] : ['合计', null]), ...figures(withRatios(c.sum(villages.map((v) => c.measuresOf(v.id as string)))))];
  return { rows, subtotals, total };
}
