import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';

type CellProps = { children?: ReactNode; className?: string; colSpan?: number; 'data-label'?: string };

/**
 * Each cell of a row learns its column's header as `data-label`, which the phone layout shows above the cell's
 * value (app/globals.css, `.table-cards`). Rows written as `<tr>` directly (the usual `rows.map(r => <tr>…)`) are
 * labelled; a row drawn by its own component, or a cell spanning columns, keeps its cells unlabelled.
 */
function labelRows(children: ReactNode, headers: string[]): ReactNode {
  return Children.map(children, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== 'tr') return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const index = column;
      column += cell.props.colSpan ?? 1;
      const label = headers[index];
      if (!label || (cell.props.colSpan ?? 1) > 1 || cell.props['data-label'] !== undefined) return cell;
      return cloneElement(cell as ReactElement<CellProps>, { 'data-label': label });
    });
    return cloneElement(row, {}, cells);
  });
}

/**
 * A table in its own scroll region: on a wide screen a table, and below the `sm` width (phones, issue 16) one card
 * per row, each value under its column's name, so nothing scrolls sideways. The region is focusable and named
 * (keyboard users scroll it with the arrow keys). An empty header is the row-actions column: it is named for
 * screen readers. The region is positioned, so what sits absolutely inside it (a form's visually hidden status
 * line) stays inside it instead of widening the page.
 */
export function Table({ headers, children, caption }: { headers: string[]; children: ReactNode; caption?: string }) {
  return (
    <div
      className="table-cards relative max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent"
      tabIndex={0}
      role="region"
      aria-label={caption ?? 'Table'}
    >
      <table className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
          <tr>
            {headers.map((h, i) => (
              <th key={`${i}-${h}`} scope="col" className="px-2 py-2 font-medium">
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">{labelRows(children, headers)}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, className = '', ...rest }: CellProps) {
  return (
    <td className={`px-2 py-2 align-top ${className}`} {...rest}>
      {children}
    </td>
  );
}
