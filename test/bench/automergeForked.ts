// Automerge compared fairly: one base document holding an empty map per ledger, saved once, that
// every village loads (a fork: same history, its own actor); each village writes its ledger rows
// into those shared maps, one change a row, and ships the changes made since the base. The merge
// loads the base and applies each village's changes (loadIncremental), as Cunji applies each
// village's file; the merged document is then checked equal, row by row and value by value, to
// the ledgers of Cunji's merged database. (bench:sync before this gave every village a fresh
// A.init() writing its own top-level maps, so 29 of 30 villages' maps hid as conflicts of one key
// and nothing was compared.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_NAMES, ledgerColumns, type LedgerName } from '../../db/ledgers';
import { openDatabase } from '../../db/open';
import { cpuSeconds, peakRss, seconds, type Manifest } from './syncFixture';

type Ledgers = Record<string, Record<string, Record<string, unknown>>>;

export interface ForkedBuildFigures {
  readonly rows: number;
  readonly ops: number;
  /** Bytes of every village's changes since the base, as shipped. */
  readonly changeBytes: number;
  readonly buildS: number;
  readonly peakRss: number;
}

export interface ForkedMergeFigures {
  readonly ops: number;
  readonly mergeS: number;
  readonly mergeCpuS: number;
  /** A.save of the merged document, written to disk. */
  readonly savedBytes: number;
  readonly saveS: number;
  /** Peak RSS of the merge and save, before the check reads anything. */
  readonly peakRss: number;
  /** Rows and cells found equal to Cunji's merged ledgers. */
  readonly checkedRows: number;
  readonly checkedCells: number;
}

const basePath = (dir: string) => join(dir, 'automerge-base.bin');
const changesPath = (dir: string, i: number) => join(dir, `automerge-village-${i}.bin`);
const actorOf = (i: number) => (i + 1).toString(16).padStart(32, '0');

/** Writes the base document and, for the first `count` villages, the changes each made on its fork. */
export async function buildForked(manifest: Manifest, count: number): Promise<ForkedBuildFigures> {
  const A = await import('@automerge/automerge');
  const t0 = performance.now();
  const base = A.change(A.init<Ledgers>({ actor: 'ba5e'.padEnd(32, '0') }), (d) => {
    for (const table of LEDGER_NAMES) d[table] = {};
  });
  const baseBytes = A.save(base);
  writeFileSync(basePath(manifest.dir), baseBytes);
  const baseHeads = A.getHeads(base);
  let rows = 0;
  let ops = 0;
  let changeBytes = 0;
  for (const [i, v] of manifest.villages.slice(0, count).entries()) {
    let doc = A.load<Ledgers>(baseBytes, { actor: actorOf(i) });
    const db = await openDatabase(v.db);
    for (const table of LEDGER_NAMES) {
      const columns = ledgerColumns(table);
      for (const row of db.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]) {
        // One change a row, as the store writes a transaction a row; strings as ImmutableString,
        // a last-writer-wins value like a Cunji cell (a text would be an op per character).
        const record: Record<string, unknown> = {};
        for (const col of columns) {
          const value = row[col];
          if (value !== null && value !== undefined) record[col] = typeof value === 'string' ? new A.ImmutableString(value) : value;
        }
        doc = A.change(doc, (d) => {
          d[table]![String(row.id)] = record;
        });
        rows++;
      }
    }
    db.close();
    const changes = A.saveSince(doc, baseHeads);
    writeFileSync(changesPath(manifest.dir, i), changes);
    changeBytes += changes.length;
    ops += A.stats(doc).numOps;
  }
  return { rows, ops, changeBytes, buildS: seconds(t0), peakRss: peakRss() };
}

/** Loads the base, applies the first `count` villages' changes, saves, then checks against `cunjiDb`. */
export async function mergeForked(manifest: Manifest, count: number, cunjiDb: string): Promise<ForkedMergeFigures> {
  const A = await import('@automerge/automerge');
  const files = Array.from({ length: count }, (_, i) => readFileSync(changesPath(manifest.dir, i)));
  const baseBytes = readFileSync(basePath(manifest.dir));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let doc = A.load<Ledgers>(baseBytes);
  for (const changes of files) doc = A.loadIncremental(doc, changes);
  const mergeS = seconds(t0);
  const mergeCpuS = cpuSeconds(c0);
  const s0 = performance.now();
  const saved = A.save(doc);
  writeFileSync(join(manifest.dir, 'automerge-merged.bin'), saved);
  const saveS = seconds(s0);
  const rss = peakRss();
  const ops = A.stats(doc).numOps;

  const db = await openDatabase(cunjiDb);
  let checkedRows = 0;
  let checkedCells = 0;
  try {
    for (const table of LEDGER_NAMES) {
      if (A.getConflicts(doc, table)) throw new Error(`Automerge: the map ${table} is in conflict (the villages did not share it)`);
      const merged = doc[table] ?? {};
      const rows = db.sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      if (rows.length !== Object.keys(merged).length) throw new Error(`${table}: Cunji has ${rows.length} rows, Automerge ${Object.keys(merged).length}`);
      for (const row of rows) checkedCells += checkRow(table, row, merged[String(row.id)]);
      checkedRows += rows.length;
    }
  } finally {
    db.close();
  }
  return { ops, mergeS, mergeCpuS, savedBytes: saved.length, saveS, peakRss: rss, checkedRows, checkedCells };
}

function checkRow(table: LedgerName, row: Record<string, unknown>, record: Record<string, unknown> | undefined): number {
  if (!record) throw new Error(`${table} ${String(row.id)}: in Cunji, not in Automerge`);
  let cells = 0;
  for (const col of ledgerColumns(table)) {
    const ours = row[col] ?? null;
    const raw = record[col];
    const theirs = raw === undefined || raw === null ? null : typeof raw === 'object' ? String(raw) : raw;
    if (ours !== theirs) throw new Error(`${table} ${String(row.id)}.${col}: Cunji ${JSON.stringify(ours)}, Automerge ${JSON.stringify(theirs)}`);
    cells++;
  }
  return cells;
}
