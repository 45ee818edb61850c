// A secretary who registers is posted to her villages: device.setup writes her own term record
// in the 驻村书记 ledger of each, through the one write path (so it syncs); a coordinator's or a
// district's registration writes none.
import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

describe('device.setup and the secretary’s term', () => {
  it('gives a registering secretary her own term record in each of her villages, from the day she names', async () => {
    const app = await openTestApp(tempDir());
    try {
      const profile = await expectOk(app, 'device.setup', {
        ...SECRETARY_SETUP,
        villages: [{ name: '李家村' }, { name: '王庄村' }],
        termStart: '2025-03-01',
      });
      const terms = await expectOk(app, 'secretaries.list', { offset: 0, limit: 10 });
      expect(terms.items.map((row) => [row.villageId, row.name, row.unit, row.unitLevel, row.termStart, row.termEnd]).sort()).toEqual(
        profile.villageIds.map((id) => [id, '李明', '省农业农村厅', 'province', '2025-03-01', null]).sort(),
      );
      // Written through the store: every column is in the change log, so the term syncs.
      const logged = app.context.db.sqlite.prepare("SELECT count(DISTINCT row_id) FROM changes WHERE tbl = 'secretaries'").pluck().get();
      expect(logged).toBe(2);
      // Her work before the term is refused as outside it; on its first day it is taken.
      const household = await expectOk(app, 'households.create', { villageId: profile.villageIds[0]!, headName: '王五', category: 'ordinary' } as never);
      expect((await expectRefused(app, 'visits.create', { villageId: profile.villageIds[0]!, householdId: household.id, visitDate: '2025-02-28', mode: 'home', situation: '了解情况' } as never)).code).toBe('INVALID_INPUT');
      await expectOk(app, 'visits.create', { villageId: profile.villageIds[0]!, householdId: household.id, visitDate: '2025-03-01', mode: 'home', situation: '了解情况' } as never);
    } finally {
      app.close();
    }
  });

  it('takes a term that starts today (in China) and refuses one after it, storing nothing', async () => {
    const app = await openTestApp(tempDir(), Date.UTC(2026, 10, 27, 20, 0, 0)); // 04:00 on the 28th in China
    try {
      const before = app.snapshot();
      const refused = await expectRefused(app, 'device.setup', { ...SECRETARY_SETUP, termStart: '2026-11-29' });
      expect(refused.issues).toEqual([{ path: ['termStart'], message: 'validation.futureDate' }]);
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, termStart: '2026-11-28' });
      const terms = await expectOk(app, 'secretaries.list', { offset: 0, limit: 10 });
      expect(terms.items.map((row) => row.termStart)).toEqual(['2026-11-28']);
    } finally {
      app.close();
    }
  });

  it('writes no term when she names no day (a registration over the contract without one)', async () => {
    const app = await openTestApp(tempDir());
    try {
      await expectOk(app, 'device.setup', SECRETARY_SETUP);
      expect((await expectOk(app, 'secretaries.list', { offset: 0, limit: 10 })).total).toBe(0);
    } finally {
      app.close();
    }
  });

  it('writes no term for a coordinator', async () => {
    const app = await openTestApp(tempDir());
    try {
      await expectOk(app, 'device.setup', { ...SECRETARY_SETUP, role: 'coordinator', villages: [] });
      expect((await expectOk(app, 'secretaries.list', { offset: 0, limit: 10 })).total).toBe(0);
    } finally {
      app.close();
    }
  });
});
