// A village's gallery (照片档案): one page of its live attachments, newest month first, each with
// the record it belongs to named as a person knows it (the household, the project, the candidate)
// and the record's day, plus the months that have photos (with their counts) for the month filter.
import type { AttachmentRow } from './attachments';
import type { Sqlite } from './open';

export interface GalleryFilter {
  villageId: string;
  /** One attachable table (from the allow-list in shared/domain/attachments, never raw input). */
  table?: string;
  /** YYYY-MM of the photo's month (see MONTH_OF). */
  month?: string;
}

export interface GalleryRow extends AttachmentRow {
  /** The month the gallery files it under: YYYY-MM. */
  month: string;
  /** The household's head, the project's or candidate's name, a commitment's or need's words; null for a diary day. */
  record_label: string | null;
  /** The record's own day (a visit's, a fund entry's, a step's …), or null where it has none. */
  record_date: string | null;
  /** 1 when the record is no longer there (deleted, or not yet arrived by sync). */
  record_gone: number;
}

/**
 * The month of an attachment `a`: when the camera says it was taken, else the China day it was
 * attached (created_at is UTC; China is UTC+8 all year, so an evening photo is not filed a month early).
 */
const MONTH_OF = `coalesce(substr(a.taken_at, 1, 7), strftime('%Y-%m', a.created_at, '+8 hours'))`;

function whereOf(f: GalleryFilter): { clause: string; params: Record<string, string> } {
  const where = ['a.village_id = @villageId', 'a.deleted_at IS NULL'];
  const params: Record<string, string> = { villageId: f.villageId };
  if (f.table) {
    where.push('a.record_table = @table');
    params.table = f.table;
  }
  if (f.month) {
    where.push(`${MONTH_OF} = @month`);
    params.month = f.month;
  }
  return { clause: where.join(' AND '), params };
}

/**
 * The page first (newest month, then newest taken or attached, then id, so paging is stable), then
 * its records looked up for those rows only: a page of 48 costs 48 small lookups whatever the gallery's size.
 */
export function galleryPage(sqlite: Sqlite, f: GalleryFilter & { offset: number; limit: number }): { rows: GalleryRow[]; total: number } {
  const { clause, params } = whereOf(f);
  const rows = sqlite
    .prepare(
      // MATERIALIZED: the page is cut before any record is looked up (a flattened subquery would join first).
      `WITH page AS MATERIALIZED (SELECT a.*, ${MONTH_OF} AS month FROM attachments a WHERE ${clause}
         ORDER BY month DESC, coalesce(a.taken_at, a.created_at) DESC, a.id DESC LIMIT @limit OFFSET @offset)
       SELECT p.*,
         CASE p.record_table
           WHEN 'visits' THEN vh.head_name
           WHEN 'needs' THEN coalesce(nh.head_name, substr(n.content, 1, 40))
           WHEN 'projects' THEN pr.name
           WHEN 'fund_entries' THEN fp.name
           WHEN 'commitments' THEN substr(c.content, 1, 40)
           WHEN 'party_steps' THEN sc.name
         END AS record_label,
         CASE p.record_table
           WHEN 'visits' THEN v.visit_date
           WHEN 'needs' THEN date(n.created_at, '+8 hours')
           WHEN 'projects' THEN pr.start_date
           WHEN 'fund_entries' THEN f.entry_date
           WHEN 'diary_entries' THEN d.entry_date
           WHEN 'commitments' THEN c.due_date
           WHEN 'party_steps' THEN s.step_date
         END AS record_date,
         coalesce(CASE p.record_table
           WHEN 'visits' THEN v.deleted_at IS NOT NULL
           WHEN 'needs' THEN n.deleted_at IS NOT NULL
           WHEN 'projects' THEN pr.deleted_at IS NOT NULL
           WHEN 'fund_entries' THEN f.deleted_at IS NOT NULL
           WHEN 'diary_entries' THEN d.deleted_at IS NOT NULL
           WHEN 'commitments' THEN c.deleted_at IS NOT NULL
           WHEN 'party_steps' THEN s.deleted_at IS NOT NULL
         END, 1) AS record_gone
       FROM page p
       LEFT JOIN visits v ON p.record_table = 'visits' AND v.id = p.record_id
       LEFT JOIN households vh ON vh.id = v.household_id
       LEFT JOIN needs n ON p.record_table = 'needs' AND n.id = p.record_id
       LEFT JOIN households nh ON nh.id = n.household_id
       LEFT JOIN projects pr ON p.record_table = 'projects' AND pr.id = p.record_id
       LEFT JOIN fund_entries f ON p.record_table = 'fund_entries' AND f.id = p.record_id
       LEFT JOIN projects fp ON fp.id = f.project_id
       LEFT JOIN diary_entries d ON p.record_table = 'diary_entries' AND d.id = p.record_id
       LEFT JOIN commitments c ON p.record_table = 'commitments' AND c.id = p.record_id
       LEFT JOIN party_steps s ON p.record_table = 'party_steps' AND s.id = p.record_id
       LEFT JOIN party_candidates sc ON sc.id = s.candidate_id
       ORDER BY p.month DESC, coalesce(p.taken_at, p.created_at) DESC, p.id DESC`,
    )
    .all({ ...params, offset: f.offset, limit: f.limit }) as GalleryRow[];
  const total = sqlite.prepare(`SELECT count(*) FROM attachments a WHERE ${clause}`).pluck().get(params) as number;
  return { rows, total };
}

/** The months that have attachments under the ledger filter (not the month filter), newest first, with how many. */
export function galleryMonths(sqlite: Sqlite, f: Omit<GalleryFilter, 'month'>): { month: string; count: number }[] {
  const { clause, params } = whereOf({ villageId: f.villageId, ...(f.table ? { table: f.table } : {}) });
  return sqlite
    .prepare(`SELECT ${MONTH_OF} AS month, count(*) AS count FROM attachments a WHERE ${clause} GROUP BY month ORDER BY month DESC`)
    .all(params) as { month: string; count: number }[];
}
