// dialogs.* and app.setLanguage through the whole app: with the shell's ports (a recording
// Dialogs stands in for the native windows, which cannot open here) and without them, as in
// the browser host, where they answer UNSUPPORTED and app.info says so before anything is clicked.
import { describe, expect, it } from 'vitest';
import { openApp, type OpenedApp } from '../../../electron/services/app';
import type { Dialogs } from '../../../electron/services/dialogs';
import type { Lang } from '../../../shared/domain/labels';
import type { DialogResult } from '../../../shared/domain/dialogs';
import { V } from '../../../shared/domain/validation';
import { expectOk, expectRefused } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function recordingDialogs(answer: DialogResult) {
  const calls: unknown[][] = [];
  const dialogs: Dialogs = {
    openBundles: async () => (calls.push(['openBundles']), answer),
    chooseFolder: async () => (calls.push(['chooseFolder']), answer),
    saveBundle: async (name) => (calls.push(['saveBundle', name]), answer),
    saveReport: async (name, type) => (calls.push(['saveReport', name, type]), answer),
  };
  return { calls, dialogs };
}

async function withApp(options: Partial<Parameters<typeof openApp>[0]>, run: (app: OpenedApp) => Promise<void>): Promise<void> {
  const app = await openApp({ dataDir: tempDir(), appVersion: 'test', ...options });
  try {
    await run(app);
  } finally {
    app.close();
  }
}

describe('in the desktop app (native dialogs)', () => {
  const CHOSEN: DialogResult = { canceled: false, paths: ['/media/u盘/李家村.cunji'] };

  it('says so in app.info', async () => {
    await withApp({ dialogs: recordingDialogs(CHOSEN).dialogs }, async (app) => {
      expect(await expectOk(app, 'app.info')).toMatchObject({ nativeDialogs: true });
    });
  });

  it('opens bundles and chooses folders through the port, answering what the person chose', async () => {
    const { calls, dialogs } = recordingDialogs(CHOSEN);
    await withApp({ dialogs }, async (app) => {
      expect(await expectOk(app, 'dialogs.openBundles')).toEqual(CHOSEN);
      expect(await expectOk(app, 'dialogs.chooseFolder', {})).toEqual(CHOSEN);
      expect(calls).toEqual([['openBundles'], ['chooseFolder']]);
    });
  });

  it('saves a bundle or a report of the type asked for, under the trimmed default name', async () => {
    const { calls, dialogs } = recordingDialogs({ canceled: true, paths: [] });
    await withApp({ dialogs }, async (app) => {
      expect(await expectOk(app, 'dialogs.saveFile', { type: 'cunji', defaultName: ' 李家村-11月 ' })).toEqual({ canceled: true, paths: [] });
      await expectOk(app, 'dialogs.saveFile', { type: 'xlsx', defaultName: '台账' });
      expect(calls).toEqual([['saveBundle', '李家村-11月'], ['saveReport', '台账', 'xlsx']]);
    });
  });

  it('refuses a default name that is a path, and never opens the dialog for it', async () => {
    const { calls, dialogs } = recordingDialogs(CHOSEN);
    await withApp({ dialogs }, async (app) => {
      for (const defaultName of ['../../etc/passwd', 'C:\\Windows\\x', 'a/b', 'a:b', '..', 'a\u0000b']) {
        const error = await expectRefused(app, 'dialogs.saveFile', { type: 'cunji', defaultName });
        expect(error.issues, defaultName).toEqual([{ path: ['defaultName'], message: V.invalid }]);
      }
      expect((await expectRefused(app, 'dialogs.saveFile', { type: 'exe', defaultName: 'a' })).issues).toEqual([{ path: ['type'], message: V.invalid }]);
      expect(calls).toEqual([]);
    });
  });

  it('tells the shell the new language, so the menu follows it', async () => {
    const heard: Lang[] = [];
    await withApp({ onLanguageChange: (language) => heard.push(language) }, async (app) => {
      expect(await expectOk(app, 'app.setLanguage', { language: 'en' })).toEqual({ nativeMenu: true });
      await expectOk(app, 'app.setLanguage', { language: 'zh-CN' });
      expect(heard).toEqual(['en', 'zh-CN']);
    });
  });
});

describe('in the browser host (no native dialogs)', () => {
  it('says so in app.info, and every dialog answers UNSUPPORTED', async () => {
    await withApp({}, async (app) => {
      expect(await expectOk(app, 'app.info')).toMatchObject({ nativeDialogs: false });
      for (const [method, input] of [
        ['dialogs.openBundles', {}],
        ['dialogs.chooseFolder', undefined],
        ['dialogs.saveFile', { type: 'cunji', defaultName: 'a' }],
      ] as const) {
        const error = await expectRefused(app, method, input);
        expect(error, method).toEqual({ code: 'UNSUPPORTED', message: 'No native dialogs here (browser host): type the path instead' });
      }
    });
  });

  it('accepts a language without a menu to change', async () => {
    await withApp({}, async (app) => {
      expect(await expectOk(app, 'app.setLanguage', { language: 'en' })).toEqual({ nativeMenu: false });
    });
  });
});
