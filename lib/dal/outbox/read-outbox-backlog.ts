import 'server-only';
import { isNull, sql } from 'drizzle-orm';
import { outboxEmails } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '@/lib/dal/guard';
import { withActor } from '@/lib/dal/transaction';
import { MAX_ATTEMPTS } from './deliver-pending-emails';

/** For /admin/jobs: emails waiting to be sent, and those given up after MAX_ATTEMPTS failures (counts only). */
export async function outboxBacklog(actor: Actor): Promise<{ waiting: number; givenUp: number }> {
  assertAllowed(actor, 'jobs.manage');
  const [row] = await withActor(actor, ({ tx }) =>
    tx
      .select({
        waiting: sql<number>`count(*) filter (where ${outboxEmails.attempts} < ${MAX_ATTEMPTS})::int`,
        givenUp: sql<number>`count(*) filter (where ${outboxEmails.attempts} >= ${MAX_ATTEMPTS})::int`,
      })
      .from(outboxEmails)
      .where(isNull(outboxEmails.sentAt)),
  );
  return { waiting: row?.waiting ?? 0, givenUp: row?.givenUp ?? 0 };
}
