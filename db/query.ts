// Run a kysely-built query synchronously on the better-sqlite3 connection. Kysely gives the
// types and the SQL; better-sqlite3 runs it inside the store's synchronous transactions, so a
// read can never interleave with a half-done write (kysely's own executor is async).
import type { Compilable, InferResult } from 'kysely';
import type { Sqlite } from './open';

export function all<Q extends Compilable<unknown>>(sqlite: Sqlite, query: Q): InferResult<Q> {
  const { sql, parameters } = query.compile();
  return sqlite.prepare(sql).all(...(parameters as unknown[])) as InferResult<Q>;
}

export function first<Q extends Compilable<unknown>>(sqlite: Sqlite, query: Q): InferResult<Q>[number] | undefined {
  const { sql, parameters } = query.compile();
  return sqlite.prepare(sql).get(...(parameters as unknown[])) as InferResult<Q>[number] | undefined;
}

export function run(sqlite: Sqlite, query: Compilable<unknown>): number {
  const { sql, parameters } = query.compile();
  return sqlite.prepare(sql).run(...(parameters as unknown[])).changes;
}
