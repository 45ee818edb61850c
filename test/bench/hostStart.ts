// Cold start of the browser host (dist/electron/host.cjs, as `npm start` serves it) on a data
// folder whose database is the merged one: from spawning the process to the address printed,
// the page served, and the calls the app makes for its first screen answered (app.info,
// device.status, villages.list, the district overview). Also the host's peak RSS by then (VmHWM).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seconds } from './syncFixture';

export interface HostStartFigures {
  readonly listeningS: number;
  readonly pageS: number;
  readonly firstScreenS: number;
  readonly villages: number;
  readonly peakRss: number;
}

// The bench runs bundled from dist/bench/, beside dist/electron/.
export const HOST_SCRIPT = join(__dirname, '..', 'electron', 'host.cjs');

function vmHwm(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

interface RunningHost {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  call(method: string, input: unknown): Promise<unknown>;
}

function startHost(dataDir: string, host: string): Promise<RunningHost> {
  const child = spawn(process.execPath, [host, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in 10 minutes: ${out}`)), 600_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)auth\?token=([\w-]+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      const [, url, token] = match as unknown as [string, string, string];
      const call = async (method: string, input: unknown) => {
        const response = await fetch(`${url}api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
        const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
        if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
        return body.value;
      };
      resolve({ child, url, token, call });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
}

/** SIGTERM, then wait for the exit: the next start opens the same database. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/**
 * Sets the database's device up as the district of every township in it (one start), then times a
 * second start to the district overview of this month answered, the first screen a district sees.
 */
export async function hostColdStart(dataDir: string, townships: string[], today: string, host = HOST_SCRIPT): Promise<HostStartFigures> {
  if (!existsSync(host)) throw new Error(`${host} is missing: run node scripts/build.mjs first`);
  const first = await startHost(dataDir, host);
  try {
    await first.call('device.setup', { role: 'district', name: '周强', unit: '临河县委组织部', unitLevel: 'county', townships });
  } finally {
    await stop(first.child);
  }
  const t0 = performance.now();
  const running = await startHost(dataDir, host);
  try {
    const listeningS = seconds(t0);
    const page = await fetch(running.url, { headers: { authorization: `Bearer ${running.token}` } });
    if (!page.ok) throw new Error(`the page answered ${page.status}`);
    await page.text();
    const pageS = seconds(t0);
    await running.call('app.info', undefined);
    await running.call('device.status', undefined);
    const villages = (await running.call('villages.list', {})) as { total: number };
    await running.call('dashboard.district', { from: `${today.slice(0, 8)}01`, to: today });
    const firstScreenS = seconds(t0);
    return { listeningS, pageS, firstScreenS, villages: villages.total, peakRss: vmHwm(running.child.pid!) };
  } finally {
    await stop(running.child);
  }
}
