import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
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
    const rows = await tx
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(inArray(users.id, ids));
    const memberRows = await tx
      .select({
        userId: clientAccountMembers.userId,
        id: clientAccounts.id,
        name: clientAccounts.name,
        codename: clientAccounts.codename,
      })
      .from(clientAccountMembers)
      .innerJoin(clientAccounts, eq(clientAccounts.id, clientAccountMembers.clientAccountId))
      .where(inArray(clientAccountMembers.userId, ids));
    for (const r of rows) {
      people.set(r.id, {
        name: r.name,
        role: r.role,
        accounts: memberRows.filter((m) => m.userId === r.id),
      });
    }
    // Another client's accounts are walled off (row-level security on client accounts and their members): only
    // their codenames are asked of the database, through the definer helpers that answer with codenames alone.
    const strangers = [...people.entries()]
      .filter(([, p]) => p.role === 'client' && p.accounts.length === 0)
      .map(([id]) => id);
    if (strangers.length > 0) {
      const found = rowsOf<{ id: string; codenames: string[] | null }>(
        await tx.execute(sql`select s.id, array(select public.app_account_codename(a) from unnest((select p.accounts from public.app_profile_person(s.id) p)) a
          where public.app_account_codename(a) is not null) as codenames from unnest(${`{${strangers.join(',')}}`}::uuid[]) s(id)`),
      );
      for (const f of found) {
        const person = people.get(f.id);
        if (person && f.codenames?.length)
          person.accounts = f.codenames.map((codename) => ({ id: '', name: '', codename }));
      }
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
