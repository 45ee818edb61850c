// A connection whose statements are prepared once and kept: a dashboard runs some twenty
// statements, asked for again at every change of period or village, and compiling them anew
// costs as much as a village's figures.
import type { Sqlite } from '../open';

/** What the dashboards need of a connection: to prepare a statement. */
export type Prepare = Pick<Sqlite, 'prepare'>;

/** `sqlite`, preparing each statement on first use and reusing it after, for as long as the result is kept. */
export function preparingOnce(sqlite: Sqlite): Prepare {
  const statements = new Map<string, ReturnType<Sqlite['prepare']>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
    return statement;
  };
  return { prepare: prepare as Sqlite['prepare'] };
}
