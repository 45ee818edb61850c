// kill -9 at random points of local writes. A child process opens the app on a real data folder and
// runs a stream of household writes (creates of six cells, updates of three, deletes) through the
// real dispatch, printing after each commit; the test kills it with SIGKILL at a random moment
// (seeded: a failure prints its seed, CRASH_SEED=… replays it), several rounds. Afterwards the
// database passes integrity_check; it holds every write the child reported and, of the write in
// flight, all of its cells or none; replaying the change log gives the live ledgers back; and the
// app opens on it and writes on.
import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../electron/services/app';
import { openDatabase, type Sqlite } from '../../../db/open';
import { dumpHeads, dumpLedgers } from '../../../db/sync/dump';
import { rebuildLedgers } from '../../../db/sync/rebuild';
import { APP_START_TIME, expectOk, openTestApp, SECRETARY_SETUP } from '../../helpers/openedApp';
import { childEnv, useChildScript } from '../../helpers/childScript';
import { useTempDirs } from '../../helpers/tempDir';
import { headNameOf } from './imports/rosterFiles';
import type { WriteJob, WriteOp } from './fixtures/writeChild';
import { randomFrom } from '../../helpers/seededRandom';

const tempDir = useTempDirs();
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
const ROUNDS = 6;
const OPS = 120;
const childScript = useChildScript(new URL('./fixtures/writeChild.ts', import.meta.url));

interface Household {
  head_name: string;
  phone: string;
  notes: string;
  deleted: number;
}
type Model = Map<string, Household>;

/** A seeded stream of writes: creates first, then creates, updates of three cells, and deletes of live households. */
function writesOf(random: () => number, round: number): WriteOp[] {
  const ops: WriteOp[] = [];
  const live: string[] = [];
  let names = round * OPS;
  const notes = () => '记录'.repeat(20 + Math.floor(random() * 400));
  const phone = () => `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  for (let i = 0; i < OPS; i++) {
    const roll = live.length < 5 ? 0 : random();
    if (roll < 0.45) {
      const key = `${i + 1}组`;
      live.push(key);
      ops.push({ kind: 'create', key, fields: { headName: headNameOf(names++), villagerGroup: key, category: 'ordinary', phone: phone(), notes: notes() } });
    } else if (roll < 0.88) {
      ops.push({ kind: 'update', key: live[Math.floor(random() * live.length)]!, patch: { headName: headNameOf(names++), phone: phone(), notes: notes() } });
    } else {
      ops.push({ kind: 'delete', key: live.splice(Math.floor(random() * live.length), 1)[0]! });
    }
  }
  return ops;
}

/** What the households ledger holds after the first `count` writes. */
function modelAfter(ops: readonly WriteOp[], count: number): string {
  const model: Model = new Map();
  for (const op of ops.slice(0, count)) {
    if (op.kind === 'create') {
      const { headName, phone, notes } = op.fields as { headName: string; phone: string; notes: string };
      model.set(op.key, { head_name: headName, phone, notes, deleted: 0 });
    } else if (op.kind === 'update') {
      const { headName, phone, notes } = op.patch as { headName: string; phone: string; notes: string };
      model.set(op.key, { head_name: headName, phone, notes, deleted: 0 });
    } else {
      model.set(op.key, { ...model.get(op.key)!, deleted: 1 });
    }
  }
  return JSON.stringify([...model.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function householdsOf(sqlite: Sqlite): string {
  const rows = sqlite
    .prepare('SELECT villager_group AS key, head_name, phone, notes, deleted_at IS NOT NULL AS deleted FROM households ORDER BY villager_group')
    .all() as (Household & { key: string })[];
  return JSON.stringify(rows.map(({ key, ...row }) => [key, row]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** Runs the job in a child and SIGKILLs it `jitterMs` after it reported write `killAfter` (or lets it finish); gives the writes it reported. */
function runChild(job: WriteJob, killAfter: number, jitterMs: number): Promise<{ reported: number; killed: boolean }> {
  const jobFile = join(tempDir(), 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript(), jobFile], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!armed && out.includes(`committed ${killAfter}\n`)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), jitterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      resolve({ reported: (out.match(/^committed \d+$/gm) ?? []).length, killed: signal === 'SIGKILL' });
    });
  });
}

describe(`kill -9 at random points of local writes (CRASH_SEED=${SEED})`, () => {
  it('keeps the database sound, every reported write, each write whole or absent, and the log and the ledgers in step', async () => {
    const template = tempDir();
    const setup = await openTestApp(template);
    const villageId = (await expectOk(setup, 'device.setup', SECRETARY_SETUP)).villageIds[0]!;
    setup.close();

    const random = randomFrom(SEED);
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = tempDir();
      cpSync(template, dataDir, { recursive: true });
      const ops = writesOf(random, round);
      const killAfter = 5 + Math.floor(random() * (OPS - 40));
      const jitterMs = Math.floor(random() * 6);
      const where = `round ${round}: killed ${jitterMs} ms after write ${killAfter} (seed ${SEED})`;
      const run = await runChild({ dataDir, villageId, now: APP_START_TIME + round * 3_600_000, ops }, killAfter, jitterMs);
      expect(run.killed, where).toBe(true);

      const db = await openDatabase(join(dataDir, DATABASE_FILE_NAME));
      try {
        expect(db.sqlite.pragma('integrity_check', { simple: true }), where).toBe('ok');
        // Every reported write, and of the one in flight all of it or none of it.
        const held = householdsOf(db.sqlite);
        const reported = modelAfter(ops, run.reported);
        const withNext = modelAfter(ops, run.reported + 1);
        expect([reported, withNext], where).toContain(held);
        outcomes.push(`${run.reported} reported${held === reported ? '' : ' + 1 committed unreported'}`);
        // The ledgers are the log's projection: replaying it gives them back, heads and all.
        const live = [dumpLedgers(db.sqlite), dumpHeads(db.sqlite)].join('\n--\n');
        rebuildLedgers(db.sqlite);
        expect([dumpLedgers(db.sqlite), dumpHeads(db.sqlite)].join('\n--\n'), where).toBe(live);
      } finally {
        db.close();
      }
      // The app opens on what the crash left and writes on.
      const after = await openTestApp(dataDir, APP_START_TIME + round * 3_600_000 + 60_000);
      try {
        await expectOk(after, 'households.create', { villageId, headName: headNameOf(7999), villagerGroup: '之后', category: 'ordinary' });
      } finally {
        after.close();
      }
    }
    console.info(`local writes killed at random points (seed ${SEED}): ${outcomes.join('; ')}`);
  }, 90_000);
});
