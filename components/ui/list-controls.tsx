import Link from 'next/link';
import type { ReactNode } from 'react';
import { listHref, type SortOption } from '@/lib/list-query';

/*
 * The controls of a searchable list (issue 16): a search box with the sort and the list's own filters, as one GET
 * form, and a pager. Everything is a plain link or a GET form: the state is in the URL, the back button and a
 * shared link show the same page, and no script is needed. Sorting is a choice in the toolbar rather than in the
 * table's headers, so it stays usable when a table turns into cards on a phone.
 */

const control = 'mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-sm';

export type { SortOption };

export function ListToolbar({
  label,
  searchLabel = 'Search',
  placeholder,
  q,
  sorts,
  sort,
  dir,
  hidden = {},
  children,
  resetHref,
  submitLabel = 'Search',
  landmark = true,
}: {
  /** Names the form (e.g. "Search people"). */
  label: string;
  searchLabel?: string;
  placeholder?: string;
  q: string | undefined;
  sorts: SortOption[];
  sort: string;
  dir: 'asc' | 'desc';
  /** Params to keep that the form does not show (another filter of the page). */
  hidden?: Record<string, string | undefined>;
  /** The list's own filters: labelled controls named as their search params. */
  children?: ReactNode;
  /** Where "Clear" goes: the list without search or filters. */
  resetHref?: string;
  submitLabel?: string;
  /** A search landmark (default), or a plain named form. */
  landmark?: boolean;
}) {
  return (
    <form
      method="get"
      role={landmark ? 'search' : undefined}
      aria-label={label}
      className="mb-4 grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-4"
    >
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label className="text-sm font-medium sm:col-span-2">
        {searchLabel}
        <input
          type="search"
          name="q"
          defaultValue={q ?? ''}
          placeholder={placeholder}
          maxLength={100}
          className={control}
        />
      </label>
      {children}
      <label className="text-sm font-medium">
        Sort by
        <select name="sort" defaultValue={sort} className={control}>
          {sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Order
        <select name="dir" defaultValue={dir} className={control}>
          <option value="asc">Ascending (A–Z, oldest first)</option>
          <option value="desc">Descending (Z–A, newest first)</option>
        </select>
      </label>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent/90"
        >
          {submitLabel}
        </button>
        {resetHref ? (
          <Link href={resetHref} className="py-2 text-sm text-accent hover:underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/** A filter select for the toolbar (its name is the search param). */
export function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: SortOption[];
}) {
  return (
    <label className="text-sm font-medium">
      {label}
      <select name={name} defaultValue={value ?? ''} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A date filter for the toolbar (`YYYY-MM-DD`). */
export function FilterDate({ label, name, value }: { label: string; name: string; value: string | undefined }) {
  return (
    <label className="text-sm font-medium">
      {label}
      <input type="date" name={name} defaultValue={value ?? ''} className={control} />
    </label>
  );
}

/**
 * Previous and next page links, keeping the search, sort and filters (`params`, without cursors). `label` names
 * the navigation ("People pages").
 */
export function Pager({
  pathname,
  params,
  page,
  label,
  count,
  emptyMessage = 'Nothing matches.',
}: {
  pathname: string;
  params: Record<string, string | undefined>;
  page: { next: string | null; prev: string | null };
  label: string;
  /** Rows on this page, for the empty message. */
  count: number;
  /** Said when there are no rows at all (null: the page says it itself). */
  emptyMessage?: string | null;
}) {
  if (!page.next && !page.prev) {
    return count === 0 && emptyMessage ? <p className="mt-4 text-sm text-muted">{emptyMessage}</p> : null;
  }
  const link = 'rounded-md border border-line bg-white px-3 py-1.5 text-sm font-medium text-accent hover:bg-paper';
  const off = 'rounded-md border border-line px-3 py-1.5 text-sm text-muted';
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3">
      {page.prev ? (
        <Link rel="prev" href={listHref(pathname, { ...params, before: page.prev })} className={link}>
          ← Previous
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          ← Previous
        </span>
      )}
      {page.next ? (
        <Link rel="next" href={listHref(pathname, { ...params, after: page.next })} className={link}>
          Next →
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
