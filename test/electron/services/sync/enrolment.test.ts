// Enrolment through the app's own API: a coordinator trusts its secretaries on the sync screen
// (devices.trust signs an enrolment), its exported file carries them, and a district that trusts
// only the coordinator imports it — the receipt names who was vouched for by whom and the
// devices list says so. Rows trusted before enrolments existed are signed when exported.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { villageNamesIn } from '../../../helpers/databaseDump';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

type Device = TestApp & { id: string; villageId: string | undefined };

async function device(setup: Parameters<TestApp['api']['device']['setup']>[0]): Promise<Device> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  const profile = await app.api.device.setup(setup);
  return Object.assign(app, { villageId: profile.villageIds[0], id: profile.deviceId });
}

/** A person at `who` compares `whom`'s fingerprint and trusts it. */
async function trust(who: TestApp, whom: Device, name: string, role: 'secretary' | 'coordinator', township: string | null = null): Promise<void> {
  await who.api.devices.trust({ deviceId: whom.id, publicKey: whom.context.identity.publicKeyPem, name, role, villages: whom.villageId ? [whom.villageId] : [], township });
}

/** Two secretaries' files merged by their coordinator, who trusted both; the coordinator's exported file. */
async function townshipFile(beforeExport: (coordinator: Device) => void = () => undefined) {
  const a = await device(SECRETARY_SETUP);
  const b = await device({ ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] });
  const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
  await trust(c, a, '李明', 'secretary');
  await trust(c, b, '王芳', 'secretary');
  const folder = tempDir();
  await a.api.sync.now({ folder });
  await b.api.sync.now({ folder });
  expect((await c.api.sync.now({ folder })).receipts.map((r) => r.status)).toEqual(['imported', 'imported']);
  beforeExport(c);
  const file = (await c.api.sync.exportFile({ path: tempDir() })).file!;
  const district = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '县区', township: '临河县直', villages: [] });
  await trust(district, c, '赵镇', 'coordinator', '青石镇');
  return { a, b, c, district, file };
}

describe('enrolment through the API', () => {
  it('a district trusting only the coordinator imports its file; the receipt and the devices list say who vouched for whom', async () => {
    const { a, b, c, district, file } = await townshipFile();
    const { receipts } = await district.api.sync.importFiles({ paths: [file] });
    expect(receipts[0]).toMatchObject({ status: 'imported', setAside: {}, refusal: null });
    expect(receipts[0]!.enrolled?.map((e) => [e.name, e.issuerName]).sort()).toEqual([['李明', '赵镇'], ['王芳', '赵镇']]);
    expect(villageNamesIn(district.context.db.sqlite)).toEqual(['张家村', '李家村']);

    const { trusted } = await district.api.devices.list();
    const byId = new Map(trusted.map((d) => [d.deviceId, d]));
    expect(byId.get(a.id)).toMatchObject({ name: '李明', villages: [a.villageId], vouchedBy: { deviceId: c.id, name: '赵镇' } });
    expect(byId.get(b.id)?.vouchedBy).toEqual({ deviceId: c.id, name: '赵镇' });
    // Trusted by a person here: no voucher to name.
    expect(byId.get(c.id)?.vouchedBy).toBeUndefined();
  });

  it('signs, when exporting, the devices trusted before enrolments existed', async () => {
    const { district, file } = await townshipFile((c) => {
      c.context.db.sqlite.prepare('UPDATE trusted_devices SET enrolled_by = NULL, enrolment_at = NULL, enrolment_sig = NULL').run();
    });
    const { receipts } = await district.api.sync.importFiles({ paths: [file] });
    expect(receipts[0]).toMatchObject({ status: 'imported', refusal: null });
    expect(receipts[0]!.enrolled).toHaveLength(2);
  });
});
