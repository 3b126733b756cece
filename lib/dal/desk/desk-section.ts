import 'server-only';
import { type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';

/** How many entries a desk card lists before "all N →". */
export const DESK_SHOWN = 5;

export type DeskEntry = { id: string; text: string; detail: string; href: string; urgent?: boolean };

export type DeskSection = {
  key: string;
  title: string;
  /** Every waiting thing, counted in SQL (the entries are the first DESK_SHOWN). */
  count: number;
  entries: DeskEntry[];
  href: string;
  linkLabel: string;
};

type Counted<T> = T & { total: number | string };

export async function firstRows<T>(tx: Tx, query: SQL): Promise<{ total: number; rows: T[] }> {
  const rows = rowsOf<Counted<T>>(await tx.execute(query));
  return { total: rows.length ? Number(rows[0]!.total) : 0, rows };
}

export const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');
