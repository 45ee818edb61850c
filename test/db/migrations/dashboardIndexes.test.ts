// 0110: the list indexes the dashboards read from alone gain their trailing columns; each keeps its
// name and leading columns (the lists' order), the data is untouched, and no index is added.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../../db/open';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const columnsOf = (sqlite: Sqlite, index: string) => (sqlite.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name);
const indexesOf = (sqlite: Sqlite) => sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

describe('0110: dashboard indexes', () => {
  it('widens the visits, needs and diary list indexes under their own names, and keeps the rows', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = await openDatabase(file, { targetVersion: 100 });
    const before = indexesOf(old.sqlite);
    old.sqlite
      .prepare("INSERT INTO visits (id, village_id, created_at, updated_at, household_id, visit_date) VALUES ('v1', 'a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'h1', '2026-01-01')")
      .run();
    old.close();

    const db = await openDatabase(file, { backupDir: join(tempDir(), 'backups'), targetVersion: 110 });
    expect(indexesOf(db.sqlite)).toEqual(before);
    expect(columnsOf(db.sqlite, 'visits_by_village_date')).toEqual(['village_id', 'deleted_at', 'visit_date', 'household_id']);
    expect(columnsOf(db.sqlite, 'visits_by_household_date')).toEqual(['household_id', 'visit_date', 'id', 'deleted_at']);
    expect(columnsOf(db.sqlite, 'needs_by_village_status_due')).toEqual(['village_id', 'deleted_at', 'status', 'due_date', 'closed_on', 'household_id', 'visit_id', 'created_at']);
    expect(columnsOf(db.sqlite, 'diary_by_village_date')).toEqual(['village_id', 'deleted_at', 'entry_date', 'presence']);
    expect(db.sqlite.prepare('SELECT id, household_id, visit_date FROM visits').all()).toEqual([{ id: 'v1', household_id: 'h1', visit_date: '2026-01-01' }]);
    db.close();
  });
});
