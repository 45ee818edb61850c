// The compact store's clock beside the change log (docs/compact-store.md, step 2): names interned
// as small integers, one packed clock per record (each cell's greatest change) and the record →
// segments index, filled here from the log; from now on every writer of the log writes them too
// (db/sync/clocks.ts). Device-local: nothing of it is synced. Frozen in time, except that the
// clock's blob is made by db/sync/clocks.ts's encoder, the one the live writers use.
import { sql, type Kysely } from 'kysely';
import { encodeClock, NAME_KIND, recordKey, type CellClock } from '../sync/clocks';

const PAGE = 20_000;
const HEX = '[0-9a-f]';
const UUID_GLOB = [8, 4, 4, 4, 12].map((n) => HEX.repeat(n)).join('-');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE names (n INTEGER PRIMARY KEY, kind INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (kind, text))`.execute(db);
  // row_id is a 16-byte blob for a UUID, else the id's text (BLOB affinity keeps either as given).
  await sql`CREATE TABLE clocks (tbl INTEGER NOT NULL, row_id BLOB NOT NULL, cells BLOB NOT NULL, PRIMARY KEY (tbl, row_id)) WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE record_segments (tbl INTEGER NOT NULL, row_id BLOB NOT NULL, segment INTEGER NOT NULL, PRIMARY KEY (tbl, row_id, segment)) WITHOUT ROWID`.execute(db);
  // Records a change ever deleted (the conflict list shows a conflict on a deleted record apart).
  await sql`CREATE TABLE record_deletes (tbl INTEGER NOT NULL, row_id BLOB NOT NULL, PRIMARY KEY (tbl, row_id)) WITHOUT ROWID`.execute(db);

  await sql`INSERT INTO names (kind, text) SELECT DISTINCT ${NAME_KIND.table}, tbl FROM changes ORDER BY 2`.execute(db);
  await sql`INSERT INTO names (kind, text) SELECT DISTINCT ${NAME_KIND.column}, col FROM changes ORDER BY 2`.execute(db);
  await sql`INSERT INTO names (kind, text) SELECT DISTINCT ${NAME_KIND.device}, origin FROM changes ORDER BY 2`.execute(db);
  await sql`INSERT INTO names (kind, text) SELECT DISTINCT ${NAME_KIND.segment}, segment FROM changes WHERE segment IS NOT NULL ORDER BY 2`.execute(db);
  await sql`INSERT INTO record_segments (tbl, row_id, segment)
    SELECT DISTINCT t.n, CASE WHEN c.row_id GLOB ${UUID_GLOB} THEN unhex(replace(c.row_id, '-', '')) ELSE c.row_id END, s.n
      FROM changes AS c JOIN names AS t ON t.kind = ${NAME_KIND.table} AND t.text = c.tbl
      JOIN names AS s ON s.kind = ${NAME_KIND.segment} AND s.text = c.segment`.execute(db);

  await sql`INSERT INTO record_deletes (tbl, row_id)
    SELECT DISTINCT t.n, CASE WHEN c.row_id GLOB ${UUID_GLOB} THEN unhex(replace(c.row_id, '-', '')) ELSE c.row_id END
      FROM changes AS c JOIN names AS t ON t.kind = ${NAME_KIND.table} AND t.text = c.tbl
     WHERE c.col = '_row' AND c.value = '"deleted"'`.execute(db);
  // Records with a change that is not causal (it names in seen an id not smaller than its own): rare.
  const nonCausal = new Set(
    (await sql<{ tbl: string; row_id: string }>`SELECT DISTINCT c.tbl, c.row_id FROM changes AS c, json_each(c.seen) AS s WHERE c.seen <> '[]' AND s.value >= c.id`.execute(db)).rows.map(
      (r) => `${r.tbl}\u0000${r.row_id}`,
    ),
  );

  const names = new Map<string, number>();
  for (const { n, kind, text } of (await sql<{ n: number; kind: number; text: string }>`SELECT n, kind, text FROM names`.execute(db)).rows) names.set(`${kind}\u0000${text}`, n);
  const nameOf = (kind: number, text: string) => names.get(`${kind}\u0000${text}`)!;

  // Each cell's greatest change (its seen comes from that row: SQLite's bare columns with max()),
  // a page of records at a time, in the order of changes_by_cell.
  let after: { tbl: string; row_id: string } | null = null;
  for (;;) {
    const page: { tbl: string; row_id: string; col: string; id: string; seen: string; first: string }[] = (
      await sql<{ tbl: string; row_id: string; col: string; id: string; seen: string; first: string }>`SELECT tbl, row_id, col, max(id) AS id, seen,
          (SELECT min(f.id) FROM changes AS f WHERE f.tbl = c.tbl AND f.row_id = c.row_id AND f.col = c.col) AS first
        FROM changes AS c
        WHERE ${after === null ? sql`1` : sql`(tbl, row_id) > (${after.tbl}, ${after.row_id})`}
        GROUP BY tbl, row_id, col ORDER BY tbl, row_id, col LIMIT ${PAGE}`.execute(db)
    ).rows;
    if (!page.length) break;
    const last = page[page.length - 1]!;
    // A page cut inside a record leaves that record to the next page (a record has a few dozen cells at most).
    const full = page.length < PAGE ? page : page.filter((row) => row.tbl !== last.tbl || row.row_id !== last.row_id);
    if (!full.length) throw new Error(`Record ${last.tbl} ${last.row_id} has more cells than a page holds`);
    const rows: ReturnType<typeof sql>[] = [];
    let start = 0;
    for (let i = 1; i <= full.length; i++) {
      if (i < full.length && full[i]!.tbl === full[start]!.tbl && full[i]!.row_id === full[start]!.row_id) continue;
      const cells: CellClock[] = full.slice(start, i).map((row) => ({
        col: nameOf(NAME_KIND.column, row.col),
        hlc: row.id.slice(0, 16),
        origin: nameOf(NAME_KIND.device, row.id.slice(16)),
        seen: row.seen === '[]' ? '' : row.seen,
      }));
      const record = full[start]!;
      let firstId = record.first;
      for (const row of full.slice(start, i)) if (row.first < firstId) firstId = row.first;
      const first = { hlc: firstId.slice(0, 16), origin: nameOf(NAME_KIND.device, firstId.slice(16)) };
      const clock = encodeClock({ first, nonCausal: nonCausal.has(`${record.tbl}\u0000${record.row_id}`), cells });
      rows.push(sql`(${nameOf(NAME_KIND.table, record.tbl)}, ${recordKey(record.row_id)}, ${clock})`);
      start = i;
    }
    // Several hundred records a statement (three parameters each, well under SQLite's limit).
    for (let i = 0; i < rows.length; i += 500) await sql`INSERT INTO clocks (tbl, row_id, cells) VALUES ${sql.join(rows.slice(i, i + 500))}`.execute(db);
    if (page.length < PAGE) break;
    const end = full[full.length - 1]!;
    after = { tbl: end.tbl, row_id: end.row_id };
  }
}
