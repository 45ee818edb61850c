// The demo township's made-up villages never mix with real data: its files are marked as demo
// in the signed header, a real installation refuses them by name (DEMO_FILE) before asking to
// trust anyone and changes nothing, and another demo installation takes them. Real files carry
// no mark at all, so readers from before the mark read them as ever.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { COORDINATOR, openSyncDevice, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) device.close();
});

/** The header of a plain .cunji file, as its bytes hold it. */
function headerOf(path: string): Record<string, unknown> {
  const bytes = readFileSync(path);
  const length = bytes.readUInt32BE(8);
  return JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as Record<string, unknown>;
}

async function demoDevice(): Promise<SyncDevice> {
  const device = await openSyncDevice(tempDir(), null);
  opened.push(device);
  await device.api.demo.load();
  return device;
}

// The first two tests load the demo township (six villages), the second into two installations,
// and export and import its file: 6 s alone, over 30 s on a CI machine running a second suite.
describe("the demo township's files", { timeout: 120_000 }, () => {
  it('are marked as demo, and a real installation refuses them by name, asks to trust no one and changes nothing', async () => {
    const demo = await demoDevice();
    const { file } = await demo.api.sync.exportFile({ path: tempDir() });
    expect(headerOf(file!).demo).toBe(true);

    const real = await openSyncDevice(tempDir(), COORDINATOR);
    opened.push(real);
    const before = snapshotDatabase(real.context.db.sqlite);
    const { receipts } = await real.api.sync.importFiles({ paths: [file!] });
    expect(receipts).toEqual([expect.objectContaining({ status: 'refused', refusal: expect.objectContaining({ reason: 'DEMO_FILE', devices: [] }) })]);
    expect(receipts[0]!.refusal!.message).toContain('demo township');
    expect(snapshotDatabase(real.context.db.sqlite)).toBe(before);
    // Through a shared folder too: the demo's file is refused, the real neighbour's file comes in.
    const folder = tempDir();
    await demo.api.sync.now({ folder });
    const run = await real.api.sync.now({ folder });
    expect(run.receipts.map((r) => r.refusal?.reason ?? r.status)).toEqual(['DEMO_FILE']);
    expect((await real.api.villages.list()).items).toEqual([]);
  });

  it('are taken by another demo installation (after trusting the sender, like any file)', async () => {
    const demo = await demoDevice();
    const { file } = await demo.api.sync.exportFile({ path: tempDir() });
    const other = await demoDevice();
    const first = (await other.api.sync.importFiles({ paths: [file!] })).receipts[0]!;
    expect(first.refusal?.reason).toBe('UNKNOWN_DEVICE');
    const offered = first.refusal!.devices[0]!;
    await other.api.devices.trust({ deviceId: offered.deviceId, publicKey: offered.publicKey!, name: offered.name!, role: 'coordinator', villages: [], township: '青石镇' });
    expect((await other.api.sync.importFiles({ paths: [file!] })).receipts[0]!.status).toBe('imported');
  });

  it('a real installation writes no demo mark: its files read as before', async () => {
    const real = await openSyncDevice(tempDir(), COORDINATOR);
    opened.push(real);
    await real.api.villages.create({ name: '李家村', township: '青石镇' });
    const { file } = await real.api.sync.exportFile({ path: tempDir() });
    expect('demo' in headerOf(file!)).toBe(false);
  });
});
