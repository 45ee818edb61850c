// ID and phone numbers: masked in every report unless the person ticks "show in full", which the
// title rows then say; never in full in a public notice (公示版), whatever is ticked — and a notice
// has no phone, health or income column at all. Checked by scanning every cell of every export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_KINDS, isPublicNotice, type ReportFormat, type ReportKind } from '../../../../shared/domain/reports';
import { expectOk } from '../../../helpers/openedApp';
import { demoTownship, type World } from './fixtures';
import { everyText, exportDone, readXlsx } from './readBack';

/** A full resident ID number: 17 digits and a check character, not inside a longer run of digits. */
const FULL_ID = /(?<![\dX])\d{17}[\dX](?![\dX])/;
/** A full mainland mobile number. */
const FULL_MOBILE = /(?<!\d)1\d{10}(?!\d)/;
const PERIOD = { from: '2026-01-01', to: '2026-11-27' };

let world: World;
beforeAll(async () => {
  world = await demoTownship();
}, 60_000);
afterAll(() => world.close());

function requestOf(report: ReportKind) {
  return report === 'monthly' ? { report, scope: 'village' as const, villageId: world.villageIds[0]!, ...PERIOD } : { report, scope: 'township' as const, ...PERIOD };
}

async function scan(report: ReportKind, format: ReportFormat, extra: Record<string, unknown>) {
  const job = await exportDone(world.app, { ...requestOf(report), format, ...extra });
  expect(job.state).toBe('done');
  const texts = await everyText(job.file);
  return { job, texts, ids: texts.filter((t) => FULL_ID.test(t)), phones: texts.filter((t) => FULL_MOBILE.test(t)) };
}

describe.each(['xlsx', 'csv'] as ReportFormat[])('every report to %s', (format) => {
  it.each(REPORT_KINDS)('%s: no full ID or phone number unless asked for, and never in a notice', async (report) => {
    const masked = await scan(report, format, {});
    expect(masked.ids, `${report}: full ID numbers`).toEqual([]);
    expect(masked.phones, `${report}: full phone numbers`).toEqual([]);

    const ticked = await scan(report, format, { showFullNumbers: true });
    const preview = await expectOk(world.app, 'reports.preview', { ...requestOf(report), showFullNumbers: true, limit: 1 });
    if (isPublicNotice(report)) {
      expect(ticked.ids, `${report} with full numbers ticked`).toEqual([]);
      expect(ticked.phones, `${report} with full numbers ticked`).toEqual([]);
      expect(preview.privacy).toBe('notice');
      expect(preview.titleRows.at(-1)).toBe('公示版：身份证号只显示前 6 位和后 4 位；不含电话、银行账户、健康和收入信息');
    }
    if (report === 'monitoring') expect(ticked.ids.length, 'the monitored households’ ID numbers, in full when asked').toBeGreaterThan(0);
    if (['monitoring', 'visitsNeeds', 'attendance'].includes(report)) {
      expect(ticked.phones.length, `${report}: phones in full when asked`).toBeGreaterThan(0);
      expect(preview.privacy).toBe('full');
      // The file itself says so on its title rows.
      expect(ticked.texts).toContain('注意：本表按导出人的选择完整显示身份证号和电话号码，仅供内部工作使用，请妥善保管，不得公开');
      expect(masked.texts).toContain('身份证号、电话号码已隐去中间数字（导出时未选择完整显示）');
    }
  });
});

describe('a public notice', () => {
  it('shows names and village groups, the head’s ID number as its first 6 and last 4 digits, and nothing else personal', async () => {
    for (const report of ['householdsNotice', 'monitoringNotice'] as const) {
      const job = await exportDone(world.app, { ...requestOf(report), format: 'xlsx', showFullNumbers: true });
      const { sheets } = await readXlsx(job.file);
      const sheet = sheets[0]!;
      expect(sheet.header).toEqual(
        report === 'householdsNotice'
          ? ['村', '序号', '村民小组', '户主姓名', '身份证号', '家庭人口']
          : ['村', '序号', '村民小组', '户主姓名', '身份证号', '监测类型', '公示期', '确认日期'],
      );
      const idColumn = sheet.header.indexOf('身份证号');
      const ids = sheet.body.slice(0, -1).map((r) => r[idColumn]).filter((v) => v !== null);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
  });

  it('leaves the ID number column out when asked', async () => {
    const job = await exportDone(world.app, { ...requestOf('householdsNotice'), format: 'csv', noticeIds: 'omitted' });
    const texts = await everyText(job.file);
    expect(texts.some((t) => /\d{6}\*+\d{3}[\dX]/.test(t))).toBe(false);
    expect(texts).not.toContain('身份证号');
    expect(texts).toContain('公示版：不显示身份证号；不含电话、银行账户、健康和收入信息');
  });
});
