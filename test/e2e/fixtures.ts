// Each test gets its own installation: a fresh data folder and a browser host process serving
// the built app from it. `restart()` stops the process and starts a new one on the same folder,
// to prove that what was saved is on disk, not in memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type APIRequestContext } from '@playwright/test';

const HOST = join(import.meta.dirname, '../../dist/electron/host.cjs');

export interface HostedApp {
  readonly dataDir: string;
  url(): string;
  restart(): Promise<void>;
  /** Call the contract over HTTP, as the renderer does, to check what is stored. */
  call<T = unknown>(method: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string } }>;
}

function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
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

async function callApi(request: APIRequestContext, url: string, method: string, input: unknown) {
  const response = await request.post(`${url}api/${method}`, { data: { input } });
  return response.json();
}

export const test = base.extend<{ app: HostedApp }>({
  app: async ({ request }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cunji-e2e-'));
    let running = await startHost(dataDir);
    await use({
      dataDir,
      url: () => running.url,
      restart: async () => {
        await stop(running.child);
        running = await startHost(dataDir);
      },
      call: (method, input) => callApi(request, running.url, method, input),
    });
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
