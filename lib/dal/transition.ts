import 'server-only';
import { and, type SQL } from 'drizzle-orm';
import type { PgTable, PgUpdateSetSource, SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Tx } from '@/db/client';
import { invalid } from '@/lib/errors';

/** What a decider who lost the race sees (the row moved while they were looking at it). */
export const ALREADY_DECIDED = 'Already decided.';
export const alreadyDecided = () => invalid(ALREADY_DECIDED);

/**
 * Moves one row from state A to state B, or reports that it already moved: one
 * `update … set <B> where <row> and <still A> returning …`. Reading the status first and updating after is
 * not enough: two deciders both read "pending" and both go on. Here the database decides: the second update
 * waits on the first one's row lock and, once it commits, re-checks `from` against the new row (PostgreSQL's
 * READ COMMITTED re-evaluation), matches nothing and returns null. A caller that gets null audits nothing as
 * decided and notifies nobody: it answers `alreadyDecided()` (or its own message).
 */
export async function transition<T extends PgTable, F extends SelectedFieldsFlat>(
  tx: Tx,
  move: { table: T; row: SQL; from: SQL; set: PgUpdateSetSource<T>; returning: F },
): Promise<SelectResultFields<F> | null> {
  const rows = (await tx
    .update(move.table)
    .set(move.set)
    .where(and(move.row, move.from))
    .returning(move.returning)) as unknown as SelectResultFields<F>[];
  return rows[0] ?? null;
}
