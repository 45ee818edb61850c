// pendingMigrationCount tells the shell, before it opens the store, whether a long upgrade is
// coming (it then shows a notice): the migrations a file's version still lacks, read without
// changing the file; none for a file not there yet or already at the latest version.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index';
import { openDatabase, pendingMigrationCount } from '../../db/open';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('pendingMigrationCount', () => {
  it('counts the migrations an older file lacks, changes nothing, and says none for a missing or current file', async () => {
    const dir = tempDir();
    expect(pendingMigrationCount(join(dir, 'none.sqlite'))).toBe(0);

    const old = await openDatabase(join(dir, 'old.sqlite'), { targetVersion: 220 });
    old.close();
    const lacking = MIGRATIONS.filter((m) => m.version > 220).length;
    expect(lacking).toBeGreaterThan(0);
    expect(pendingMigrationCount(join(dir, 'old.sqlite'))).toBe(lacking);
    expect(pendingMigrationCount(join(dir, 'old.sqlite'))).toBe(lacking); // read-only: still at 220

    const current = await openDatabase(join(dir, 'old.sqlite'));
    expect(current.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    current.close();
    expect(pendingMigrationCount(join(dir, 'old.sqlite'))).toBe(0);
  });
});
