// The physical references of a merge, measured on the rows it produced: the ledgers of a merged
// database (the projection, with its indexes) written again into empty tables of the same DDL,
// once by one prepared INSERT per row (the rows read beforehand, untimed) and once by
// `INSERT … SELECT` from the merged database ATTACHed; both in one transaction, with the store's
// pragmas. A merge cannot write its projection faster than these. Also where a database's bytes
// go (dbstat), and whether two databases hold the same ledgers.
import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { LEDGER_NAMES } from '../../db/ledgers';
import { cpuSeconds, seconds } from './syncFixture';

export interface PhysicalFigures {
  readonly rows: number;
  readonly insertS: number;
  readonly insertCpuS: number;
  readonly selectS: number;
  readonly selectCpuS: number;
}

/** Every column of a ledger's table as stored: its fields and what the store keeps beside them. */
function columnsOf(db: BetterSqlite3.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
}

function emptyLike(source: BetterSqlite3.Database, path: string): BetterSqlite3.Database {
  rmSync(path, { force: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const ddl = source.prepare(`SELECT sql FROM sqlite_master WHERE tbl_name IN (${LEDGER_NAMES.map(() => '?').join(',')}) AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type = 'index'`).pluck().all(...LEDGER_NAMES) as string[];
  for (const statement of ddl) db.exec(statement);
  return db;
}

export function physicalReferences(mergedDb: string, scratch: string): PhysicalFigures {
  const source = new BetterSqlite3(mergedDb, { readonly: true });
  const rawPath = `${scratch}-insert.sqlite`;
  const selectPath = `${scratch}-select.sqlite`;
  let rows = 0;
  let insertS = 0;
  let insertCpuS = 0;
  const raw = emptyLike(source, rawPath);
  raw.exec('BEGIN');
  for (const table of LEDGER_NAMES) {
    const columns = columnsOf(source, table);
    const list = columns.map((c) => `"${c}"`).join(',');
    const data = source.prepare(`SELECT ${list} FROM "${table}"`).raw().all() as unknown[][];
    const insert = raw.prepare(`INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(',')})`);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const row of data) insert.run(...row);
    insertS += seconds(t0);
    insertCpuS += cpuSeconds(c0);
    rows += data.length;
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  raw.exec('COMMIT');
  insertS += seconds(t0);
  insertCpuS += cpuSeconds(c0);
  raw.close();

  const select = emptyLike(source, selectPath);
  source.close();
  select.prepare('ATTACH DATABASE ? AS src').run(mergedDb);
  const s0 = performance.now();
  const sc0 = process.cpuUsage();
  select.exec('BEGIN');
  for (const table of LEDGER_NAMES) {
    const list = columnsOf(select, table).map((c) => `"${c}"`).join(',');
    select.exec(`INSERT INTO main."${table}" (${list}) SELECT ${list} FROM src."${table}"`);
  }
  select.exec('COMMIT');
  const selectS = seconds(s0);
  const selectCpuS = cpuSeconds(sc0);
  select.close();
  for (const path of [rawPath, selectPath]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return { rows, insertS, insertCpuS, selectS, selectCpuS };
}

/** Bytes of each table with its indexes (dbstat), largest first. */
export function bytesByTable(dbPath: string): { name: string; bytes: number }[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const rows = db.prepare(
      `SELECT coalesce(m.tbl_name, s.name) AS name, sum(s.pgsize) AS bytes FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1 ORDER BY 2 DESC`,
    ).all() as { name: string; bytes: number }[];
    return rows;
  } finally {
    db.close();
  }
}

/** Rows of the ledgers that one database holds and the other does not (both ways); 0 when they are equal. */
export function ledgerDifference(a: string, b: string): { rows: number; differing: number } {
  const db = new BetterSqlite3(a, { readonly: true });
  try {
    db.prepare('ATTACH DATABASE ? AS other').run(b);
    let rows = 0;
    let differing = 0;
    for (const table of LEDGER_NAMES) {
      const list = columnsOf(db, table).map((c) => `"${c}"`).join(',');
      rows += db.prepare(`SELECT count(*) FROM main."${table}"`).pluck().get() as number;
      differing += db.prepare(`SELECT count(*) FROM (SELECT ${list} FROM main."${table}" EXCEPT SELECT ${list} FROM other."${table}")`).pluck().get() as number;
      differing += db.prepare(`SELECT count(*) FROM (SELECT ${list} FROM other."${table}" EXCEPT SELECT ${list} FROM main."${table}")`).pluck().get() as number;
    }
    return { rows, differing };
  } finally {
    db.close();
  }
}

/** The townships of a database's villages (for a district device set up over all of them). */
export function townshipsOf(dbPath: string): string[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT DISTINCT township FROM villages ORDER BY 1').pluck().all() as string[];
  } finally {
    db.close();
  }
}
