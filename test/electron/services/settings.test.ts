import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_COUNTS } from '../../../shared/domain/party/clocks';
import { DEFAULT_DUTIES, DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { setMeta } from '../../../db/meta';
import { expectOk, openTestApp, SECRETARY_SETUP } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const NOBODY = { name: null, issuerName: null, issuedAt: null, mayChange: false };

describe('settings', () => {
  it('starts from the defaults (20 days a month in the village, the five duties) and keeps what is set across a restart', async () => {
    const dir = tempDir();
    const app = await openTestApp(dir);
    expect(await expectOk(app, 'settings.get')).toEqual({ ...DEFAULT_SETTINGS, duties: [...DEFAULT_DUTIES], partyClocks: DEFAULT_CLOCK_COUNTS, township: NOBODY });
    expect(await expectOk(app, 'settings.update', { needDueDays: 18 })).toMatchObject({ ...DEFAULT_SETTINGS, needDueDays: 18 });
    expect(await expectOk(app, 'settings.update', {})).toMatchObject({ ...DEFAULT_SETTINGS, needDueDays: 18 });
    app.close();
    const again = await openTestApp(dir);
    expect(await expectOk(again, 'settings.get')).toMatchObject({ ...DEFAULT_SETTINGS, needDueDays: 18 });
    again.close();
  });

  it("a coordinator sets her township's threshold and duties (signed by her device); they stay across a restart", async () => {
    const dir = tempDir();
    const app = await openTestApp(dir);
    await app.api.device.setup({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
    const set = await expectOk(app, 'settings.update', { presenceThreshold: 22 });
    expect(set).toMatchObject({ presenceThreshold: 22, duties: [...DEFAULT_DUTIES], township: { name: '青石镇', issuerName: '赵镇', mayChange: true } });
    app.close();
    const again = await openTestApp(dir);
    expect(await expectOk(again, 'settings.get')).toMatchObject({ presenceThreshold: 22, township: { issuerName: '赵镇' } });
    again.close();
  });

  it('a secretary may not set the threshold or the duties: refused by name, nothing stored', async () => {
    const app = await openTestApp(tempDir());
    await app.api.device.setup(SECRETARY_SETUP);
    const before = app.snapshot();
    await expect(app.api.settings.update({ presenceThreshold: 15, needDueDays: 9 })).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['presenceThreshold'], message: 'township.setByCoordinator' }] });
    await expect(app.api.settings.update({ duties: ['建强村党组织'] })).rejects.toMatchObject({ issues: [{ path: ['duties'], message: 'township.setByCoordinator' }] });
    expect(app.snapshot()).toBe(before);
    expect(await expectOk(app, 'settings.get')).toMatchObject({ presenceThreshold: 20, needDueDays: DEFAULT_SETTINGS.needDueDays, township: { mayChange: false } });
    app.close();
  });

  it('keeps the dashboard lines a coordinator sets, and the threshold beside them unchanged', async () => {
    const app = await openTestApp(tempDir());
    const lines = { ...DEFAULT_SETTINGS.dashboardThresholds, coverage: { green: 90, red: 60 }, needsOverdue: { green: 1, red: 5 } };
    expect(await expectOk(app, 'settings.update', { dashboardThresholds: lines })).toMatchObject({ ...DEFAULT_SETTINGS, dashboardThresholds: lines });
    expect(await expectOk(app, 'settings.get')).toMatchObject({ ...DEFAULT_SETTINGS, dashboardThresholds: lines });
    app.close();
  });

  it('falls back to the default for a stored value it cannot read, field by field; a locally stored threshold no longer counts', async () => {
    const app = await openTestApp(tempDir());
    setMeta(app.context.db, 'settings', JSON.stringify({ needDueDays: 9999, dashboardThresholds: { coverage: 'x' } }));
    expect(await expectOk(app, 'settings.get')).toMatchObject(DEFAULT_SETTINGS);
    setMeta(app.context.db, 'settings', JSON.stringify({ presenceThreshold: 12, needDueDays: 18, dashboardThresholds: { coverage: 'x' } }));
    expect(await expectOk(app, 'settings.get')).toMatchObject({ ...DEFAULT_SETTINGS, needDueDays: 18, presenceThreshold: 20 });
    app.close();
  });
});
