// A report job's own read-only connection. A job streams rows over many turns of the event loop;
// a cursor left open on the app's connection would make every write in between fail ("busy").
// This one sees a single snapshot (one read transaction for the whole job), so every sheet of a
// file tells the same moment, whatever is written meanwhile.
import BetterSqlite3 from 'better-sqlite3';
import type { Sqlite } from '../open';

export interface ReportReader {
  readonly sqlite: Sqlite;
  close(): void;
}

export function openReportReader(file: string, nativeBinding?: string): ReportReader {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.exec('BEGIN');
    // The snapshot is taken at the first read, so take it now.
    sqlite.prepare('SELECT count(*) FROM villages').pluck().get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    sqlite,
    close: () => {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      sqlite.close();
    },
  };
}
