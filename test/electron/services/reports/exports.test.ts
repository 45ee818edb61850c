// Every report of the demo township, exported through the contract to XLSX and to CSV and read
// back: each table's every cell — totals rows included — equals the independent count of the
// same ledgers (./oracle, ./expected), for last month and for a year running past today.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLINE_KEYS } from '../../../../shared/domain/dashboard';
import { DEFAULT_DUTIES } from '../../../../shared/domain/settings';
import type { CellValue, ReportFormat, ReportKind, ReportPreview } from '../../../../shared/domain/reports';
import { SUMMARY_MEASURES, VISIT_MEASURES } from '../../../../electron/services/reports/figureTables';
import { expectOk } from '../../../helpers/openedApp';
import { expectedMeasures, expectedTables, type ExpectedTable } from './expected';
import { demoTownship, type World } from './fixtures';
import { count } from './oracle';
import { csvSections, expectRows, exportDone, fromCsv, fromXlsx, readCsv, readXlsx } from './readBack';

const PERIODS = [
  { label: 'last month', from: '2026-10-01', to: '2026-10-31' },
  { label: 'this year, running past today', from: '2026-01-01', to: '2026-12-31' },
] as const;
const FORMATS: ReportFormat[] = ['xlsx', 'csv'];

let world: World;
beforeAll(async () => {
  world = await demoTownship();
}, 60_000);
afterAll(() => world.close());

interface TableBack {
  key: string;
  lines: string[];
  header: string[];
  rows: CellValue[][];
}

/** Exports `report` in `format` and reads every table back into the reports' representation. */
async function exported(request: Parameters<typeof world.app.api.reports.preview>[0], format: ReportFormat): Promise<{ preview: ReportPreview; tables: TableBack[] }> {
  const preview = await expectOk(world.app, 'reports.preview', { ...request, limit: 500 });
  const job = await exportDone(world.app, { ...request, format });
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  /** A cell's type: its column's, unless its row says otherwise (totals rows count flags; the monthly overview mixes). */
  const typesOf = (t: number, r: number, bodyLength: number) => {
    const table = preview.tables[t]!;
    const fromEnd = bodyLength - r;
    const row = fromEnd <= table.totals.length ? table.totals[table.totals.length - fromEnd] : table.rows[r];
    return table.columns.map((c, i) => row?.types?.[i] ?? c.type);
  };
  if (format === 'xlsx') {
    const { sheets } = await readXlsx(job.file);
    expect(sheets.map((s) => s.name)).toEqual(preview.tables.map((t) => t.sheetName));
    return {
      preview,
      tables: sheets.map((s, t) => ({ key: preview.tables[t]!.key, lines: s.lines, header: s.header, rows: s.body.map((row, r) => row.map((v, i) => fromXlsx(typesOf(t, r, s.body.length)[i]!, v))) })),
    };
  }
  const { lines, tables } = csvSections(readCsv(job.file), 1 + preview.titleRows.length);
  expect(lines).toEqual([preview.title, ...preview.titleRows]);
  return {
    preview,
    tables: tables.map((s, t) => ({ key: preview.tables[t]!.key, lines: [...lines, s.caption], header: s.header, rows: s.body.map((row, r) => row.map((v, i) => fromCsv(typesOf(t, r, s.body.length)[i]!, v))) })),
  };
}

function expectTable(back: TableBack, expected: ExpectedTable, where: string): void {
  expectRows(back.rows.slice(0, expected.rows.length), expected.rows, `${where}: data rows`);
  expectRows(back.rows.slice(expected.rows.length), expected.totals, `${where}: totals`);
}

const scope = { scope: 'township' as const };

describe.each(PERIODS)('the demo township, $label', ({ from, to }) => {
  const period = () => ({ from, to, today: '2026-11-27' });

  describe.each(FORMATS)('to %s', (format) => {
    it.each(['visitsNeeds', 'funds', 'attendance', 'monitoring', 'householdsNotice', 'monitoringNotice'] as ReportKind[])('%s: every row and total equals the independent count', async (report) => {
      const { preview, tables } = await exported({ report, ...scope, from, to }, format);
      const expected = expectedTables(world.ledgers, world.villageIds, period(), { full: false, district: false, threshold: world.threshold });
      for (const back of tables) {
        const where = `${report} ${format} ${back.key}`;
        expect(back.lines, where).toEqual([preview.title, ...preview.titleRows, preview.tables.find((t) => t.key === back.key)!.caption]);
        expect(back.header, where).toEqual(preview.tables.find((t) => t.key === back.key)!.columns.map((c) => c.header));
        if (back.key === 'overview') {
          const m = expectedMeasures(world.ledgers, world.villageIds, period(), VISIT_MEASURES, false);
          expectTable(back, { rows: m.rows, totals: [m.total] }, where);
        } else if (back.key === 'sources') {
          // Sources come most money first; ties have no order worth pinning here.
          const sort = (rows: CellValue[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
          expectRows(sort(back.rows.slice(0, -1)), sort(expected.sources!.rows), `${where}: data rows`);
          expectRows(back.rows.slice(-1), expected.sources!.totals, `${where}: totals`);
          const received = back.rows.slice(0, -1).map((r) => r[1] as number);
          expect(received, `${where}: most received first`).toEqual([...received].sort((a, b) => b - a));
        } else {
          expectTable(back, expected[back.key]!, where);
        }
        expect(back.rows.length, `${where}: the preview counted as many data rows`).toBe(preview.tables.find((t) => t.key === back.key)!.dataRows + 1);
      }
    });

    it('summary: each village side by side with the dashboards’ measures, and the totals row', async () => {
      const { tables } = await exported({ report: 'summary', ...scope, from, to }, format);
      const m = expectedMeasures(world.ledgers, world.villageIds, period(), SUMMARY_MEASURES, false);
      expect(tables).toHaveLength(1);
      expectTable(tables[0]!, { rows: m.rows, totals: [m.total] }, `summary ${format}`);
      expect(m.rows.length).toBe(6);
    });

    it('scorecard: the headline figures, each with its number, unit and money', async () => {
      const { tables } = await exported({ report: 'scorecard', ...scope, from, to }, format);
      const h = count(world.ledgers, world.villageIds, period()).headline();
      const rows = tables[0]!.rows;
      expect(rows.map((r) => r[1])).toEqual(['走访群众', '培养后备干部', '改扩建村活动场所', '制定帮扶计划', '引进项目', '公开承诺', '解决诉求']);
      expect(rows.map((r) => r[3])).toEqual(['户', '名', '处', '个', '个', '项', '件']);
      const want: Record<(typeof HEADLINE_KEYS)[number], number | null> = {
        visitedHouseholds: h.visitedHouseholds, reserveCadres: h.reserveCadres, venuesRebuilt: h.venuesRebuilt, plans: h.plans,
        projectsIntroduced: h.projectsIntroduced, commitments: h.commitments, needsSolved: h.needsSolved,
      };
      expectRows(rows.map((r) => [r[2]!, r[4]!]), HEADLINE_KEYS.map((k) => [want[k], k === 'projectsIntroduced' ? h.projectsMoneyFen : null]), `scorecard ${format}`);
      expect(rows[0]![5]).toBe(`走访群众 ${h.visitedHouseholds.toLocaleString('en-US')} 户`);
    });
  });
});

describe('the monthly report of one village', () => {
  const period = { from: '2026-10-01', to: '2026-10-31', today: '2026-11-27' };

  it.each(FORMATS)('to %s: its overview, duties, plans, needs, projects and commitments equal the independent count; its highlights are the fullest entries', async (format) => {
    const villageId = world.villageIds[2]!;
    const { tables } = await exported({ report: 'monthly', scope: 'village', villageId, from: period.from, to: period.to }, format);
    const c = count(world.ledgers, [villageId], period);
    const m = c.measuresOf(villageId);
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    const byKey = Object.fromEntries(tables.map((t) => [t.key, t]));
    expect(Object.keys(byKey)).toEqual(['overview', 'duties', 'plans', 'needs', 'projects', 'commitments', 'highlights']);
    expectRows(byKey.overview!.rows.map((r) => [r[2]!]), [
      m.presenceMonthDays, world.threshold, m.leaveMonthDays, m.diaryMonthEntries, m.visits, m.visitedHouseholds, m.households, ratio(m.visitedHouseholds, m.households),
      m.needsRaised, m.needsSolved, m.needsOpen, m.needsOverdue, m.plans, m.plansDone, ratio(m.plansDone, m.plans), m.projects, m.budgetFen, m.receivedFen, m.spentFen,
      ratio(m.spentFen, m.receivedFen), m.commitments, m.commitmentsDone, m.commitmentsOverdue, m.monitored, m.monitoringOverdue,
    ].map((v) => [v]), `monthly ${format} overview`);
    // By the township's duties (the standard five); a plan is done when marked or its done value reached its target.
    const numbers = (p: (typeof c.plans)[number]) => (typeof p.target_value === 'number' && p.target_value > 0 && typeof p.actual_value === 'number' ? { t: p.target_value, d: p.actual_value } : null);
    const duties = DEFAULT_DUTIES.map((d) => {
      const mine = c.plans.filter((p) => p.village_id === villageId && p.duty === d);
      const done = mine.filter((p) => { const n = numbers(p); return p.status === 'done' || (n !== null && n.d >= n.t); }).length;
      const progress = mine.reduce((s, p) => { const n = numbers(p); return s + (n ? Math.min(1, n.d / n.t) : p.status === 'done' ? 1 : 0); }, 0);
      return [d, mine.length, done, ratio(done, mine.length), mine.length ? Math.round((progress / mine.length) * 10_000) / 10_000 : null];
    });
    expectTable(byKey.duties!, { rows: duties, totals: [['合计', m.plans, m.plansDone, ratio(m.plansDone, m.plans), null]] }, `monthly ${format} duties`);
    const expected = expectedTables(world.ledgers, [villageId], period, { full: false, district: false, threshold: world.threshold });
    for (const key of ['plans', 'needs', 'projects', 'commitments']) expectTable(byKey[key]!, expected[key]!, `monthly ${format} ${key}`);

    const eligible = world.ledgers.diary.filter((d) => d.deleted_at === null && d.village_id === villageId && (d.entry_date as string) >= period.from && (d.entry_date as string) <= period.to && String(d.content ?? '').trim() && JSON.parse(String(d.duty_tags ?? '[]')).length > 0);
    const quoted = byKey.highlights!.rows.slice(0, -1);
    expect(quoted.length).toBe(Math.min(10, eligible.length));
    expect(quoted.length).toBeGreaterThan(0);
    const lengths = quoted.map((r) => eligible.find((d) => d.entry_date === r[1] && String(d.content).startsWith(String(r[4]).replace(/…$/, '')))!.content!.toString().length);
    const left = eligible.filter((d) => !quoted.some((r) => r[1] === d.entry_date)).map((d) => String(d.content).length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(Math.max(0, ...left));
    expect(quoted.map((r) => r[1])).toEqual([...quoted.map((r) => r[1])].sort());
  });
});
