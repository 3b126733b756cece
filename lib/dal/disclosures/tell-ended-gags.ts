import 'server-only';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { disclosures } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { claimReminder } from '../jobs/expiry-reminders';
import { withActor } from '../transaction';
import { tellClient } from './record-disclosure';

const DAY = 86_400_000;

/**
 * A gag that ends by its date lifts itself (row-level security reads `gag_until`), and the client is told as when an
 * admin lifts one (issue 15 point 2). Scheduled work, as an administrator (the expiry-reminders job): each record
 * whose gag ended in the last 30 days is told once, across runs and instances (reminders_sent decides).
 */
export async function tellEndedGags(actor: Actor, now = new Date()): Promise<{ gagsEnded: number }> {
  return withActor(actor, async ({ tx }) => {
    const ended = await tx
      .select()
      .from(disclosures)
      .where(
        and(
          eq(disclosures.gagged, true),
          isNull(disclosures.gagLiftedAt),
          lte(disclosures.gagUntil, now),
          gt(disclosures.gagUntil, new Date(now.getTime() - 30 * DAY)),
        ),
      );
    let told = 0;
    for (const row of ended) {
      if (!(await claimReminder(tx, 'disclosure.gag_ended', row.id, row.gagUntil!, 0))) continue;
      await tellClient(
        tx,
        row.clientAccountId,
        {
          title: `You may now be told of a disclosure: data about you went to ${row.recipientName}`,
          body: `On ${row.disclosedAt.toISOString().slice(0, 10)} MM Group disclosed data about you to ${row.recipientName} under a legal instrument (${row.instrumentReference}) that forbade telling you until ${row.gagUntil!.toISOString().slice(0, 10)}. See what was disclosed, why and on what basis under “Shared with”.`,
        },
        'disclosure.gag_lifted',
        row.id,
      );
      told += 1;
    }
    return { gagsEnded: told };
  });
}
