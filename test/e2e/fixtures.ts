// Each test gets its own installation: a fresh data folder and a browser host process serving
// the built app from it. `restart()` stops the process and starts a new one on the same folder,
// to prove that what was saved is on disk, not in memory. A journey between several people
// (secretaries, a coordinator, a district) starts one installation each with `hosts.start(name)`,
// each with its own data folder and its own browser context, so nothing is shared but files.
// A host answers only whoever opened the address it printed (its secret for this start): the
// fixture opens that address in the browser context, as a person clicks it in the terminal, and
// `call` sends the same secret as a bearer token.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

const HOST = join(import.meta.dirname, '../../dist/electron/host.cjs');

export interface HostedApp {
  readonly dataDir: string;
  /** The app's address; the browser context is already signed in to it. */
  url(): string;
  /** The address the host printed, with this start's secret (it signs a browser in). */
  signInUrl(): string;
  restart(): Promise<void>;
  /** Call the contract over HTTP, as the renderer does, to check what is stored. */
  call<T = unknown>(method: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string } }>;
}

interface RunningHost {
  child: ChildProcess;
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** As printed: http://127.0.0.1:<port>/auth?token=<secret> */
  signInUrl: string;
  token: string;
}

function startHost(dataDir: string): Promise<RunningHost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at ((http:\/\/127\.0\.0\.1:\d+\/)auth\?token=([\w-]+))/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[2]!, signInUrl: match[1]!, token: match[3]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function callApi(request: APIRequestContext, running: RunningHost, method: string, input: unknown) {
  const response = await request.post(`${running.url}api/${method}`, { data: { input }, headers: { authorization: `Bearer ${running.token}` } });
  return response.json();
}

/** Open the printed address in the context, as a person does: the host sets its cookie there and sends it on to the app. */
async function signIn(context: BrowserContext, running: RunningHost): Promise<void> {
  const response = await context.request.get(running.signInUrl);
  if (!response.ok()) throw new Error(`signing in at ${running.signInUrl} answered ${response.status()}`);
}

/** One installation: a data folder and a host on it (the context signed in), stopped and removed by `close()`. */
async function launchHostedApp(request: APIRequestContext, context: BrowserContext, prefix = 'cunji-e2e-', prepare?: (dataDir: string) => void): Promise<{ app: HostedApp; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  prepare?.(dataDir);
  let running = await startHost(dataDir);
  await signIn(context, running);
  const app: HostedApp = {
    dataDir,
    url: () => running.url,
    signInUrl: () => running.signInUrl,
    restart: async () => {
      await stop(running.child);
      running = await startHost(dataDir);
      await signIn(context, running);
    },
    call: (method, input) => callApi(request, running, method, input),
  };
  const close = async () => {
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, close };
}

/** One person's installation in a multi-profile journey, with the browser window they look at. */
export interface HostedProfile extends HostedApp {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

export interface Hosts {
  /**
   * Another installation with its own data folder, browser context and page (not yet opened);
   * `prepare` fills the folder before the host starts (a laptop restored from a backup).
   */
  start(name: string, prepare?: (dataDir: string) => void): Promise<HostedProfile>;
}

export const test = base.extend<{ app: HostedApp; hosts: Hosts }>({
  app: async ({ request, context }, use) => {
    const { app, close } = await launchHostedApp(request, context);
    await use(app);
    await close();
  },
  hosts: async ({ browser, request, locale, viewport, contextOptions }, use) => {
    const started: { context: BrowserContext; close: () => Promise<void> }[] = [];
    await use({
      start: async (name, prepare) => {
        // The same language, size and reduced motion as the `page` fixture's context.
        const context = await browser.newContext({ ...contextOptions, locale, viewport });
        // Checks go over the test's own request context: unaffected when the page is taken offline.
        const { app, close } = await launchHostedApp(request, context, `cunji-e2e-${name}-`, prepare);
        started.push({ context, close });
        return Object.assign(app, { name, context, page: await context.newPage() });
      },
    });
    for (const { context, close } of started) {
      await context.close();
      await close();
    }
  },
});

export { expect };
