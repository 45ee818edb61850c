// The shell's security-relevant pieces, checked under Node without the Electron binary:
// window options, the IPC registration, the sender check, the preload bridge and its menu
// commands, the CSP.
import { readFileSync } from 'node:fs';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildBridge } from '../../../shared/api/bridge';
import { METHODS_CHANNEL } from '../../../shared/api/channels';
import { API_METHODS, channelOf } from '../../../shared/api/contract';
import { createMenuCommandReceiver, MENU_COMMANDS, parseMenuCommand, type MenuCommand } from '../../../shared/api/menuCommands';
import type { ApiResult } from '../../../shared/api/result';
import { isAppFrame, registerApi } from '../../../electron/main/ipc';
import { MIN_HEIGHT, MIN_WIDTH, windowOptions } from '../../../electron/main/windowOptions';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../../electron/services/csp';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<ApiResult<unknown>>;

/** A stand-in for ipcMain that keeps what is registered (Electron's own cannot load here). */
function recordingIpcMain() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, (event: { returnValue?: unknown }) => void>();
  const ipc = {
    handlers,
    listeners,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: (event: { returnValue?: unknown }) => void) => {
      listeners.set(channel, listener);
      return ipc;
    },
    removeAllListeners: (channel?: string) => {
      if (channel) listeners.delete(channel);
      return ipc;
    },
  };
  return ipc as typeof ipc & Pick<import('electron').IpcMain, 'on' | 'removeAllListeners'>;
}

/** What the preload's sendSync(METHODS_CHANNEL) receives from a registered ipcMain. */
function methodsAnswered(ipc: ReturnType<typeof recordingIpcMain>): unknown {
  const event: { returnValue?: unknown } = {};
  ipc.listeners.get(METHODS_CHANNEL)?.(event);
  return event.returnValue;
}

const fakeEvent = {} as IpcMainInvokeEvent;

describe('the window', () => {
  it('isolates and sandboxes the renderer and gives it no Node', () => {
    const options = windowOptions('/app/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
  });

  it('never opens smaller than its minimum, and keeps a remembered position', () => {
    expect(windowOptions('p', { width: 200, height: 100 })).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
    expect(windowOptions('p', { x: 10, y: 20, width: 1400, height: 900 })).toMatchObject({ x: 10, y: 20, width: 1400, height: 900 });
    expect(windowOptions('p')).not.toHaveProperty('x');
  });
});

describe('the IPC registration', () => {
  it('registers exactly one handler per contract method on api:<method>, and removes them all', () => {
    const ipc = recordingIpcMain();
    const unregister = registerApi(ipc, async () => ({ ok: true, value: null }), () => true);
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `api:${m}`).sort());
    expect(methodsAnswered(ipc)).toEqual([...API_METHODS]);
    unregister();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.listeners.size).toBe(0);
  });

  it('passes the method and the raw input to dispatch, which parses it', async () => {
    const ipc = recordingIpcMain();
    const calls: [string, unknown][] = [];
    registerApi(ipc, async (method, input) => {
      calls.push([method, input]);
      return { ok: true, value: method };
    }, () => true);
    const result = await ipc.handlers.get(channelOf('villages.get'))!(fakeEvent, { id: 'x' });
    expect(result).toEqual({ ok: true, value: 'villages.get' });
    expect(calls).toEqual([['villages.get', { id: 'x' }]]);
  });

  it('refuses a call from any frame but the app window, without dispatching it', async () => {
    const ipc = recordingIpcMain();
    let dispatched = false;
    registerApi(ipc, async () => {
      dispatched = true;
      return { ok: true, value: null };
    }, () => false);
    const result = await ipc.handlers.get(channelOf('villages.list'))!(fakeEvent, {});
    expect(result.ok).toBe(false);
    expect(dispatched).toBe(false);
  });

  it('trusts only the top frame of the app page', () => {
    const app = 'file:///opt/cunji/resources/app.asar/dist/renderer/index.html';
    expect(isAppFrame(app, true, app)).toBe(true);
    expect(isAppFrame(`${app}#/villages`, true, app)).toBe(true);
    expect(isAppFrame(app, false, app)).toBe(false);
    expect(isAppFrame('file:///tmp/evil.html', true, app)).toBe(false);
    expect(isAppFrame('https://example.com/', true, app)).toBe(false);
    expect(isAppFrame(undefined, true, app)).toBe(false);
    expect(isAppFrame('not a url', true, app)).toBe(false);
  });
});

describe('the preload bridge', () => {
  it('has one frozen function per method, each on its own api:<method> channel, and nothing else', async () => {
    const sent: [string, unknown][] = [];
    const ipc = recordingIpcMain();
    registerApi(ipc, async () => ({ ok: true, value: null }), () => true);
    const bridge = buildBridge(methodsAnswered(ipc), async (channel, input) => {
      sent.push([channel, input]);
      return { ok: true, value: null };
    });
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const method of API_METHODS) await bridge[method]({ probe: method });
    expect(sent).toEqual(API_METHODS.map((m) => [`api:${m}`, { probe: m }]));
  });

  it('builds no function for a name not shaped like a method, nor from an answer that is not a list', () => {
    const invoke = async () => ({ ok: true, value: null });
    expect(Object.keys(buildBridge(['households.list', '__proto__', 'a.b.c', 'x:y', 42, 'constructor'], invoke))).toEqual(['households.list']);
    expect(Object.keys(buildBridge('households.list', invoke))).toEqual([]);
    expect(Object.keys(buildBridge(undefined, invoke))).toEqual([]);
  });

  it('leaves zod and the schemas out of the sandboxed preload bundle', () => {
    const imports = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8').match(/^import .*$/gm) ?? [];
    const reached = [
      ...imports('../../../electron/preload/preload.ts'),
      ...imports('../../../shared/api/bridge.ts'),
      ...imports('../../../shared/api/channels.ts'),
      ...imports('../../../shared/api/menuCommands.ts'),
    ];
    expect(reached.length).toBeGreaterThan(0);
    for (const line of reached) expect(line).not.toMatch(/contract|zod|domain/);
  });
});

describe('the menu commands the preload lets through', () => {
  it('are exactly the allow-listed commands, with valid paths for an import', () => {
    for (const command of MENU_COMMANDS.filter((c) => c !== 'importFiles')) expect(parseMenuCommand({ command })).toEqual({ command });
    expect(parseMenuCommand({ command: 'importFiles', paths: ['/u/a.cunji'] })).toEqual({ command: 'importFiles', paths: ['/u/a.cunji'] });
    const refused: unknown[] = [
      null,
      'syncNow',
      { command: 'openDevTools' },
      { command: 'constructor' },
      { command: 'importFiles' },
      { command: 'importFiles', paths: [] },
      { command: 'importFiles', paths: '/u/a.cunji' },
      { command: 'importFiles', paths: [42] },
      { command: 'importFiles', paths: ['/u/a\u0000.cunji'] },
      { command: 'importFiles', paths: Array(1001).fill('/a.cunji') },
    ];
    for (const message of refused) expect(parseMenuCommand(message), JSON.stringify(message)).toBeNull();
  });

  it('drop extra fields, so a page sees only the shape it expects', () => {
    expect(parseMenuCommand({ command: 'syncNow', script: 'x' })).toEqual({ command: 'syncNow' });
  });

  it('wait for the page to listen, reach every listener, and stop when it unsubscribes', () => {
    const receiver = createMenuCommandReceiver();
    receiver.receive({ command: 'importFiles', paths: ['/u/a.cunji'] }); // a double-click at start-up
    receiver.receive({ command: 'bogus' });
    const heard: MenuCommand[] = [];
    const stop = receiver.bridge.onMenuCommand((command) => heard.push(command));
    receiver.receive({ command: 'syncNow' });
    stop();
    receiver.receive({ command: 'exportBundle' });
    expect(heard).toEqual([{ command: 'importFiles', paths: ['/u/a.cunji'] }, { command: 'syncNow' }]);
    expect(Object.isFrozen(receiver.bridge)).toBe(true);
    expect(Object.keys(receiver.bridge)).toEqual(['onMenuCommand']);
  });
});

describe('the content security policy', () => {
  it('allows no eval, no inline script and no remote code', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('is the one the renderer page declares', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});
