import type { ReactNode } from 'react';

/**
 * A table in its own scroll region: on a narrow screen it scrolls sideways inside the page, never the page
 * itself. The region is focusable and named (keyboard users scroll it with the arrow keys). An empty header
 * is the row-actions column: it is named for screen readers. The region is positioned, so what sits absolutely
 * inside it (a form's visually hidden status line) stays inside it instead of widening the page.
 */
export function Table({ headers, children, caption }: { headers: string[]; children: ReactNode; caption?: string }) {
  return (
    <div className="relative max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent" tabIndex={0} role="region" aria-label={caption ?? 'Table'}>
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
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <td className={`px-2 py-2 align-top ${className}`}>{children}</td>;
}
