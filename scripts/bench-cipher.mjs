// What a password on the database would cost: the same writes and reads on the project's
// better-sqlite3 and on better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers) without a key
// and with one (ChaCha20-Poly1305, its default, and AES-256-CBC as SQLCipher writes it), in one
// run on one machine. The cipher driver is not a dependency of the project: install it elsewhere
// and pass its folder (see docs/data-at-rest.md):
//   node scripts/bench-cipher.mjs [--driver /tmp/mc/node_modules/better-sqlite3-multiple-ciphers] [--rows 40000] [--rounds 3]
// Prints, per case, the median of the rounds: wall time first, the process's CPU time beside it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROWS = Number(option('rows', 40_000));
const ROUNDS = Number(option('rounds', 3));
const CELLS_PER_WRITE = 8; // a household saved from its form: about eight cells, one transaction
const LOOKUPS = 20_000;

const Plain = require('better-sqlite3');
const Cipher = require(option('driver', '/tmp/mc/node_modules/better-sqlite3-multiple-ciphers'));

// SQLite's default page cache (2 MB, what db/open.ts leaves) and a 64 MB one: every page that
// leaves the cache or enters it goes through the codec, so the cache size is part of the cost.
const CASES = [
  { name: 'better-sqlite3, no key', Driver: Plain, key: null, cacheMb: 2 },
  { name: 'multiple-ciphers, no key', Driver: Cipher, key: null, cacheMb: 2 },
  { name: 'multiple-ciphers, chacha20', Driver: Cipher, key: { cipher: 'chacha20' }, cacheMb: 2 },
  { name: 'multiple-ciphers, sqlcipher (AES-256-CBC)', Driver: Cipher, key: { cipher: 'sqlcipher', legacy: 4 }, cacheMb: 2 },
  { name: 'better-sqlite3, no key, 64 MB cache', Driver: Plain, key: null, cacheMb: 64 },
  { name: 'multiple-ciphers, chacha20, 64 MB cache', Driver: Cipher, key: { cipher: 'chacha20' }, cacheMb: 64 },
];

/** A connection as db/open.ts makes one, with the key first when there is one. */
function open(Driver, file, key, cacheMb) {
  const db = new Driver(file);
  if (key) {
    db.pragma(`cipher = '${key.cipher}'`);
    if (key.legacy) db.pragma(`legacy = ${key.legacy}`);
    db.pragma(`key = 'a village secretary''s passphrase'`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = ${-cacheMb * 1024}`);
  return db;
}

/** Wall and CPU milliseconds of `fn`. */
function timed(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, result };
}

// The change log's shape (db/schema.ts): a UUIDv7-like id, table, row, column, a value, seen.
const values = Array.from({ length: ROWS }, (_, i) => ({
  id: `${String(i).padStart(12, '0')}-${randomBytes(8).toString('hex')}`,
  row: randomBytes(16).toString('hex'),
  col: ['head_name', 'phone', 'address', 'notes', 'category', 'villager_group', 'id_number', 'health'][i % 8],
  value: i % 8 === 3 ? '走访了解生产生活情况，'.repeat(1 + (i % 12)) : `值${i}`,
}));

function runCase({ Driver, key, cacheMb }, dir, round) {
  const file = join(dir, `bench-${round}-${Math.random().toString(36).slice(2)}.sqlite`);
  let db = open(Driver, file, key, cacheMb);
  db.exec(`CREATE TABLE changes (id TEXT PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, col TEXT NOT NULL, value TEXT, seen TEXT NOT NULL DEFAULT '[]') WITHOUT ROWID;
           CREATE INDEX changes_cell ON changes (tbl, row_id, col);`);
  const insert = db.prepare('INSERT INTO changes (id, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?)');
  const write = db.transaction((from) => {
    for (let i = from; i < Math.min(from + CELLS_PER_WRITE, ROWS); i++) insert.run(values[i].id, 'households', values[i].row, values[i].col, values[i].value);
  });
  const writes = timed(() => {
    for (let i = 0; i < ROWS; i += CELLS_PER_WRITE) write(i);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = statSync(file).size;

  // Reads from a fresh connection: every page comes through the codec at least once.
  db = open(Driver, file, key, cacheMb);
  const scan = db.prepare('SELECT count(*), sum(length(value)) FROM changes');
  const byCell = db.prepare('SELECT value FROM changes WHERE tbl = ? AND row_id = ? AND col = ?');
  const reads = timed(() => {
    for (let i = 0; i < 3; i++) scan.get();
    for (let i = 0; i < LOOKUPS; i++) {
      const v = values[(i * 7919) % ROWS];
      byCell.get('households', v.row, v.col);
    }
  });
  db.close();
  rmSync(file, { force: true });
  return { writes, reads, bytes };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-cipher-'));
try {
  const plainVersion = new Plain(':memory:').prepare('SELECT sqlite_version()').pluck().get();
  const cipherDb = new Cipher(':memory:');
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${ROWS} cells in writes of ${CELLS_PER_WRITE}, ${ROUNDS} rounds (median shown)`);
  console.log(`better-sqlite3: SQLite ${plainVersion}; multiple-ciphers: SQLite ${cipherDb.prepare('SELECT sqlite_version()').pluck().get()}, ${cipherDb.prepare('SELECT sqlite3mc_version()').pluck().get()}`);
  cipherDb.close();
  const results = new Map(CASES.map((c) => [c.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Each round runs the cases in a different order, so a busy moment does not fall on one case.
    const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]);
    for (const c of order) results.get(c.name).push(runCase(c, dir, round));
  }
  const baseline = results.get(CASES[0].name);
  const baseWrite = median(baseline.map((r) => r.writes.wall));
  const baseRead = median(baseline.map((r) => r.reads.wall));
  const pad = (text, n) => String(text).padEnd(n);
  console.log(`${pad('case', 46)}${pad('writes: wall ms (CPU ms)', 28)}${pad('writes/s', 10)}${pad('reads: wall ms (CPU ms)', 27)}${pad('vs plain (w / r)', 18)}file`);
  for (const c of CASES) {
    const runs = results.get(c.name);
    const w = median(runs.map((r) => r.writes.wall));
    const wc = median(runs.map((r) => r.writes.cpu));
    const r = median(runs.map((x) => x.reads.wall));
    const rc = median(runs.map((x) => x.reads.cpu));
    const perSecond = Math.round(ROWS / CELLS_PER_WRITE / (w / 1000));
    const ratio = `${(w / baseWrite).toFixed(2)} / ${(r / baseRead).toFixed(2)}`;
    console.log(`${pad(c.name, 46)}${pad(`${w.toFixed(0)} (${wc.toFixed(0)})`, 28)}${pad(perSecond, 10)}${pad(`${r.toFixed(0)} (${rc.toFixed(0)})`, 27)}${pad(ratio, 18)}${(runs[0].bytes / 1e6).toFixed(1)} MB`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
