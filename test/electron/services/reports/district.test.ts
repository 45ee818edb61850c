// A district's reports: the summary groups its villages by township, each group closed by its
// subtotal row, then the total; ledgers carry the township beside the village. Every figure,
// subtotals included, equals the independent count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFormat } from '../../../../shared/domain/reports';
import { SUMMARY_MEASURES } from '../../../../electron/services/reports/figureTables';
import { expectOk } from '../../../helpers/openedApp';
import { expectedMeasures, expectedTables } from './expected';
import { twoTownshipDistrict, TODAY, type World } from './fixtures';
import { csvSections, expectRows, exportDone, fromCsv, fromXlsx, readCsv, readXlsx } from './readBack';

const PERIOD = { from: '2026-10-01', to: '2026-10-31' };

let world: World & { townships: string[] };
beforeAll(async () => {
  world = await twoTownshipDistrict();
}, 60_000);
afterAll(() => world.close());

async function rowsOf(format: ReportFormat, request: Parameters<typeof world.app.api.reports.preview>[0], table = 0) {
  const preview = await expectOk(world.app, 'reports.preview', request);
  const job = await exportDone(world.app, { ...request, format });
  expect(job.state).toBe('done');
  const t = preview.tables[table]!;
  const types = (r: number, length: number) => {
    const fromEnd = length - r;
    const row = fromEnd <= t.totals.length ? t.totals[t.totals.length - fromEnd] : t.rows[r];
    return t.columns.map((c, i) => row?.types?.[i] ?? c.type);
  };
  if (format === 'xlsx') {
    const body = (await readXlsx(job.file)).sheets[table]!.body;
    return { preview, rows: body.map((row, r) => row.map((v, i) => fromXlsx(types(r, body.length)[i]!, v))) };
  }
  const body = csvSections(readCsv(job.file), 1 + preview.titleRows.length).tables[table]!.body;
  return { preview, rows: body.map((row, r) => row.map((v, i) => fromCsv(types(r, body.length)[i]!, v))) };
}

describe.each(['xlsx', 'csv'] as ReportFormat[])('a district of two townships, to %s', (format) => {
  it('summary: villages grouped by township, each group’s subtotal, then the total', async () => {
    const { preview, rows } = await rowsOf(format, { report: 'summary', scope: 'district', ...PERIOD });
    const expected = expectedMeasures(world.ledgers, world.villageIds, { ...PERIOD, today: TODAY }, SUMMARY_MEASURES, true);
    expect(expected.subtotals).toHaveLength(2);
    expectRows(rows, [...expected.rows, expected.total], `district summary ${format}`);
    expect(preview.tables[0]!.rows.map((r) => r.kind)).toEqual(expected.rows.map((_, i) => (expected.subtotals.includes(i) ? 'subtotal' : 'data')));
    expect(preview.titleRows[0]).toContain('临河县2 个乡镇（街道）（6 个村）');
  });

  it('visits and needs: the township beside the village, every row and total as counted', async () => {
    const expected = expectedTables(world.ledgers, world.villageIds, { ...PERIOD, today: TODAY }, { full: false, district: true, threshold: world.threshold });
    for (const [table, key] of [[1, 'visits'], [2, 'needs']] as const) {
      const { rows } = await rowsOf(format, { report: 'visitsNeeds', scope: 'district', ...PERIOD }, table);
      expectRows(rows, [...expected[key]!.rows, ...expected[key]!.totals], `district ${key} ${format}`);
      expect(new Set(rows.slice(0, -1).map((r) => r[0]))).toEqual(new Set(world.townships));
    }
  });

  it('a township of the district on its own, by name', async () => {
    const township = world.townships[1]!;
    const { rows } = await rowsOf(format, { report: 'summary', scope: 'township', township, ...PERIOD });
    const ids = world.ledgers.villages.filter((v) => v.township === township).map((v) => v.id as string);
    const expected = expectedMeasures(world.ledgers, ids, { ...PERIOD, today: TODAY }, SUMMARY_MEASURES, false);
    expectRows(rows, [...expected.rows, expected.total], `township ${township} ${format}`);
  });
});
