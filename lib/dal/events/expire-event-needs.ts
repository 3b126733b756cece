import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';

export type EventNeedsReport = { eligible: number; held: number; removed: number; records: string[] };

/**
 * Guests' dietary and accessibility needs past their event's retention days (default 30 after the event), through
 * the SECURITY DEFINER function of the events migration: the administrator running retention reads no needs and no
 * event names, only counts by project codename. Applied, it deletes them unless a legal hold covers the project.
 */
export async function expireEventNeeds(tx: Tx, now: Date, apply: boolean): Promise<EventNeedsReport> {
  const rows = rowsOf<{ r_event_id: string; r_codename: string; r_needs: number | string; r_held: boolean }>(
    await tx.execute(
      sql`select r_event_id, r_codename, r_needs, r_held from retention_event_needs(${now.toISOString()}::timestamptz, ${apply})`,
    ),
  );
  const count = (held: boolean) => rows.filter((r) => r.r_held === held).reduce((n, r) => n + Number(r.r_needs), 0);
  const eligible = count(false) + count(true);
  return {
    eligible,
    held: count(true),
    removed: apply ? count(false) : 0,
    records: rows.map(
      (r) =>
        `${r.r_codename} event ${r.r_event_id.slice(0, 8)}: ${Number(r.r_needs)} guest need${Number(r.r_needs) === 1 ? '' : 's'}${r.r_held ? ' (held)' : ''}`,
    ),
  };
}
