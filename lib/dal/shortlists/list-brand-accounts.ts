import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/** Brand accounts a shortlist can be made for (by codename: staff see client accounts by codename). */
export async function listBrandAccounts(actor: Actor): Promise<{ id: string; codename: string }[]> {
  if (actor.disabled || actor.role !== 'staff') return [];
  // Client accounts are walled (migration 0028): brand codenames for staff come from a definer function.
  return withActor(actor, async ({ tx }) =>
    rowsOf<{ id: string; codename: string }>(await tx.execute(sql`select id, codename from app_brand_directory()`)),
  );
}
