// kill -9 of an import and of an export at random points. The import and the export run
// in a child process on a real database file; the child is killed with SIGKILL after a random
// delay. Afterwards: the database passes `PRAGMA integrity_check`; an import happened wholly or
// not at all; every export mark is covered by complete, verifiable files in the folder (a .part
// is never one of them); and running the operation again converges to what an uninterrupted run
// gives. The delays come from a seeded generator: a failure prints its seed (CRASH_SEED=… replays it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUuidV7Source } from '../../../db/ids';
import { openDatabase, type Sqlite } from '../../../db/open';
import { exportBundle, exportMarks } from '../../../db/sync/exportBundle';
import { createHlcClock } from '../../../db/sync/hlc';
import { importBundle } from '../../../db/sync/importBundle';
import { fileSource, verifyBundle } from '../../../db/sync/segments/bundle';
import { sealAll } from '../../../db/sync/segments/seal';
import { START_TIME } from '../../helpers/device';
import { childEnv, useChildScript } from '../../helpers/childScript';
import { countLogged } from '../../helpers/loggedChanges';
import { useTempDirs } from '../../helpers/tempDir';
import type { SyncJob } from './fixtures/syncChild';
import { openPeer, replicaState, type Peer } from './syncPeers';
import { randomFrom } from '../../helpers/seededRandom';

const tempDir = useTempDirs();
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
const ITERATIONS = 6;
const TARGET = 'folder:crash-test';
const NOW = START_TIME + 3_600_000;

const childScript = useChildScript(new URL('./fixtures/syncChild.ts', import.meta.url));

interface ChildRun {
  readonly killed: boolean;
  /** What the child printed at its end (null when killed first). */
  readonly done: { ms: number; result: unknown } | null;
}

/** Runs the job in a child; with `killAfterMs`, SIGKILLs it that long after it opened the database. */
function runChild(job: SyncJob, killAfterMs: number | null): Promise<ChildRun> {
  const jobFile = join(tempDir(), 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript(), jobFile], {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = out;
      out += chunk.toString('utf8');
      if (killAfterMs !== null && !before.includes('opened\n') && out.includes('opened\n')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true, done: null });
      if (code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      const last = out.trim().split('\n').pop()!;
      resolve({ killed: false, done: JSON.parse(last) as ChildRun['done'] });
    });
  });
}

/**
 * A township's worth of rows: villages, households and visits, in one transaction per village.
 * `noteBytes` of incompressible notes a household make the bundle big, so writing it takes time.
 */
function writeLedgers(peer: Peer, villages: number, households: number, tag: string, noteBytes = 0): string[] {
  const ids: string[] = [];
  for (let v = 0; v < villages; v++) {
    peer.device.store.transaction(() => {
      const village = peer.device.store.create('villages', null, { name: `${tag}村${v}`, township: '青石镇', code: `371325101${String(v).padStart(3, '0')}` });
      ids.push(village);
      for (let h = 0; h < households; h++) {
        const household = peer.device.store.create('households', village, {
          head_name: `${tag}户主${h}`, category: 'ordinary', phone: '13800000000', address: `第${h % 7}组`, notes: noteBytes ? randomBytes(noteBytes * 0.75).toString('base64') : null,
        });
        peer.device.store.create('visits', village, { household_id: household, visit_date: '2026-11-20', situation: '走访了解生产生活情况，'.repeat(3), confirmed: h % 2 });
      }
    });
  }
  return ids;
}

interface Inspection {
  /** `PRAGMA integrity_check`: 'ok' for a sound file. */
  readonly integrity: unknown;
  /** Changes in the log (wherever kept) and rows of the other sync tables: the all-or-nothing outcomes are told apart by these. */
  readonly counts: string;
  /** Ledgers and heads (replicaState). */
  readonly state: string;
}

async function inspect(path: string): Promise<Inspection> {
  return withDatabase(path, (sqlite) => ({
    integrity: sqlite.pragma('integrity_check', { simple: true }),
    counts: [`changes=${countLogged(sqlite)}`]
      .concat(['segments', 'imports', 'quarantine', 'cell_heads', 'export_marks'].map((t) => `${t}=${sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number}`))
      .join(' '),
    state: replicaState(sqlite),
  }));
}

async function withDatabase<T>(path: string, use: (sqlite: Sqlite) => T): Promise<T> {
  const db = await openDatabase(path, { now: () => NOW });
  try {
    return use(db.sqlite);
  } finally {
    db.close();
  }
}

/**
 * Kill points spread over the operation and past it: one draw in each of `n` equal strata of
 * [0, 1.6), a fraction of the operation's time. The time is the shortest any uninterrupted run
 * of it has taken so far (`KillClock.finished` takes each run that was not killed): a reference
 * run slowed by a busy machine would otherwise put every later kill after the end.
 */
function killClock(seed: number, n: number, referenceMs: number) {
  const random = randomFrom(seed);
  const fractions = Array.from({ length: n }, (_, i) => ((i + random()) / n) * 1.6);
  let operationMs = referenceMs;
  return {
    delays: function* () {
      for (const fraction of fractions) yield Math.floor(fraction * operationMs);
    },
    finished(run: ChildRun) {
      if (run.done) operationMs = Math.min(operationMs, run.done.ms);
    },
  };
}

/** A fresh copy of `template` (the database file) in its own folder. */
function copyOf(template: string): string {
  const path = join(tempDir(), 'device.sqlite');
  copyFileSync(template, path);
  return path;
}

describe(`kill -9 at random points (CRASH_SEED=${SEED})`, () => {
  it('an import is all or nothing, the database stays sound, and importing again converges', async () => {
    const producer = await openPeer(tempDir(), 'aaaaaaaa00000001', START_TIME);
    const villages = writeLedgers(producer, 2, 150, '青');
    sealAll(producer.sqlite, producer.keys, { maxChanges: 300 }); // several segments in the file
    const file = producer.exportTo(tempDir())!;
    const importer = await openPeer(tempDir(), 'bbbbbbbb00000002', START_TIME);
    importer.trust(producer, villages);
    const selfPublicKey = importer.keys.publicKeyPem;
    const template = join(tempDir(), 'importer.sqlite');
    importer.device.close();
    producer.device.close();
    copyFileSync(importer.device.db.sqlite.name, template);

    const job = (db: string): SyncJob => ({ kind: 'import', db, now: NOW, selfId: importer.id, selfPublicKey, file });
    const nothing = await inspect(template);
    const reference = copyOf(template);
    const uninterrupted = await runChild(job(reference), null);
    expect(uninterrupted.done!.result).toMatchObject({ status: 'imported', refusal: null });
    const everything = await inspect(reference);
    expect(everything.counts).not.toBe(nothing.counts);

    const outcomes: string[] = [];
    const clock = killClock(SEED, ITERATIONS, uninterrupted.done!.ms);
    let i = -1;
    for (const delay of clock.delays()) {
      i++;
      const path = copyOf(template);
      const run = await runChild(job(path), delay);
      clock.finished(run);
      const where = `iteration ${i}, killed ${delay} ms after opening (seed ${SEED})`;
      const after = await inspect(path);
      expect(after.integrity, where).toBe('ok');
      expect([nothing.counts, everything.counts], where).toContain(after.counts);
      expect([nothing.state, everything.state], where).toContain(after.state);
      outcomes.push(run.killed ? (after.counts === nothing.counts ? 'killed before the commit' : 'killed after the commit') : 'finished');

      // Again, uninterrupted: the same as one clean import.
      const again = await withDatabase(path, (sqlite) => importBundle(sqlite, createHlcClock(() => NOW), file, { selfId: importer.id, selfPublicKey, now: () => NOW }));
      expect(again.refusal, where).toBeNull();
      const converged = await inspect(path);
      expect(converged.counts, where).toBe(everything.counts);
      expect(converged.state, where).toBe(everything.state);
    }
    console.info(`import killed at random points (seed ${SEED}): ${outcomes.join(', ')}`);
    expect(outcomes.some((o) => o.startsWith('killed')), outcomes.join(', ')).toBe(true);
  }, 60_000);

  it('export marks are never ahead of complete files, and exporting again converges', async () => {
    const exporter = await openPeer(tempDir(), 'cccccccc00000003', START_TIME);
    writeLedgers(exporter, 1, 50, '旧');
    const folderTemplate = tempDir();
    expect(exporter.exportTo(folderTemplate, { target: TARGET })).not.toBeNull(); // marks exist for the target
    // Sealed but not sent yet (so writing the file is most of the export's time), and a little
    // left unsealed: the export seals that, writes, fsyncs, renames, then moves the marks.
    writeLedgers(exporter, 2, 400, '新', 2_000); // notes at the contract's 2,000-character limit
    sealAll(exporter.sqlite, exporter.keys, { maxChanges: 300 });
    writeLedgers(exporter, 1, 20, '后');
    const { id, keys } = exporter;
    const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const template = join(tempDir(), 'exporter.sqlite');
    exporter.device.close();
    copyFileSync(exporter.device.db.sqlite.name, template);
    const keyOf = (deviceId: string) => (deviceId === id ? keys.publicKeyPem : null);

    const job = (db: string, folder: string): SyncJob => ({ kind: 'export', db, now: NOW, deviceId: id, privateKeyPem, folder, target: TARGET });
    const referenceFolder = tempDir();
    cpSync(folderTemplate, referenceFolder, { recursive: true });
    const reference = copyOf(template);
    const uninterrupted = await runChild(job(reference, referenceFolder), null);
    expect(uninterrupted.done!.result).toMatchObject({ segments: expect.any(Number) });
    const expected = (await inspect(reference)).state;

    const outcomes: string[] = [];
    const clock = killClock(SEED + 1, ITERATIONS, uninterrupted.done!.ms);
    let i = -1;
    for (const delay of clock.delays()) {
      i++;
      const path = copyOf(template);
      const folder = tempDir();
      cpSync(folderTemplate, folder, { recursive: true });
      const run = await runChild(job(path, folder), delay);
      clock.finished(run);
      const where = `iteration ${i}, killed ${delay} ms after opening (seed ${SEED})`;
      expect((await inspect(path)).integrity, where).toBe('ok');

      // Every mark is covered by files a reader takes (*.cunji), each complete and verifiable.
      const covered = (): Set<string> => {
        const seqs = new Set<string>();
        for (const name of readdirSync(join(folder, id)).filter((n) => n.endsWith('.cunji'))) {
          const source = fileSource(join(folder, id, name));
          try {
            for (const s of verifyBundle(source, { keyOf }).segments) seqs.add(`${s.origin}/${s.seq}`);
          } finally {
            source.close();
          }
        }
        return seqs;
      };
      const marksCovered = async () => {
        const marks = await withDatabase(path, (sqlite) => exportMarks(sqlite, TARGET));
        const seqs = covered();
        for (const [origin, last] of marks) for (let seq = 1; seq <= last; seq++) expect(seqs.has(`${origin}/${seq}`), `${where}: mark ${origin}/${last}`).toBe(true);
        return marks;
      };
      const marks = await marksCovered();
      const names = readdirSync(join(folder, id));
      const [files, parts] = [names.filter((n) => n.endsWith('.cunji')).length, names.filter((n) => n.endsWith('.part')).length];
      outcomes.push(`${run.killed ? 'killed' : 'finished'} (mark ${[...marks.values()].join(',')}, ${files} files, ${parts} .part)`);

      // Again, uninterrupted: the marks reach the last segment, and a reader of the folder ends
      // where an uninterrupted export leaves the exporter.
      await withDatabase(path, (sqlite) => exportBundle(sqlite, { keys, app: 'crash-test', dir: folder, target: TARGET, newId: createUuidV7Source(() => NOW), now: () => NOW }));
      const finalMarks = await marksCovered();
      const lastSeq = await withDatabase(path, (sqlite) => sqlite.prepare('SELECT max(seq) FROM segments WHERE origin = ?').pluck().get(id) as number);
      expect(finalMarks.get(id), where).toBe(lastSeq);
      expect((await inspect(path)).state, where).toBe(expected);
      const reader = await openPeer(tempDir(), 'dddddddd00000004', NOW);
      reader.trust({ id, keys }, await withDatabase(path, (sqlite) => sqlite.prepare('SELECT id FROM villages ORDER BY id').pluck().all() as string[]));
      for (const name of readdirSync(join(folder, id)).filter((n) => n.endsWith('.cunji'))) {
        expect(reader.importFile(join(folder, id, name)).refusal, where).toBeNull();
      }
      expect(replicaState(reader.sqlite), where).toBe(expected);
      reader.device.close();
    }
    console.info(`export killed at random points (seed ${SEED + 1}): ${outcomes.join('; ')}`);
    expect(outcomes.some((o) => o.startsWith('killed')), outcomes.join('; ')).toBe(true);
  }, 90_000);
});
