import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';

/**
 * How a brand is named to a person it was proposed to: its real name when the person already deals with it (a
 * project of one of the person's accounts has the brand as counterparty or owner), otherwise its codename. The
 * rule lives in the definer function app_brand_label (migration 0029), which gives the real name only to the
 * person or to the staff member whose shortlist names them. `known`: the real name is used, so text naming the
 * campaign (which may name the brand) may be shown too.
 */
export async function brandFor(
  tx: Tx,
  personId: string,
  brandAccountId: string,
): Promise<{ label: string; known: boolean }> {
  const [row] = rowsOf<{ label: string; known: boolean }>(
    await tx.execute(sql`select label, known from app_brand_label(${personId}, ${brandAccountId})`),
  );
  return row ?? { label: 'A brand', known: false };
}
