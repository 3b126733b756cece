import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { projectDirectory, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { personLabel } from './audit-row';

/** The actions that occur in the log, for the action filter. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  assertAllowed(actor, 'audit.view');
  // A loose index scan (recursive CTE over the action index): one probe per distinct action, not a full read.
  const rows = await withActor(actor, ({ tx }) =>
    tx.execute(sql`with recursive a(action) as (
      (select action from audit_events order by action limit 1)
      union all
      select (select e.action from audit_events e where e.action > a.action order by e.action limit 1) from a where a.action is not null)
    select action from a where action is not null`),
  );
  return rowsOf<{ action: string }>(rows).map((r) => r.action);
}

/** The people and projects the log's filters offer. */
export async function listAuditFilterOptions(actor: Actor) {
  assertAllowed(actor, 'audit.view');
  return withActor(actor, async ({ tx }) => ({
    people: await tx
      .select({ id: users.id, label: personLabel(sql`${users.id}`) })
      .from(users)
      .orderBy(users.role, users.name),
    projects: await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .orderBy(projectDirectory.codename),
  }));
}
