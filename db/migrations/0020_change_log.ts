// The change log, the heads of every cell, and local metadata. Frozen in time.
import { sql, type Kysely } from 'kysely';

const sqlWithoutRowid = sql`WITHOUT ROWID`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('col', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('seen', 'text', (c) => c.notNull())
    .addColumn('segment', 'text')
    .modifyEnd(sqlWithoutRowid)
    .execute();
  await db.schema.createIndex('changes_by_cell').on('changes').columns(['tbl', 'row_id', 'col']).execute();
  await db.schema.createIndex('changes_unsealed').on('changes').columns(['origin', 'segment']).execute();

  await db.schema
    .createTable('cell_heads')
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('col', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cell_heads_pk', ['tbl', 'row_id', 'col', 'change_id'])
    .modifyEnd(sqlWithoutRowid)
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
