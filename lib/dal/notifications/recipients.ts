import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccountMembers, clientAccounts, projectDirectory, users } from '@/db/schema';
import { can, type Actor, type UserRole } from '@/lib/authz';
import { loadProjectFacts } from '../facts';

/** One person to tell about an event, with how they may name its project. */
export type Recipient = { id: string; name: string; email: string; role: UserRole; projectLabel: string };

/** The Actor a user would be when signed in: for asking the policy what a recipient may know. */
export async function actorById(tx: Tx, userId: string): Promise<(Actor & { name: string; email: string }) | null> {
  const [user] = await tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const accounts = await tx
    .select({ id: clientAccountMembers.clientAccountId })
    .from(clientAccountMembers)
    .where(eq(clientAccountMembers.userId, userId));
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    disabled: user.disabledAt !== null,
    clientAccountIds: user.role === 'client' ? accounts.map((a) => a.id) : [],
  };
}

/**
 * Active recipients, each with the project named as they may see it (docs/product.md §4): the codename, followed by the
 * real client name only when the policy lets that recipient see the project's identity.
 */
export async function recipientsFor(
  tx: Tx,
  userIds: readonly string[],
  projectId: string | null,
  now = new Date(),
): Promise<Recipient[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const [project] = projectId
    ? await tx
        .select({ codename: projectDirectory.codename, clientName: clientAccounts.name })
        .from(projectDirectory)
        .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
        .where(eq(projectDirectory.id, projectId))
    : [];
  const people = await tx.select({ id: users.id }).from(users).where(inArray(users.id, unique));
  const out: Recipient[] = [];
  for (const { id } of people) {
    const person = await actorById(tx, id);
    if (!person || person.disabled) continue;
    let projectLabel = project?.codename ?? '';
    if (project && projectId) {
      const facts = await loadProjectFacts(tx, person, projectId);
      if (facts && can(person, 'project.view_identity', { type: 'project', project: facts }, now).allowed) {
        projectLabel = `${project.codename} (${project.clientName})`;
      }
    }
    out.push({ id: person.id, name: person.name, email: person.email, role: person.role, projectLabel });
  }
  return out;
}
