import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/**
 * Who a command-line retention run acts as: the named administrator, or else the longest-standing active one.
 * The run is then audited under that person like a click on the admin page, and the database functions check
 * that they are an administrator.
 */
export async function retentionActor(email?: string): Promise<(Actor & { email: string }) | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { job: 'retention' });
    return tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.role, 'admin'),
          isNull(users.disabledAt),
          email ? eq(sql`lower(${users.email})`, email.toLowerCase()) : undefined,
        ),
      )
      .orderBy(asc(users.createdAt))
      .limit(1);
  });
  return row ? { id: row.id, email: row.email, role: 'admin', disabled: false, clientAccountIds: [] } : null;
}
