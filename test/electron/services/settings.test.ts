import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { setMeta } from '../../../db/meta';
import { expectOk, openTestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

describe('settings', () => {
  it('starts from the defaults (20 days a month in the village) and keeps what is set across a restart', async () => {
    const dir = tempDir();
    const app = await openTestApp(dir);
    expect(await expectOk(app, 'settings.get')).toEqual(DEFAULT_SETTINGS);
    expect(await expectOk(app, 'settings.update', { presenceThreshold: 18 })).toEqual({ ...DEFAULT_SETTINGS, presenceThreshold: 18 });
    expect(await expectOk(app, 'settings.update', {})).toEqual({ ...DEFAULT_SETTINGS, presenceThreshold: 18 });
    app.close();
    const again = await openTestApp(dir);
    expect(await expectOk(again, 'settings.get')).toEqual({ ...DEFAULT_SETTINGS, presenceThreshold: 18 });
    again.close();
  });

  it('keeps the dashboard lines a coordinator sets, and the threshold beside them unchanged', async () => {
    const app = await openTestApp(tempDir());
    const lines = { ...DEFAULT_SETTINGS.dashboardThresholds, coverage: { green: 90, red: 60 }, needsOverdue: { green: 1, red: 5 } };
    expect(await expectOk(app, 'settings.update', { dashboardThresholds: lines })).toEqual({ ...DEFAULT_SETTINGS, dashboardThresholds: lines });
    expect(await expectOk(app, 'settings.get')).toEqual({ ...DEFAULT_SETTINGS, dashboardThresholds: lines });
    app.close();
  });

  it('falls back to the default for a stored value it cannot read, field by field', async () => {
    const app = await openTestApp(tempDir());
    setMeta(app.context.db, 'settings', JSON.stringify({ presenceThreshold: 99, dashboardThresholds: { coverage: 'x' } }));
    expect(await expectOk(app, 'settings.get')).toEqual(DEFAULT_SETTINGS);
    setMeta(app.context.db, 'settings', JSON.stringify({ presenceThreshold: 18, dashboardThresholds: { coverage: 'x' } }));
    expect(await expectOk(app, 'settings.get')).toEqual({ ...DEFAULT_SETTINGS, presenceThreshold: 18 });
    app.close();
  });
});
