// The reads of a village's photo archive: every live attachment of the village with what names
// its record in a person's words — the record's date and who or what it is about (a visit's
// household, a project's name, a candidate's name and step) — in the archive's order.
import type { Sqlite } from './open';

export interface ArchiveRow {
  id: string;
  recordTable: string;
  recordId: string;
  kind: string;
  caption: string | null;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  thumbSha256: string | null;
  takenAt: string | null;
  /** The record's own date (a visit's day, a fund entry's, a step's …), else the day it was attached. */
  recordDate: string;
  /** Who or what the record is about; null where the record says nothing more than its date. */
  recordLabel: string | null;
  /** party_steps: the step's code (its words are the caller's). */
  stepCode: string | null;
}

const DATE = `CASE a.record_table
    WHEN 'visits' THEN (SELECT r.visit_date FROM visits r WHERE r.id = a.record_id)
    WHEN 'needs' THEN (SELECT coalesce(v.visit_date, r.due_date) FROM needs r LEFT JOIN visits v ON v.id = r.visit_id WHERE r.id = a.record_id)
    WHEN 'projects' THEN (SELECT r.start_date FROM projects r WHERE r.id = a.record_id)
    WHEN 'fund_entries' THEN (SELECT r.entry_date FROM fund_entries r WHERE r.id = a.record_id)
    WHEN 'diary_entries' THEN (SELECT r.entry_date FROM diary_entries r WHERE r.id = a.record_id)
    WHEN 'commitments' THEN (SELECT r.due_date FROM commitments r WHERE r.id = a.record_id)
    WHEN 'party_steps' THEN (SELECT r.step_date FROM party_steps r WHERE r.id = a.record_id)
  END`;

const LABEL = `CASE a.record_table
    WHEN 'visits' THEN (SELECT h.head_name FROM visits r JOIN households h ON h.id = r.household_id WHERE r.id = a.record_id)
    WHEN 'needs' THEN (SELECT coalesce(h.head_name || ' ', '') || substr(r.content, 1, 20) FROM needs r LEFT JOIN households h ON h.id = r.household_id WHERE r.id = a.record_id)
    WHEN 'projects' THEN (SELECT r.name FROM projects r WHERE r.id = a.record_id)
    WHEN 'fund_entries' THEN (SELECT p.name || coalesce(' ' || r.purpose, '') FROM fund_entries r JOIN projects p ON p.id = r.project_id WHERE r.id = a.record_id)
    WHEN 'commitments' THEN (SELECT substr(r.content, 1, 20) FROM commitments r WHERE r.id = a.record_id)
    WHEN 'party_steps' THEN (SELECT c.name FROM party_steps r JOIN party_candidates c ON c.id = r.candidate_id WHERE r.id = a.record_id)
  END`;

/** The live attachments of a village, by ledger, record date, record, then the order they were attached. */
export function archiveRows(sqlite: Sqlite, villageId: string): ArchiveRow[] {
  return sqlite
    .prepare(
      `SELECT * FROM (
         SELECT a.id, a.record_table AS recordTable, a.record_id AS recordId, a.kind, a.caption, a.file_name AS fileName, a.mime,
           a.size_bytes AS sizeBytes, a.sha256, a.thumb_sha256 AS thumbSha256, a.taken_at AS takenAt, a.created_at AS createdAt,
           coalesce(${DATE}, substr(a.created_at, 1, 10)) AS recordDate, ${LABEL} AS recordLabel,
           CASE a.record_table WHEN 'party_steps' THEN (SELECT r.step FROM party_steps r WHERE r.id = a.record_id) END AS stepCode,
           a.rowid AS seq
         FROM attachments a WHERE a.village_id = ? AND a.deleted_at IS NULL
       ) ORDER BY recordTable, recordDate, recordId, createdAt, seq`,
    )
    .all(villageId)
    .map((row) => {
      const { createdAt: _c, seq: _s, ...rest } = row as ArchiveRow & { createdAt: string; seq: number };
      return rest;
    });
}
