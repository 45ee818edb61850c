// npm run bench:imports — a village roster of 3,000 rows (1,000 households of three people, WPS
// layout: merged titles, blank rows) imported from XLSX and from CSV through the app's dispatch,
// exactly as the screen does it (imports.preview, then imports.commit), into a fresh secretary's
// database each time. The reference, measured in the same run on the same machine: the same
// households and members written one by one through households.create and members.create, as a
// person typing them would (each its own transaction). Prints wall time first, CPU time beside it.
// Asserts nothing.
//   npm run bench:imports -- [--households 1000] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type OpenedApp } from '../../electron/services/app';
import { csvText, ROSTER_HEADERS, rosterRows, rosterXlsx } from '../electron/services/imports/rosterFiles';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const HOUSEHOLDS = Number(arg('households', '1000'));
const RUNS = Number(arg('runs', '3'));
const NOW = Date.parse('2026-11-27T08:00:00Z');

const SETUP = {
  role: 'secretary', name: '李明', unit: '省农业农村厅', unitLevel: 'province', township: '青石镇', county: '临河县',
  villages: [{ name: '李家村', code: '371325101201' }],
} as const;

async function call(app: OpenedApp, method: string, input: unknown): Promise<Record<string, unknown>> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error).slice(0, 400)}`);
  return result.value as Record<string, unknown>;
}

async function fresh(): Promise<{ app: OpenedApp; villageId: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-imports-'));
  const app = await openApp({ dataDir: dir, appVersion: 'bench', now: () => NOW });
  const profile = (await call(app, 'device.setup', SETUP)) as { villageIds: string[] };
  return { app, villageId: profile.villageIds[0]!, dir };
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs `before` untimed, then times `once`, in a fresh database each run (one warm-up run first, not counted). */
async function measure<T>(label: string, once: (app: OpenedApp, villageId: string, prepared: T) => Promise<unknown>, before?: (app: OpenedApp, villageId: string) => Promise<T>): Promise<void> {
  const timings: Timing[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const { app, villageId, dir } = await fresh();
    try {
      const prepared = before ? await before(app, villageId) : (undefined as T);
      const timing = await timed(() => once(app, villageId, prepared));
      if (i > 0) timings.push(timing);
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const wall = median(timings.map((t) => t.wallMs));
  const cpu = median(timings.map((t) => t.cpuMs));
  console.log(`${label.padEnd(52)} wall ${(wall / 1000).toFixed(2).padStart(6)} s   cpu ${(cpu / 1000).toFixed(2).padStart(6)} s   (median of ${RUNS}, after a warm-up)`);
}

async function main(): Promise<void> {
  const rows = rosterRows(HOUSEHOLDS);
  const xlsx = (await rosterXlsx(rows, { blankEvery: 100 })).toString('base64');
  const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(ROSTER_HEADERS, rows))]).toString('base64');
  console.log(`bench:imports — ${rows.length.toLocaleString('en-US')} rows, ${HOUSEHOLDS.toLocaleString('en-US')} households; XLSX ${(xlsx.length * 0.75 / 1024).toFixed(0)} KB, CSV ${(csv.length * 0.75 / 1024).toFixed(0)} KB`);

  const preview = (data: string) => async (app: OpenedApp, villageId: string) =>
    ((await call(app, 'imports.preview', { ledger: 'households', villageId, source: { data } })) as { mapping: unknown }).mapping;
  const commit = (data: string) => async (app: OpenedApp, villageId: string, mapping: unknown) => {
    const result = (await call(app, 'imports.commit', { ledger: 'households', villageId, source: { data }, mapping })) as { records: { members: number } };
    if (result.records.members !== rows.length) throw new Error(`imported ${result.records.members} of ${rows.length}`);
  };
  await measure('XLSX: preview (read, map, every row checked)', preview(xlsx));
  await measure('XLSX: import (read again, check, write)', commit(xlsx), preview(xlsx));
  await measure('CSV (UTF-8 with BOM): preview', preview(csv));
  await measure('CSV (UTF-8 with BOM): import', commit(csv), preview(csv));
  await measure('reference: households.create + members.create one by one', async (app, villageId) => {
    let householdId = '';
    for (const row of rows) {
      const [, head, group, phone, , name, relation, idNumber] = row as string[];
      if (relation === '户主') {
        householdId = ((await call(app, 'households.create', { villageId, headName: head, villagerGroup: group, phone, category: 'ordinary' })) as { id: string }).id;
      }
      const rel = relation === '户主' ? 'head' : relation === '配偶' ? 'spouse' : 'child';
      await call(app, 'members.create', { villageId, householdId, name, relation: rel, idNumber, health: 'healthy' });
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
