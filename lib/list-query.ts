import { z } from 'zod';

/*
 * Search, sort and paging for every list that can grow (issue 16): the state lives in the URL's search params
 * (`q`, `sort`, `dir`, `after`/`before`, plus each list's own filters), so a link or the back button brings the
 * same page back. Paging is by keyset on a stable order (the sort key, then the row's id), both ways: `after`
 * is the cursor of the last row shown (next page), `before` the cursor of the first (previous page). The SQL side
 * is lib/dal/list-page.ts; the controls are components/ui/list-controls.tsx.
 */

export const PAGE_SIZE = 50;

export type SortDir = 'asc' | 'desc';

/** A choice in a toolbar select (a sort key, a filter value) and its label. */
export type SortOption = { value: string; label: string };

/** One page of a list, with the cursors of the pages either side (null: there is none). */
export type Page<T> = { rows: T[]; next: string | null; prev: string | null };

export type ListParams<S extends string = string> = {
  q?: string | undefined;
  sort: S;
  dir: SortDir;
  after?: string | undefined;
  before?: string | undefined;
};

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A cursor as this module writes it: base64url, short. Anything else is ignored (first page). */
const cursor = z
  .preprocess(
    emptyToUndefined,
    z
      .string()
      .max(600)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  )
  .catch(undefined);

/** The search box: trimmed, at most 100 characters; empty means no search. */
export const searchText = z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined);

/** A day `YYYY-MM-DD` (a date filter); anything else is ignored. */
export const dayParam = z
  .preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      .optional(),
  )
  .catch(undefined);

/** An id filter (a uuid); anything else is ignored. */
export const idParam = z.preprocess(emptyToUndefined, z.string().uuid().optional()).catch(undefined);

/**
 * The schema of a list's params: `q`, `sort` among `sorts` (default first), `dir`, one cursor, and `extra` filters.
 * Invalid values fall back to their default instead of failing the page (a hand-edited URL shows the first page).
 */
export function listParamsSchema<
  const S extends readonly [string, ...string[]],
  E extends z.ZodRawShape = Record<never, never>,
>(sorts: S, defaults: { dir: SortDir; dirs?: Partial<Record<S[number], SortDir>> }, extra?: E) {
  const base = {
    q: searchText,
    sort: z.enum(sorts).catch(sorts[0]),
    dir: z.enum(['asc', 'desc']).optional().catch(undefined),
    after: cursor,
    before: cursor,
  };
  const shape = { ...base, ...(extra ?? {}) } as typeof base & E;
  return z.object(shape).transform((parsed) => {
    const p = parsed as unknown as { sort: S[number]; dir?: SortDir; after?: string; before?: string };
    return {
      ...parsed,
      dir: (p.dir ?? defaults.dirs?.[p.sort] ?? defaults.dir) as SortDir,
      // Both cursors make no sense together: `before` wins (the previous page).
      after: p.before ? undefined : p.after,
    } as Omit<typeof parsed, 'dir'> & { dir: SortDir };
  });
}

/** Flattens Next's `searchParams` (first value of a repeated key). */
export function flatParams(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** Parses a page's search params with its list schema (never throws: invalid values are defaulted). */
export function parseListParams<T extends z.ZodType>(
  schema: T,
  raw: Record<string, string | string[] | undefined>,
): z.output<T> {
  return schema.parse(flatParams(raw));
}

/** A link to `pathname` with `params` (undefined and empty values left out). */
export function listHref(pathname: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `${pathname}?${s}` : pathname;
}

/** The params that identify a result set (everything but the cursors): what a pager or a CSV link keeps. */
export function withoutCursors<T extends Record<string, unknown>>(params: T): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(params))
    if (k !== 'after' && k !== 'before' && v !== undefined && v !== null) out[k] = String(v);
  return out;
}

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string | undefined): { key: string; id: string } | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return { key: parsed[0], id: parsed[1] };
  } catch {
    // falls through: an unreadable cursor is the first page
  }
  return null;
}
