// The township the dashboard figures are checked on: whole apps on real SQLite files, with clocks
// the test moves. 青石镇's coordinator keeps six generated villages (the demo generator) and two
// of another township; a secretary of a seventh village syncs to her by file, with a village she
// is not trusted for (held at import) and, later, changes too far ahead of the coordinator's
// clock (held too). A district keeps 青石镇 and a second township from its own coordinator.
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openApp, type OpenedApp } from '../../../electron/services/app';
import { generateTownship, loadVillages, type DemoVillage } from '../../../electron/services/demo/index';
import { createClient } from '../../../shared/api/client';
import type { ApiClient } from '../../../shared/api/types';
import type { DeviceProfile, DeviceSetupInput } from '../../../shared/domain/device';
import { transportOf } from '../../helpers/openedApp';
import { seedMigratedDatabase } from '../../helpers/migratedDatabase';

export const TODAY = '2026-11-27';
/** 00:30 on 27 November in China, still the 26th in UTC: a need recorded now was raised on the 27th. */
export const START = Date.UTC(2026, 10, 26, 16, 30);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Eighteen villages, six a township: 青石镇, then two more townships. */
export const GENERATED: DemoVillage[] = generateTownship({
  villages: 18,
  villagesPerTownship: 6,
  householdsPerVillage: [12, 20],
  years: 2,
  seed: 'cunji-dashboard-figures-1',
  today: TODAY,
});
export const QINGSHI = GENERATED[0]!.village.township;
export const SECOND_TOWNSHIP = GENERATED[6]!.village.township;
export const THIRD_TOWNSHIP = GENERATED[12]!.village.township;

export interface Device extends OpenedApp {
  readonly api: ApiClient;
  readonly id: string;
  readonly profile: DeviceProfile;
  /** Moves this device's wall clock on. */
  advance(ms: number): void;
  /** Sets this device's wall clock. */
  setTime(ms: number): void;
  now(): number;
}

export async function openDevice(dataDir: string, setup: DeviceSetupInput, startTime = START): Promise<Device> {
  let wall = startTime;
  seedMigratedDatabase(join(dataDir, DATABASE_FILE_NAME));
  const app = await openApp({ dataDir, appVersion: 'test', now: () => wall, sync: { autoStart: false } });
  const api = createClient(transportOf(app));
  const profile = await api.device.setup(setup);
  return Object.assign(app, {
    api,
    id: profile.deviceId,
    profile,
    advance: (ms: number) => {
      wall += ms;
    },
    setTime: (ms: number) => {
      wall = ms;
    },
    now: () => wall,
  });
}

export const coordinatorOf = (township: string, name: string) =>
  ({ role: 'coordinator', name, unit: `${township}党委`, unitLevel: 'township', township, county: '临河县' }) as const satisfies DeviceSetupInput;

export const SECRETARY = {
  role: 'secretary',
  name: '李明',
  unit: '省农业农村厅',
  unitLevel: 'province',
  township: '青石镇',
  county: '临河县',
  villages: [{ name: '东岭村', code: '371325101299' }],
} as const satisfies DeviceSetupInput;

export const DISTRICT = {
  role: 'district',
  name: '周强',
  unit: '临河县委组织部',
  unitLevel: 'county',
  county: '临河县',
  townships: ['青石镇', SECOND_TOWNSHIP],
} as const satisfies DeviceSetupInput;

/** `who` trusts `whom`: a secretary for her villages, a coordinator for its township. */
export async function trust(who: Device, whom: Device): Promise<number> {
  const coordinator = whom.profile.role === 'coordinator';
  const trusted = await who.api.devices.trust({
    deviceId: whom.id,
    publicKey: whom.context.identity.publicKeyPem,
    name: whom.profile.name,
    role: coordinator ? 'coordinator' : 'secretary',
    villages: coordinator ? [] : whom.profile.villageIds,
    township: coordinator ? whom.profile.township : null,
  });
  return trusted.released;
}

/** `from`'s whole file imported by `to`: the receipt. */
export async function carry(from: Device, to: Device, folder: string) {
  const { file } = await from.api.sync.exportFile({ path: folder, full: true });
  const { receipts } = await to.api.sync.importFiles({ paths: [file!] });
  return receipts[0]!;
}

/** Generated villages written through a device's store, as if it had always kept them. */
export function keepGenerated(device: Device, villages: DemoVillage[]): string[] {
  return loadVillages(device.context.store, villages);
}

/** What the secretary of 东岭村 records through the contract: a little of every ledger. */
export async function secretaryRecords(s: Device) {
  const villageId = s.profile.villageIds[0]!;
  const api = s.api;
  await api.secretaries.create({ villageId, name: '李明', unit: '省农业农村厅', unitLevel: 'province', termStart: '2025-03-01' });
  const household = async (headName: string) => (await api.households.create({ villageId, headName, villagerGroup: '一组', category: 'monitored' })).id;
  const zhao = await household('赵前进');
  const qian = await household('钱多多');
  const sun = await household('孙小满');
  const visit = async (householdId: string, visitDate: string) =>
    (await api.visits.create({ villageId, householdId, visitDate, mode: 'home', situation: '入户了解生产生活情况' })).id;
  const zhaoNovember = await visit(zhao, '2026-11-03');
  const qianOctober = await visit(qian, '2026-10-15');
  await visit(zhao, '2026-09-20');
  // Open and past its due date: the need the two devices will disagree on.
  const disputed = (await api.needs.create({ villageId, householdId: zhao, visitId: zhaoNovember, category: 'road', content: '修通组道', dueDate: '2026-11-10', status: 'open' })).id;
  // No visit and no household: raised on the China day it was recorded (the 27th, though UTC says the 26th).
  const unvisited = (await api.needs.create({ villageId, category: 'water', content: '自来水压力不足', status: 'in_progress' })).id;
  await api.needs.create({ villageId, householdId: qian, visitId: qianOctober, category: 'jobs', content: '介绍务工', dueDate: '2026-10-30', status: 'done', closedOn: '2026-10-20', outcome: '已介绍到县城务工' });
  // A slip: closed on the 10th, raised on a visit of the 15th. It was raised by the day it was closed.
  await api.needs.create({ villageId, householdId: qian, visitId: qianOctober, category: 'medical', content: '办理慢病卡', status: 'done', closedOn: '2026-10-10' });
  for (const [entryDate, presence] of [['2026-11-02', 'in_village'], ['2026-11-03', 'in_village'], ['2026-11-04', 'trip'], ['2026-11-05', 'in_village'], ['2026-01-05', 'in_village']] as const) {
    await api.diary.create({ villageId, entryDate, presence, content: '走访群众' });
  }
  await api.leaves.create({ villageId, startDate: '2026-11-10', endDate: '2026-11-11', days: 2, approverLevel: 'township', status: 'approved', reason: '事假' });
  await api.leaves.create({ villageId, startDate: '2025-12-30', endDate: '2026-01-02', days: 4, approverLevel: 'county', status: 'approved', reason: '探亲' });
  await api.leaves.create({ villageId, startDate: '2026-11-20', endDate: '2026-11-20', days: 1, approverLevel: 'township', status: 'rejected', reason: '事假' });
  const project = (await api.projects.create({ villageId, name: '东岭村光伏电站', kind: 'industry', status: 'building', budgetFen: 100_000_000, startDate: '2026-03-01' })).id;
  await api.funds.create({ villageId, projectId: project, direction: 'in', source: '省级财政', amountFen: 60_000_000, entryDate: '2026-03-05' });
  await api.funds.create({ villageId, projectId: project, direction: 'out', purpose: '设备采购', amountFen: 20_000_000, entryDate: '2026-06-01' });
  await api.plans.create({ villageId, year: 2026, duty: '抓好班子建设', goal: '发展党员2名', status: 'in_progress' });
  await api.commitments.create({ villageId, year: 2026, content: '硬化村内道路', dueDate: '2026-12-28', status: 'in_progress' });
  // Home check on 5 November and no county decision: 22 days on the 27th, past the 15; on 12
  // November: 15 days on the 27th, the last day of the clock.
  await api.monitoring.create({ villageId, householdId: sun, monitorType: 'sudden', riskTypes: ['illness'], homeCheckDate: '2026-11-05' });
  await api.monitoring.create({ villageId, householdId: qian, monitorType: 'marginal', riskTypes: ['education'], homeCheckDate: '2026-11-12' });

  // A village of 青石镇 the coordinator has not trusted her for: its rows must be held there.
  const stray = await api.villages.create({ name: '外村', township: '青石镇' });
  await api.households.create({ villageId: stray.id, headName: '外人', villagerGroup: '一组', category: 'ordinary' });
  return { villageId, zhao, qian, sun, disputed, unvisited, project, stray: stray.id };
}
