import 'server-only';
import { or, sql, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor, PAGE_SIZE, type ListParams, type Page, type SortDir } from '@/lib/list-query';

/*
 * The SQL half of lib/list-query.ts: keyset paging on (sort key, id), both ways, and a search over the columns a
 * list shows. A list query adds `keyset.where` to its own WHERE (which already holds the policy's filter, so
 * paging and search only ever narrow what the list would show), orders by `keyset.orderBy`, selects
 * `keyset.columns` and limits to `keyset.limit`; `keyset.page(rows)` returns the rows in display order and the
 * cursors either side.
 */

export type KeyType = 'text' | 'timestamptz' | 'int' | 'bigint' | 'date' | 'uuid';

/** A sort key: an expression that is never null (coalesce it), and its type (how a cursor's value is read back). */
export type SortKey = { expr: SQL; type: KeyType };

const valid: Record<KeyType, (v: string) => boolean> = {
  text: () => true,
  timestamptz: (v) =>
    /^(-?infinity|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?)$/.test(v),
  int: (v) => /^-?\d{1,9}$/.test(v),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
};

const cast = (value: string, type: KeyType) => sql`cast(${value} as ${sql.raw(type)})`;

export type Keyset = {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  /** The query reads backwards (a previous page): its ORDER BY is the display order reversed. */
  backwards: boolean;
  /** Select these beside the list's own columns: the cursor of each row, as text (full precision). */
  columns: { cursorKey: SQL.Aliased<string>; cursorId: SQL.Aliased<string> };
  page<T extends { cursorKey: string; cursorId: string }>(rows: T[]): Page<Omit<T, 'cursorKey' | 'cursorId'>>;
};

/**
 * Keyset paging on `key` then `id` (unique, the tie-breaker), in `params.dir`, from `params.after` or
 * `params.before`. A cursor that does not decode or does not fit the key's type is ignored (first page).
 */
export function keyset(
  key: SortKey,
  id: SortKey,
  params: Pick<ListParams, 'dir' | 'after' | 'before'>,
  size = PAGE_SIZE,
): Keyset {
  const raw = decodeCursor(params.before ?? params.after);
  const c = raw && valid[key.type](raw.key) && valid[id.type](raw.id) ? raw : null;
  const backwards = c !== null && params.before !== undefined;
  // Reading backwards, the query runs in the opposite order and the page is turned round afterwards.
  const dir: SortDir = backwards ? (params.dir === 'asc' ? 'desc' : 'asc') : params.dir;
  const op = sql.raw(dir === 'asc' ? '>' : '<');
  const order = sql.raw(dir === 'asc' ? 'asc' : 'desc');
  return {
    where: c ? sql`(${key.expr}, ${id.expr}) ${op} (${cast(c.key, key.type)}, ${cast(c.id, id.type)})` : undefined,
    orderBy: [sql`${key.expr} ${order}`, sql`${id.expr} ${order}`],
    limit: size + 1,
    backwards,
    columns: {
      cursorKey: sql<string>`(${key.expr})::text`.as('cursor_key'),
      cursorId: sql<string>`(${id.expr})::text`.as('cursor_id'),
    },
    page(rows) {
      const more = rows.length > size;
      const shown = rows.slice(0, size);
      if (backwards) shown.reverse();
      const first = shown[0];
      const last = shown.at(-1);
      const cursorOf = (r: { cursorKey: string; cursorId: string } | undefined) =>
        r ? encodeCursor(r.cursorKey, r.cursorId) : null;
      const strip = shown.map(({ cursorKey: _k, cursorId: _i, ...rest }) => rest);
      return {
        rows: strip,
        // Forwards: a next page if more rows came back; a previous one whenever we came from a cursor.
        // Backwards: the mirror image.
        next: backwards ? cursorOf(last) : more ? cursorOf(last) : null,
        prev: backwards ? (more ? cursorOf(first) : null) : c ? cursorOf(first) : null,
      };
    },
  };
}

/** `%text%` for ILIKE, with the pattern characters of the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The search box: any of `columns` contains `q` (case-insensitive). Search only the columns the list shows to
 * this reader, as shown (a codename, never the real name behind it): search must not find what the list hides.
 */
export function searchWhere(q: string | undefined, columns: SQL[]): SQL | undefined {
  if (!q) return undefined;
  const pattern = containsPattern(q);
  return or(...columns.map((c) => sql`${c} ilike ${pattern}`));
}
