// records.history through the app's own API and real files: a household written on this computer,
// edited on another that synced, a conflict of two edits and the person's choice settling it; who,
// which device, before and after, newest first; ID numbers masked; another village's record absent.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_START_TIME, openTestApp, SECRETARY_SETUP, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

type Device = TestApp & { id: string; villageId: string };

async function device(setup: Parameters<TestApp['api']['device']['setup']>[0]): Promise<Device> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  const profile = await app.api.device.setup(setup);
  return Object.assign(app, { villageId: profile.villageIds[0]!, id: profile.deviceId });
}

/** `from`'s changes carried to `to` in a real file. */
async function carry(from: TestApp, to: TestApp): Promise<void> {
  const file = (await from.api.sync.exportFile({ path: tempDir() })).file!;
  expect((await to.api.sync.importFiles({ paths: [file] })).receipts[0]).toMatchObject({ status: 'imported' });
}

describe('records.history', () => {
  it("names who changed which field on which device, before and after, and a conflict and how it was settled", async () => {
    const a = await device(SECRETARY_SETUP);
    const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
    await c.api.devices.trust({ deviceId: a.id, publicKey: a.context.identity.publicKeyPem, name: '李明', role: 'secretary', villages: [a.villageId], township: null });
    await a.api.devices.trust({ deviceId: c.id, publicKey: c.context.identity.publicKeyPem, name: '赵镇', role: 'coordinator', villages: [], township: '青石镇' });

    const household = await a.api.households.create({ villageId: a.villageId, headName: '张大山', address: '东头', category: 'ordinary' });
    await carry(a, c);
    a.advance(60_000);
    c.advance(60_000);
    // Both change the address without knowing of the other: a conflict.
    await a.api.households.update({ id: household.id, patch: { address: '村东头' } });
    await c.api.households.update({ id: household.id, patch: { address: '东头三号' } });
    await carry(c, a);

    const before = (await a.api.records.history({ ledger: 'households', id: household.id })).entries;
    const open = before.filter((e) => e.field === 'address' && e.conflict);
    expect(open.map((e) => [e.after, e.who, e.self]).sort()).toEqual([['村东头', '李明', true], ['东头三号', '赵镇', false]].sort());
    const theirs = before.find((e) => e.after === '东头三号')!;
    expect(theirs).toMatchObject({ origin: c.id, role: 'coordinator', before: ['东头'], kind: 'edited', resolved: false });
    // The first values, written when the record was made, read as its creation.
    expect(before.find((e) => e.field === 'headName')).toMatchObject({ kind: 'created', before: [], after: '张大山', who: '李明' });
    expect(before.filter((e) => e.field === 'address').map((e) => e.kind).sort()).toEqual(['created', 'edited', 'edited']);

    a.advance(60_000);
    await a.api.conflicts.resolve({ tbl: 'households', rowId: household.id, col: 'address', value: '东头三号' });
    const after = (await a.api.records.history({ ledger: 'households', id: household.id })).entries;
    expect(after[0]).toMatchObject({ field: 'address', after: '东头三号', resolved: true, conflict: false, self: true });
    expect([...after[0]!.before].sort()).toEqual(['东头三号', '村东头'].sort());
    expect(after.filter((e) => e.conflict)).toEqual([]);
    // Newest first.
    expect(after.map((e) => e.at)).toEqual([...after.map((e) => e.at)].sort().reverse());
  });

  it('masks ID numbers and phone numbers, before and after', async () => {
    const a = await device(SECRETARY_SETUP);
    const household = await a.api.households.create({ villageId: a.villageId, headName: '张大山', category: 'ordinary', phone: '13812345678' });
    const member = await a.api.members.create({ villageId: a.villageId, householdId: household.id, name: '张小山', relation: 'child', idNumber: '11010519491231002X' });
    await a.api.members.update({ id: member.id, patch: { idNumber: '110105198001011238' } });
    const entries = (await a.api.records.history({ ledger: 'members', id: member.id })).entries.filter((e) => e.field === 'idNumber');
    expect(entries.map((e) => [e.before, e.after])).toEqual([[['1101**********002X'], '1101**********1238'], [[], '1101**********002X']]);
    const phone = (await a.api.records.history({ ledger: 'households', id: household.id })).entries.find((e) => e.field === 'phone');
    expect(phone?.after).toBe('138****5678');
    expect(JSON.stringify(await a.api.records.history({ ledger: 'members', id: member.id }))).not.toMatch(/19491231|19800101/);
  });

  it('a record of a village this device does not keep, or none at all, is NOT_FOUND', async () => {
    const a = await device(SECRETARY_SETUP);
    const b = await device({ ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] });
    const theirs = await b.api.households.create({ villageId: b.villageId, headName: '王秀英', category: 'ordinary' });
    await a.api.devices.trust({ deviceId: b.id, publicKey: b.context.identity.publicKeyPem, name: '王芳', role: 'secretary', villages: [b.villageId], township: null });
    await carry(b, a);
    await expect(a.api.records.history({ ledger: 'households', id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(a.api.records.history({ ledger: 'households', id: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(APP_START_TIME).toBeGreaterThan(0);
  });
});
