import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccountMembers, clientAccounts, users } from '@/db/schema';
import type { UserRole } from '@/lib/authz';
import { ROLE_LABELS } from '@/lib/labels';

type Person = { name: string; role: UserRole; accounts: { id: string; name: string; codename: string }[] };

/**
 * Names people the way a project's client may see them: agency people by name and role; the people of the
 * project's own client accounts (owner, counterparty) by name; any other client only by account codename.
 */
export async function peopleLabeller(tx: Tx, userIds: Iterable<string | null | undefined>) {
  const ids = [...new Set([...userIds].filter((id): id is string => typeof id === 'string' && id.length === 36))];
  const people = new Map<string, Person>();
  if (ids.length > 0) {
    const rows = await tx.select({ id: users.id, name: users.name, role: users.role }).from(users).where(inArray(users.id, ids));
    const memberRows = await tx
      .select({ userId: clientAccountMembers.userId, id: clientAccounts.id, name: clientAccounts.name, codename: clientAccounts.codename })
      .from(clientAccountMembers)
      .innerJoin(clientAccounts, eq(clientAccounts.id, clientAccountMembers.clientAccountId))
      .where(inArray(clientAccountMembers.userId, ids));
    for (const r of rows) {
      people.set(r.id, { name: r.name, role: r.role as UserRole, accounts: memberRows.filter((m) => m.userId === r.id) });
    }
  }
  return (userId: string | null | undefined, projectAccounts: readonly (string | null)[]): string => {
    if (!userId) return 'Anonymous';
    const person = people.get(userId);
    if (!person) return 'Unknown account';
    if (person.role !== 'client') return `${person.name} (${ROLE_LABELS[person.role]})`;
    const own = person.accounts.find((a) => projectAccounts.includes(a.id));
    if (own) return `${person.name} (${own.name})`;
    return person.accounts.length ? `${person.accounts.map((a) => a.codename).join(', ')} (client)` : 'Client user';
  };
}
