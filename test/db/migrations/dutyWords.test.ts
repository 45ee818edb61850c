// 0170: plan duties and diary duty tags stored as the standard scheme's five codes become their
// words; a code that reaches a row later (a replay of the change log, a file from a device not yet
// updated, applied by sync's own applier) becomes its word too. Other words are left as they are.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { createChangeApplier, type Change } from '../../../db/sync/apply';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const AT = '2026-01-01T00:00:00.000Z';
const ORIGIN = '00000000000000a1';

describe('0170: duty words', () => {
  it('turns the five codes of stored plans and diary tags into their words, keeps other words and the order of tags', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = await openDatabase(file, { targetVersion: 150 });
    const plan = old.sqlite.prepare('INSERT INTO plans (id, village_id, created_at, updated_at, duty) VALUES (?, ?, ?, ?, ?)');
    plan.run('p1', 'a', AT, AT, 'term_goals');
    plan.run('p2', 'a', AT, AT, 'civility');
    plan.run('p3', 'a', AT, AT, '建强村党组织');
    plan.run('p4', 'a', AT, AT, null);
    const diary = old.sqlite.prepare('INSERT INTO diary_entries (id, village_id, created_at, updated_at, duty_tags) VALUES (?, ?, ?, ?, ?)');
    diary.run('d1', 'a', AT, AT, JSON.stringify(['project_funds', 'leadership', '为民办事服务']));
    diary.run('d2', 'a', AT, AT, '[]');
    diary.run('d3', 'a', AT, AT, null);
    old.close();

    const db = await openDatabase(file, { backupDir: join(tempDir(), 'backups'), targetVersion: 170 });
    expect(db.sqlite.prepare('SELECT id, duty FROM plans ORDER BY id').all()).toEqual([
      { id: 'p1', duty: '落实任期目标管理' },
      { id: 'p2', duty: '开展乡村文明行动' },
      { id: 'p3', duty: '建强村党组织' },
      { id: 'p4', duty: null },
    ]);
    expect(db.sqlite.prepare('SELECT id, duty_tags AS tags FROM diary_entries ORDER BY id').all()).toEqual([
      { id: 'd1', tags: JSON.stringify(['协调项目资金', '抓好班子建设', '为民办事服务']) },
      { id: 'd2', tags: '[]' },
      { id: 'd3', tags: null },
    ]);
    db.close();
  });

  it('turns a code a synced change brings into its word, on a new row and on one already there; the change log keeps what was signed', async () => {
    const db = await openDatabase(join(tempDir(), 'new.sqlite'));
    const applier = createChangeApplier(db.sqlite);
    let n = 0;
    const change = (tbl: 'plans' | 'diary_entries', row: string, col: string, value: unknown): Change => {
      const hlc = (0x19ac0000000 + ++n).toString(16).padStart(12, '0') + '0000';
      return { id: hlc + ORIGIN, tbl, row_id: row, village_id: 'a', col, value: JSON.stringify(value), hlc, origin: ORIGIN, seen: [] };
    };
    for (const c of [change('plans', 'p1', 'duty', 'collective_economy'), change('plans', 'p2', 'duty', '提升治理水平'), change('diary_entries', 'd1', 'duty_tags', JSON.stringify(['term_goals']))]) {
      applier.record(c);
      applier.apply(c);
    }
    const later = change('plans', 'p2', 'duty', 'leadership');
    applier.record(later);
    applier.apply(later);
    expect(db.sqlite.prepare('SELECT id, duty FROM plans ORDER BY id').all()).toEqual([
      { id: 'p1', duty: '发展集体经济' },
      { id: 'p2', duty: '抓好班子建设' },
    ]);
    expect(db.sqlite.prepare('SELECT duty_tags FROM diary_entries').pluck().get()).toBe(JSON.stringify(['落实任期目标管理']));
    expect(db.sqlite.prepare("SELECT value FROM changes WHERE row_id = 'p1'").pluck().get()).toBe(JSON.stringify('collective_economy'));
    db.close();
  });
});
