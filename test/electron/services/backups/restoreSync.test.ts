// Restoring a backup through the whole app and one shared folder: the restored laptop re-syncs to
// exactly the ledgers it would have had without the restore — nothing deleted comes back, nothing
// sent is lost — without a second history under its old id (it continues as a new device its old
// key vouches for); restored twice, its files are still accepted by the coordinator.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpLedgers } from '../../../../db/sync/dump';
import { APP_START_TIME, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { COORDINATOR, openSyncDevice, trustFor, type SyncDevice } from '../sync/syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

async function secretaryAndCoordinator() {
  let wall = APP_START_TIME;
  const now = () => (wall += 1_000);
  const open = async (setup: Parameters<typeof openSyncDevice>[1]) => {
    const app = await openSyncDevice(tempDir(), setup, { autoStart: false }, now);
    opened.push(app);
    return app;
  };
  const a = await open(SECRETARY_SETUP);
  const c = await open(COORDINATOR);
  await trustFor(a, c, '赵镇', 'coordinator', []);
  await trustFor(c, a, '李明', 'secretary', [a.villageId!]);
  const folder = tempDir();
  let group = 0;
  const household = async (headName: string) =>
    (await a.api.households.create({ villageId: a.villageId!, headName, villagerGroup: `第${++group}组`, category: 'ordinary' })).id;
  const sync = async (app: SyncDevice) => {
    const result = await app.api.sync.now({ folder });
    expect(result.receipts.every((r) => r.status !== 'refused'), JSON.stringify(result.receipts.map((r) => r.refusal))).toBe(true);
    expect(result.receipts.flatMap((r) => r.forks ?? []), 'no second history of any device').toEqual([]);
    return result;
  };
  const ledgers = (app: SyncDevice) => dumpLedgers(app.context.db.sqlite);
  const live = (app: SyncDevice) => app.context.db.sqlite.prepare('SELECT head_name FROM households WHERE deleted_at IS NULL ORDER BY head_name').pluck().all();
  return { a, c, folder, household, sync, ledgers, live };
}

describe('a restored backup re-syncs', () => {
  it('to exactly the ledgers without the restore: deletes stay deleted, edits sent after the backup come back, no fork', async () => {
    const { a, c, household, sync, ledgers, live } = await secretaryAndCoordinator();
    const kept = await household('备份前户');
    const doomed = await household('将删除户');
    await sync(a);
    await sync(c);
    const oldId = a.context.identity.deviceId;
    // An edit not sent yet when the backup is taken: the backup must not sign it a second time under the old id.
    await a.api.households.update({ id: kept, patch: { villagerGroup: '第九组' } });
    const backup = await a.api.backups.create();
    expect(backup).toMatchObject({ kind: 'manual', counts: expect.objectContaining({ households: 2 }) as unknown });

    // After the backup: a new household, an edit, a delete — all sent; the coordinator receives them.
    await household('备份后户');
    await a.api.households.update({ id: kept, patch: { phone: '13800000000' } });
    await a.api.households.delete({ id: doomed });
    await sync(a);
    await sync(c);
    const withoutRestore = ledgers(a);
    expect(ledgers(c)).toBe(withoutRestore);

    const result = await a.api.backups.restore({ name: backup.name });
    expect(result.keptAs).toMatch(/^cunji-restore-/);
    // The app reopened on the backup: the old state, under a new id its old key vouches for.
    expect(live(a)).toEqual(['备份前户', '将删除户']);
    expect(a.context.identity.deviceId).not.toBe(oldId);
    expect((await a.api.backups.list()).items.map((i) => i.name)).toEqual(expect.arrayContaining([backup.name, result.keptAs]));

    await sync(a);
    expect(live(a)).toEqual(['备份前户', '备份后户']);
    expect(ledgers(a)).toBe(withoutRestore);
    // The restored laptop writes on; the coordinator accepts it as vouched for, and both agree.
    await household('恢复后户');
    await sync(a);
    const atC = await sync(c);
    expect(atC.receipts.flatMap((r) => r.enrolled ?? [])).toContainEqual(expect.objectContaining({ deviceId: a.context.identity.deviceId, issuer: oldId }));
    expect(ledgers(c)).toBe(ledgers(a));
  });

  it('restored twice, then exported: the coordinator accepts every file, and holds what was written after each restore', async () => {
    const { a, c, household, sync, ledgers, live } = await secretaryAndCoordinator();
    await household('第一户');
    await sync(a);
    await sync(c);
    const first = await a.api.backups.create();
    await household('第二户');
    await sync(a);

    await a.api.backups.restore({ name: first.name });
    const afterFirst = a.context.identity.deviceId;
    await household('恢复一次户');
    const second = await a.api.backups.create();
    await sync(a);

    await a.api.backups.restore({ name: second.name });
    expect(a.context.identity.deviceId).not.toBe(afterFirst);
    await household('恢复两次户');
    await sync(a);
    // One pass takes every file, whichever it meets first: the twice-restored laptop's file carries the
    // once-restored identity's card with the first identity's vouching, so the chain resolves in it alone.
    await sync(c);
    const atC = live(c);
    expect(atC).toEqual(expect.arrayContaining(['第一户', '第二户', '恢复一次户', '恢复两次户']));
    // Every identity of the chain was vouched for and is trusted at the coordinator without a person's decision.
    const trusted = (await c.api.devices.list()).trusted.map((d) => d.deviceId);
    expect(trusted).toEqual(expect.arrayContaining([afterFirst, a.context.identity.deviceId]));
    await sync(a);
    expect(ledgers(a)).toBe(ledgers(c));
  });

  it('restored twice without a sync between: the twice-restored laptop\'s file alone is accepted, its chain of identities vouched back to the one the coordinator trusts', async () => {
    const { a, c, household, sync, live } = await secretaryAndCoordinator();
    await household('第一户');
    await sync(a);
    await sync(c);
    const first = await a.api.backups.create();
    await a.api.backups.restore({ name: first.name });
    await household('恢复一次户');
    // Never synced: the coordinator has not met the once-restored identity.
    const second = await a.api.backups.create();
    await a.api.backups.restore({ name: second.name });
    await household('恢复两次户');

    const { file } = await a.api.sync.exportFile({ path: tempDir() });
    expect(file, 'the laptop has work to send').not.toBeNull();
    const result = await c.api.sync.importFiles({ paths: [file!] });
    expect(result.receipts.map((r) => r.refusal ?? null), 'the file is taken, not held for an unknown device').toEqual([null]);
    expect(live(c)).toEqual(expect.arrayContaining(['第一户', '恢复一次户', '恢复两次户']));
  });
});
