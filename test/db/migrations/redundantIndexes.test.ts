// 0260: an index whose columns begin another index of its table is only written, never needed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../../db/open';
import { DROPPED } from '../../../db/migrations/0260_redundant_village_indexes';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

interface Index {
  readonly name: string;
  readonly table: string;
  readonly unique: boolean;
  readonly columns: string[];
}

function indexesOf(sqlite: Sqlite): Index[] {
  const rows = sqlite.prepare("SELECT name, tbl_name AS tbl FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string; tbl: string }[];
  return rows.map(({ name, tbl }) => ({
    name,
    table: tbl,
    unique: (sqlite.prepare('SELECT "unique" FROM pragma_index_list(?) WHERE name = ?').pluck().get(tbl, name) as number) === 1,
    columns: (sqlite.pragma(`index_info(${JSON.stringify(name)})`) as { name: string }[]).map((c) => c.name),
  }));
}

/** Non-unique indexes whose columns are the first columns of another index of the same table. */
function redundant(sqlite: Sqlite): string[] {
  const all = indexesOf(sqlite);
  return all
    .filter((a) => !a.unique && all.some((b) => b !== a && b.table === a.table && b.columns.length > a.columns.length && a.columns.every((c, i) => b.columns[i] === c)))
    .map((a) => a.name);
}

describe('0260: redundant village indexes', () => {
  it('drops the four (village_id, deleted_at) indexes another index begins with, keeping every row', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = await openDatabase(file, { targetVersion: 250 });
    expect(redundant(old.sqlite).sort()).toEqual([...DROPPED].sort());
    old.sqlite
      .prepare("INSERT INTO visits (id, village_id, created_at, updated_at, household_id, visit_date) VALUES ('v1', 'a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'h1', '2026-01-01')")
      .run();
    old.close();

    const db = await openDatabase(file, { backupDir: join(tempDir(), 'backups') });
    expect(redundant(db.sqlite)).toEqual([]);
    for (const index of DROPPED) expect(indexesOf(db.sqlite).some((i) => i.name === index)).toBe(false);
    expect(db.sqlite.prepare('SELECT id, village_id FROM visits').all()).toEqual([{ id: 'v1', village_id: 'a' }]);
    // What the dropped index served, the longer one serves: a village's live visits by key, not a scan.
    const plan = db.sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM visits WHERE village_id = 'a' AND deleted_at IS NULL").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX visits_by_village_date/);
    db.close();
  });
});
