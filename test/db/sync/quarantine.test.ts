// Changes set aside at import are merged once what kept them out has changed — a device
// trusted for more villages, a clock that caught up — and end exactly as if they had passed at
// once; what still fails stays set aside, and nothing else moves.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpLedgers } from '../../../db/sync/dump';
import { releaseQuarantine } from '../../../db/sync/quarantine';
import { prepareSample } from '../../helpers/ledgerSamples';
import { expectOk, openTestApp, SECRETARY_SETUP, snapshotDatabase, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';
import { villageNamesIn } from '../../helpers/databaseDump';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

const HOUR = 3_600_000;

type Device = TestApp & { id: string; villageId: string };

async function device(setup: Parameters<TestApp['api']['device']['setup']>[0]): Promise<Device> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  const profile = await app.api.device.setup(setup);
  return Object.assign(app, { id: profile.deviceId, villageId: profile.villageIds[0] ?? '' });
}

const coordinator = () => device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });

/** How many held changes the trust released (devices.trust re-judges them at once). */
async function trust(who: TestApp, whom: Device, villages: string[]): Promise<number> {
  return (await who.api.devices.trust({ deviceId: whom.id, publicKey: whom.context.identity.publicKeyPem, name: '王芳', role: 'secretary', villages, township: null })).released;
}

const release = (app: TestApp) =>
  releaseQuarantine(app.context.db.sqlite, app.context.clock, { selfId: app.context.identity.deviceId, now: app.context.now });
const heldCount = (app: TestApp, reason: string) => app.context.db.sqlite.prepare('SELECT count(*) FROM quarantine WHERE reason = ?').pluck().get(reason) as number;

/** A secretary who also keeps a second village of her own, and her file in a shared folder. */
async function secretaryWithTwoVillages() {
  const b = await device({ ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] });
  const other = await b.api.villages.create({ name: '外村', township: '别的镇' });
  await expectOk(b, 'households.create', { villageId: other.id, headName: '外人', villagerGroup: '一组', category: 'ordinary' });
  await expectOk(b, 'visits.create', (await prepareSample(b, 'visits', b.villageId)) as never);
  const folder = tempDir();
  await b.api.sync.now({ folder });
  return { b, other, folder };
}

describe('releasing what was set aside', () => {
  it('merges a device\'s out-of-scope changes once it is trusted for their village, ending as if trusted from the start', async () => {
    const { b, other, folder } = await secretaryWithTwoVillages();
    const late = await coordinator();
    await trust(late, b, [b.villageId]);
    const first = await late.api.sync.now({ folder });
    expect(first.receipts[0]!.setAside.OUT_OF_SCOPE).toBeGreaterThan(0);
    expect(villageNamesIn(late.context.db.sqlite)).not.toContain('外村');

    // Nothing changed yet: re-judging keeps everything where it is, byte for byte.
    const before = snapshotDatabase(late.context.db.sqlite);
    expect(release(late)).toEqual({ released: 0, held: first.receipts[0]!.setAside.OUT_OF_SCOPE });
    expect(snapshotDatabase(late.context.db.sqlite)).toBe(before);

    expect(await trust(late, b, [b.villageId, other.id])).toBe(first.receipts[0]!.setAside.OUT_OF_SCOPE);
    expect(release(late)).toEqual({ released: 0, held: 0 });
    expect(heldCount(late, 'OUT_OF_SCOPE')).toBe(0);

    const early = await coordinator();
    await trust(early, b, [b.villageId, other.id]);
    const direct = await early.api.sync.now({ folder });
    expect(direct.receipts[0]!.setAside).toEqual({});
    expect(dumpLedgers(late.context.db.sqlite)).toBe(dumpLedgers(early.context.db.sqlite));
    expect(late.context.db.sqlite.prepare('SELECT head_name FROM households WHERE village_id = ?').pluck().all(other.id)).toEqual(['外人']);
  });

  it('merges changes from a clock that ran ahead once this computer\'s clock has caught up, not before', async () => {
    const a = await device(SECRETARY_SETUP);
    const c = await coordinator();
    await trust(c, a, [a.villageId]);
    a.advance(48 * HOUR);
    await expectOk(a, 'visits.create', (await prepareSample(a, 'visits', a.villageId)) as never);
    const folder = tempDir();
    await a.api.sync.now({ folder });
    const receipt = (await c.api.sync.now({ folder })).receipts[0]!;
    const held = receipt.setAside.FUTURE_CLOCK!;
    expect(held).toBeGreaterThan(0);

    c.advance(12 * HOUR); // still more than a day behind the visit
    expect(release(c)).toEqual({ released: 0, held });
    expect(c.context.db.sqlite.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(0);

    c.advance(24 * HOUR);
    expect(release(c)).toEqual({ released: held, held: 0 });
    expect(c.context.db.sqlite.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(1);
    expect(dumpLedgers(c.context.db.sqlite)).toBe(dumpLedgers(a.context.db.sqlite));
  });

  it('keeps a future change that is also out of scope set aside, under its scope reason once the clock has caught up', async () => {
    const { b, folder } = await secretaryWithTwoVillages();
    const c = await coordinator();
    await trust(c, b, [b.villageId]);
    b.advance(48 * HOUR);
    const outside = await b.api.villages.create({ name: '远村', township: '别的镇' });
    await b.api.sync.now({ folder });
    await c.api.sync.now({ folder });
    const future = heldCount(c, 'FUTURE_CLOCK');
    expect(future).toBeGreaterThan(0);

    c.advance(72 * HOUR);
    release(c);
    expect(heldCount(c, 'FUTURE_CLOCK')).toBe(0);
    expect(c.context.db.sqlite.prepare('SELECT id FROM villages').pluck().all()).not.toContain(outside.id);
    const reasons = c.context.db.sqlite.prepare("SELECT DISTINCT reason FROM quarantine WHERE change_id LIKE '%' || ?").pluck().all(b.id);
    expect(reasons).toEqual(['OUT_OF_SCOPE']);
  });
});
