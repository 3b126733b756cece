import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { can, type Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/** The client accounts and their projects, by codename, for the record form's selects. */
export async function disclosureFormOptions(actor: Actor): Promise<{
  clients: { id: string; codename: string }[];
  projects: { id: string; codename: string; clientAccountId: string }[];
} | null> {
  if (!can(actor, 'disclosure.record', { type: 'disclosure', disclosure: null }).allowed) return null;
  return withActor(actor, async ({ tx }) => {
    const clients = rowsOf<{ id: string; codename: string }>(
      await tx.execute(sql`select id, codename from client_accounts order by codename`),
    );
    const projects = rowsOf<{ id: string; codename: string; client_account_id: string }>(
      await tx.execute(sql`select id, codename, client_account_id from project_directory order by codename`),
    );
    return {
      clients,
      projects: projects.map((p) => ({ id: p.id, codename: p.codename, clientAccountId: p.client_account_id })),
    };
  });
}
