import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { Page } from '@/lib/list-query';
import type { peopleListSchema } from '@/lib/validations/lists';
import { clientLabelSql } from '../clients/client-label-sql';
import { assertAllowed } from '../guard';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';
import type { PersonRow } from './list-people';

const personLabelSql = sql<string>`case when ${users.role} = 'client' then ${clientLabelSql(sql`${users.id}`)} else ${users.name} end`;
const personEmailSql = sql<string | null>`case when ${users.role} = 'client' then null else ${users.email} end`;

/**
 * One page of people (issue 16): searched by what the list shows (a client user by their account's codename,
 * never their name or address), sorted and paged in SQL.
 */
export async function searchPeople(actor: Actor, params: z.output<typeof peopleListSchema>): Promise<Page<PersonRow>> {
  assertAllowed(actor, 'user.disable');
  const sorts: Record<typeof params.sort, SortKey> = {
    name: { expr: sql`lower(${personLabelSql})`, type: 'text' },
    email: { expr: sql`lower(coalesce(${personEmailSql}, ''))`, type: 'text' },
    role: { expr: sql`${users.role}::text`, type: 'text' },
    created: { expr: sql`${users.createdAt}`, type: 'timestamptz' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${users.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: users.id,
        label: personLabelSql,
        email: personEmailSql,
        role: users.role,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
        ...page.columns,
      })
      .from(users)
      .where(
        and(
          searchWhere(params.q, [personLabelSql, personEmailSql]),
          params.role ? eq(users.role, params.role) : undefined,
          params.status === 'disabled'
            ? sql`${users.disabledAt} is not null`
            : params.status === 'active'
              ? isNull(users.disabledAt)
              : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  const result = page.page(rows);
  return { ...result, rows: result.rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null })) };
}
