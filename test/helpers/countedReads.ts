// A connection seen through a window that counts what its statements hand back from one table,
// and keeps what they ran, so a test shows work bounded by what changed (rows read, query
// plans) instead of timing it. Everything else passes straight to the real connection. Each
// window is a new object: code that remembers per connection sees a connection it never met.
import type { Sqlite } from '../../db/open';

export interface CountedReads {
  readonly sqlite: Sqlite;
  /** Rows handed back by statements naming the table, since the last reset. */
  rows(): number;
  /** The query plan lines of every statement naming the table that ran since the last reset. */
  plans(): string[];
  reset(): void;
}

type Statement = ReturnType<Sqlite['prepare']>;

export function countReads(sqlite: Sqlite, table: string): CountedReads {
  const names = new RegExp(`\\b${table}\\b`, 'i');
  let rows = 0;
  let runs: { sql: string; args: unknown[] }[] = [];

  function counted(statement: Statement, sql: string): Statement {
    const window: Statement = new Proxy(statement, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (out === target) return window; // pluck(), raw() … chain on the window
          if (prop === 'all' || prop === 'get' || prop === 'iterate' || prop === 'run') runs.push({ sql, args });
          if (prop === 'all') rows += (out as unknown[]).length;
          if (prop === 'get' && out !== undefined) rows++;
          if (prop === 'iterate') return countEach(out as Iterable<unknown>);
          return out;
        };
      },
    });
    return window;
  }

  function* countEach(items: Iterable<unknown>): Generator<unknown> {
    for (const item of items) {
      rows++;
      yield item;
    }
  }

  const window = new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          return names.test(sql) ? counted(statement, sql) : statement;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  return {
    sqlite: window,
    rows: () => rows,
    plans: () =>
      runs.flatMap(({ sql, args }) =>
        (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((row) => row.detail),
      ),
    reset: () => {
      rows = 0;
      runs = [];
    },
  };
}
