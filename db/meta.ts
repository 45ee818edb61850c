// Local key/value settings (device identity, keys, scope). Never synced.
import type { OpenedDatabase } from './open';
import { first, run } from './query';

export function getMeta(db: OpenedDatabase, key: string): string | null {
  return first(db.sqlite, db.kysely.selectFrom('meta').select('value').where('key', '=', key))?.value ?? null;
}

export function setMeta(db: OpenedDatabase, key: string, value: string): void {
  run(
    db.sqlite,
    db.kysely
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}
