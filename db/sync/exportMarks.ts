// Export marks: per target, the last segment of each origin already sent there. An export
// stages its marks under a name of its own and commits them only once its file has arrived.
import type { Sqlite } from '../open';

/** Export marks of `from` copied to `to` (replacing what `to` had). */
export function copyMarks(sqlite: Sqlite, from: string, to: string): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM export_marks WHERE target = ?').run(to);
    sqlite.prepare('INSERT INTO export_marks (target, origin, last_seq) SELECT ?, origin, last_seq FROM export_marks WHERE target = ?').run(to, from);
  })();
}

/** The staged marks become the real ones (never moving one back), and the stage is cleared. */
export function commitMarks(sqlite: Sqlite, staged: string, real: string): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO export_marks (target, origin, last_seq) SELECT ?, origin, last_seq FROM export_marks WHERE target = ?
         ON CONFLICT (target, origin) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
      )
      .run(real, staged);
    sqlite.prepare('DELETE FROM export_marks WHERE target = ?').run(staged);
  })();
}

export const STAGED_MARKS_PREFIX = 'staged:';

/** Marks of a file still travelling: a name of their own per export, so two exports never share one. */
export const stagedMarksOf = (real: string, id: string) => `${STAGED_MARKS_PREFIX}${id}:${real}`;

/** Staged marks left by a run that was killed: they name no file that arrived. */
export function dropStagedMarks(sqlite: Sqlite): void {
  sqlite.prepare("DELETE FROM export_marks WHERE target LIKE 'staged:%'").run();
}

/** The marks of one target dropped (a staged export that did not arrive). */
export function dropMarks(sqlite: Sqlite, target: string): void {
  sqlite.prepare('DELETE FROM export_marks WHERE target = ?').run(target);
}
