// Kysely as a builder only: typed SQL over the schema (db/schema.ts) for functions that are given
// the better-sqlite3 connection alone. It never connects (its driver is kysely's DummyDriver);
// db/query.ts compiles what it builds and runs it synchronously on that connection.
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { Database } from './schema';

export const sqlBuilder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});
