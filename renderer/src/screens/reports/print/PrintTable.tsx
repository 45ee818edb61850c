// One report table for paper: a plain HTML table whose header row repeats at the top of every
// page it runs onto (`thead` as a header group), rows never split across pages, totals bold.
// A record's photos (thumbnails asked for) are drawn in its photos cell with what they leave unsaid.
import type { JSX } from 'react';
import type { Lang } from '../../../../../shared/domain/labels';
import type { ReportPhotos, ReportTableView } from '../../../../../shared/domain/reports';
import { cellText, isNumericColumn } from '../cellText';

/** Thumbnail height on paper, in CSS pixels (the XLSX's too); widths follow each photo, capped. */
const THUMB_HEIGHT = 72;
const THUMB_MAX_WIDTH = 96;

function PhotoCell({ photos, urls }: { photos: ReportPhotos; urls: ReadonlyMap<string, string> }): JSX.Element {
  return (
    <div className="print-photos" data-testid="print-photos">
      {photos.thumbs.map((thumb) => {
        const url = urls.get(thumb.hash);
        const width = Math.min(THUMB_MAX_WIDTH, Math.round((THUMB_HEIGHT * thumb.width) / thumb.height));
        const height = Math.round((width * thumb.height) / thumb.width);
        return url ? <img key={thumb.hash} src={url} alt="" width={width} height={height} /> : null;
      })}
      {photos.note && <span className="print-photos-note">{photos.note}</span>}
    </div>
  );
}

export function PrintTable({ table, lang, note, thumbs }: { table: ReportTableView; lang: Lang; note: string | null; thumbs: ReadonlyMap<string, string> }): JSX.Element {
  const numeric = table.columns.map(isNumericColumn);
  // Names, dates and codes stay on one line; long text (a need's content) wraps.
  const cellClass = table.columns.map((column, i) => (numeric[i] ? 'num' : column.width <= 12 || column.type !== 'text' ? 'nowrap' : undefined));
  const row = (kind: string, cells: JSX.Element[], key: string) => (
    <tr key={key} className={kind === 'data' ? undefined : 'print-total'}>
      {cells}
    </tr>
  );
  return (
    <section className="print-table-block" data-testid={`print-table-${table.key}`}>
      <h2 className="print-caption">{table.caption}</h2>
      <table className="print-table">
        <thead>
          <tr>
            {table.columns.map((column, i) => (
              <th key={column.key} className={numeric[i] ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...table.rows, ...table.totals].map((r, index) =>
            row(
              r.kind,
              table.columns.map((column, i) => (
                <td key={column.key} className={cellClass[i]}>
                  {column.key === 'photos' && r.photos && r.photos.thumbs.length > 0 ? <PhotoCell photos={r.photos} urls={thumbs} /> : cellText(table.columns, r, i, lang)}
                </td>
              )),
              String(index),
            ),
          )}
        </tbody>
      </table>
      {note && <p className="print-note">{note}</p>}
    </section>
  );
}
