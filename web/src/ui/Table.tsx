// A data table with real headers: <caption> names it, column headers are <th scope="col">, the
// cell that names each row is <th scope="row">. Under 48rem the rows become stacked cards, each
// cell labelled with its column's header (explicit ARIA roles keep the table semantics that some
// browsers drop when table parts are displayed as blocks).
import type { ComponentChildren } from 'preact';

export interface Column<T> {
  /** The column's header text (also the cell's label on narrow screens). */
  header: string;
  cell: (row: T) => ComponentChildren;
  /** This column names the row (rendered as <th scope="row">). Use it for one column. */
  rowHeader?: boolean;
  /** Hide the header visually (screen readers still read it), e.g. for an actions column. */
  headerHidden?: boolean;
  /** Extra class on the column's cells (e.g. "num" to right-align numbers). */
  class?: string;
}

export interface TableProps<T> {
  /** Names the table (its <caption>). */
  caption: string;
  /** Keep the caption for screen readers only (when a heading right above says the same). */
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows: say why and what to do. */
  empty?: ComponentChildren;
}

export function Table<T>({ caption, captionHidden, columns, rows, rowKey, empty }: TableProps<T>) {
  if (rows.length === 0 && empty !== undefined)
    return (
      <div class="empty-state" role="status">
        {typeof empty === 'string' ? <p>{empty}</p> : empty}
      </div>
    );
  return (
    <div class="table-wrap">
      <table class="data-table" role="table">
        <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((c) => (
              <th key={c.header} scope="col" role="columnheader" class={c.class}>
                {c.headerHidden ? <span class="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} role="row">
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.header} scope="row" role="rowheader" class={c.class}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.header}
                    role="cell"
                    data-label={c.headerHidden ? undefined : c.header}
                    class={c.class}
                  >
                    <span class="cell-value">{c.cell(row)}</span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
