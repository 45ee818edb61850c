// One report table for paper: a plain HTML table whose header row repeats at the top of every
// page it runs onto (`thead` as a header group), rows never split across pages, totals bold.
import type { JSX } from 'react';
import type { Lang } from '../../../../../shared/domain/labels';
import type { ReportTableView } from '../../../../../shared/domain/reports';
import { cellText, isNumericColumn } from '../cellText';

export function PrintTable({ table, lang, note }: { table: ReportTableView; lang: Lang; note: string | null }): JSX.Element {
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
                  {cellText(table.columns, r, i, lang)}
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
