// The worlds the report tests export from: the demo township (a coordinator of 青石镇, six
// villages, two years of history) and a district of two generated townships. Each is opened
// once per test file in a folder of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTownship, loadVillages } from '../../../../electron/services/demo/index';
import { expectOk, openTestApp, type TestApp } from '../../../helpers/openedApp';
import { readLedgers, type Ledgers } from './oracle';

export const TODAY = '2026-11-27';

export interface World {
  readonly app: TestApp;
  readonly dir: string;
  readonly ledgers: Ledgers;
  readonly villageIds: string[];
  readonly threshold: number;
  close(): void;
}

async function worldOf(dir: string, app: TestApp): Promise<World> {
  const villageIds = (await expectOk(app, 'villages.list')).items.map((v) => v.id);
  return {
    app, dir, villageIds, ledgers: readLedgers(app.context.db.sqlite), threshold: (await expectOk(app, 'settings.get')).presenceThreshold,
    close: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function demoTownship(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-reports-'));
  const app = await openTestApp(dir);
  await expectOk(app, 'demo.load');
  return worldOf(dir, app);
}

/** A district device keeping two generated townships of three villages each. */
export async function twoTownshipDistrict(): Promise<World & { townships: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-reports-'));
  const app = await openTestApp(dir);
  const villages = generateTownship({ villages: 6, villagesPerTownship: 3, householdsPerVillage: [12, 18], years: 1, seed: 'reports-district', today: TODAY });
  const townships = [...new Set(villages.map((v) => v.village.township))];
  await expectOk(app, 'device.setup', { role: 'district', name: '周强', unit: '临河县委组织部', unitLevel: 'county', county: '临河县', townships });
  loadVillages(app.context.store, villages);
  return { ...(await worldOf(dir, app)), townships };
}
