// LibreOffice (Debian's, headless) as a stand-in for WPS and Excel: every report's XLSX — the
// township's, a village's monthly report, a district's summary with subtotals — converts to PDF
// without error, and the PDF's text carries the report's Chinese title and its footer. Skipped,
// saying so, only where soffice is not installed (`apt-get install libreoffice-calc-nogui`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_KINDS } from '../../../../shared/domain/reports';
import { expectOk } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { demoTownship, twoTownshipDistrict, type World } from './fixtures';
import { exportDone } from './readBack';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
const PDFTOTEXT = existsSync('/usr/bin/pdftotext') ? '/usr/bin/pdftotext' : null;
const PERIOD = { from: '2026-10-01', to: '2026-10-31' };
const tempDir = useTempDirs();

if (!SOFFICE) console.warn('libreoffice.test.ts: skipped — no soffice here. Install it with: apt-get install -y libreoffice-calc-nogui');

let township: World;
let district: World;
beforeAll(async () => {
  if (!SOFFICE) return;
  township = await demoTownship();
  district = await twoTownshipDistrict();
}, 120_000);
afterAll(() => {
  township?.close();
  district?.close();
});

describe.skipIf(!SOFFICE)('LibreOffice opens every XLSX report', () => {
  it('converts each to PDF, exit 0, with the title and the footer in its text', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const out = join(dir, 'pdf');
    mkdirSync(out);
    const made: { name: string; title: string }[] = [];
    for (const report of REPORT_KINDS) {
      const request = report === 'monthly' ? { report, scope: 'village' as const, villageId: township.villageIds[0]! } : { report, scope: 'township' as const };
      const preview = await expectOk(township.app, 'reports.preview', { ...request, ...PERIOD, limit: 1 });
      const job = await exportDone(township.app, { ...request, ...PERIOD, format: 'xlsx' });
      copyFileSync(job.file, join(dir, `${report}.xlsx`));
      made.push({ name: report, title: preview.title });
    }
    const preview = await expectOk(district.app, 'reports.preview', { report: 'summary', scope: 'district', ...PERIOD, limit: 1 });
    copyFileSync((await exportDone(district.app, { report: 'summary', scope: 'district', ...PERIOD, format: 'xlsx' })).file, join(dir, 'districtSummary.xlsx'));
    made.push({ name: 'districtSummary', title: preview.title });

    // One soffice for all the files, with a profile of its own (no clash with a running LibreOffice).
    const run = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...made.map((m) => join(dir, `${m.name}.xlsx`))], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, `soffice: ${run.stderr}`).toBe(0);
    // soffice exits 0 even for a file it could not load ("source file could not be loaded"):
    // each PDF is looked for and read.
    expect(run.stderr).not.toMatch(/could not be loaded|Error:/);
    for (const { name, title } of made) {
      const pdf = join(out, `${name}.pdf`);
      expect(existsSync(pdf), `${name}.pdf was written`).toBe(true);
      expect(statSync(pdf).size, `${name}.pdf`).toBeGreaterThan(5_000);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      if (PDFTOTEXT) {
        const text = spawnSync(PDFTOTEXT, ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
        expect(text, `${name}: the Chinese title`).toContain(title.replace(/\s+/g, ''));
        expect(text, `${name}: the footer's period and page`).toContain(`${PERIOD.from}至${PERIOD.to}`);
        expect(text, `${name}: the footer's page number`).toMatch(/第1页，共\d+页/);
      }
    }
  });
});
