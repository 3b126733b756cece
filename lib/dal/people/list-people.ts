import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Actor, UserRole } from '@/lib/authz';
import { clientLabelSql } from '../clients/client-label-sql';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type PersonRow = {
  id: string;
  label: string;
  email: string | null;
  role: UserRole;
  disabled: boolean;
  createdAt: Date;
};

/**
 * Everyone with an account. Client users appear by their account's codename, without their email (an address
 * names the person as surely as a name does): real names and addresses live on the client pages.
 */
export async function listPeople(actor: Actor): Promise<PersonRow[]> {
  assertAllowed(actor, 'user.disable');
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: users.id,
        label: sql<string>`case when ${users.role} = 'client' then ${clientLabelSql(sql`${users.id}`)} else ${users.name} end`,
        email: sql<string | null>`case when ${users.role} = 'client' then null else ${users.email} end`,
        role: users.role,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .orderBy(asc(users.role), asc(users.email)),
  );
  return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null }));
}
