import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { clientAccounts } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { Page } from '@/lib/list-query';
import type { clientListSchema } from '@/lib/validations/lists';
import { assertAllowed } from '../guard';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';

const membersSql = sql<string[]>`coalesce((select array_agg(u.name || ' <' || u.email || '>' order by u.name)
  from client_account_members cm join users u on u.id = cm.user_id where cm.client_account_id = ${clientAccounts.id}), '{}')`;

export type ClientAccountRow = {
  id: string;
  kind: 'talent' | 'brand';
  name: string;
  codename: string;
  zeroPublicAssociation: boolean;
  members: string[];
};

/** One page of client accounts, searched by codename, real name and members (this page shows all three). */
export async function searchClientAccounts(
  actor: Actor,
  params: z.output<typeof clientListSchema>,
): Promise<Page<ClientAccountRow>> {
  assertAllowed(actor, 'client.manage');
  const sorts: Record<typeof params.sort, SortKey> = {
    codename: { expr: sql`lower(${clientAccounts.codename})`, type: 'text' },
    name: { expr: sql`lower(${clientAccounts.name})`, type: 'text' },
    kind: { expr: sql`${clientAccounts.kind}::text`, type: 'text' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${clientAccounts.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: clientAccounts.id,
        kind: clientAccounts.kind,
        name: clientAccounts.name,
        codename: clientAccounts.codename,
        zeroPublicAssociation: clientAccounts.zeroPublicAssociation,
        members: membersSql,
        ...page.columns,
      })
      .from(clientAccounts)
      .where(
        and(
          searchWhere(params.q, [
            sql`${clientAccounts.codename}`,
            sql`${clientAccounts.name}`,
            sql`array_to_string(${membersSql}, ', ')`,
          ]),
          params.kind ? eq(clientAccounts.kind, params.kind) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  return page.page(rows);
}
