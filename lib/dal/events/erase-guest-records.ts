import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import type { Row } from './guest-records-row';

/** Erases a person's guest records: needs and RSVP links removed, name and email replaced. Returns how many. */
export async function eraseGuestRecords(tx: Tx, email: string, erasedName: string): Promise<number> {
  return rowsOf<Row>(await tx.execute(sql`select r_guest_id from privacy_guest_records(${email}, true, ${erasedName})`))
    .length;
}
