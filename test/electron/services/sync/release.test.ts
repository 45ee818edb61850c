// Changes set aside at import are merged once what kept them out has changed: trust widened
// through devices.trust (OUT_OF_SCOPE), or this computer's clock caught up (FUTURE_CLOCK) by the
// next import batch of any kind — sync.now, sync.importFiles, sync.run — each of which reports
// how many it released, so the screen can say "N 条先前搁置的更改已合并".
import { describe, expect, it, afterEach } from 'vitest';
import { APP_START_TIME, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { openSyncDevice, recordVisit, SECOND_SECRETARY, trustFor, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) device.close();
});

const DAY = 24 * 3_600_000;

/** Two secretaries with wall clocks of their own; `b` writes into `a`'s view of the township. */
async function pair(trustOfB: 'own village' | 'no village') {
  const walls = { a: APP_START_TIME, b: APP_START_TIME };
  const a = await openSyncDevice(tempDir(), SECRETARY_SETUP, undefined, () => walls.a);
  const b = await openSyncDevice(tempDir(), SECOND_SECRETARY, undefined, () => walls.b);
  opened.push(a, b);
  await trustFor(a, b, '王芳', 'secretary', trustOfB === 'own village' ? [b.villageId!] : []);
  await trustFor(b, a, '李明', 'secretary', [a.villageId!]);
  const held = (reason: string) => a.context.db.sqlite.prepare('SELECT count(*) FROM quarantine WHERE reason = ?').pluck().get(reason) as number;
  const visitsOfB = () => a.context.db.sqlite.prepare('SELECT count(*) FROM visits WHERE village_id = ?').pluck().get(b.villageId) as number;
  return { a, b, walls, held, visitsOfB, folder: tempDir() };
}

describe('releasing changes set aside', () => {
  it('devices.trust widening a device to its village merges what it sent before, and says how many', async () => {
    const { a, b, held, visitsOfB, folder } = await pair('no village');
    await recordVisit(b);
    await b.api.sync.now({ folder });
    const first = await a.api.sync.now({ folder });
    const setAside = first.receipts[0]!.setAside.OUT_OF_SCOPE ?? 0;
    expect(setAside).toBeGreaterThan(0);
    expect(first.released).toBe(0);
    expect(held('OUT_OF_SCOPE')).toBe(setAside);
    expect(visitsOfB()).toBe(0);

    const widened = await trustFor(a, b, '王芳', 'secretary', [b.villageId!]);
    expect(widened).toMatchObject({ deviceId: b.id, villages: [b.villageId], released: setAside });
    expect(held('OUT_OF_SCOPE')).toBe(0);
    expect(visitsOfB()).toBe(1);
    // Nothing left to release: the same trust again releases none.
    expect((await trustFor(a, b, '王芳', 'secretary', [b.villageId!])).released).toBe(0);
  });

  it.each(['sync.now', 'sync.importFiles', 'sync.run'] as const)('%s merges changes that were too far ahead once the clock has caught up', async (method) => {
    const { a, b, walls, held, visitsOfB, folder } = await pair('own village');
    walls.b += 3 * DAY;
    await recordVisit(b);
    const file = (await b.api.sync.now({ folder })).exported.file!;
    const first = await a.api.sync.importFiles({ paths: [file] });
    const setAside = first.receipts[0]!.setAside.FUTURE_CLOCK ?? 0;
    expect(setAside).toBeGreaterThan(0);
    expect(first.released).toBe(0);
    expect(visitsOfB()).toBe(0);

    walls.a += 3 * DAY;
    let released: number;
    if (method === 'sync.now') {
      const result = await a.api.sync.now({ folder });
      expect([result.receipts, result.known]).toEqual([[], 1]);
      released = result.released;
    } else if (method === 'sync.importFiles') {
      const result = await a.api.sync.importFiles({ paths: [file] });
      expect(result.receipts.map((r) => r.status)).toEqual(['already-imported']);
      released = result.released;
    } else {
      const target = await a.api.sync.saveTarget({ kind: 'folder', name: '空文件夹', folder: tempDir() });
      const result = await a.api.sync.run({ id: target.id });
      expect(result.status.lastCounts).toMatchObject({ filesIn: 0, released: setAside });
      released = result.released;
    }
    expect(released).toBe(setAside);
    expect(held('FUTURE_CLOCK')).toBe(0);
    expect(visitsOfB()).toBe(1);
  });
});
