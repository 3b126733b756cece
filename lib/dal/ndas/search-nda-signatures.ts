import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { clientAccounts, ndaSignatures, ndaVersions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { Page } from '@/lib/list-query';
import type { ndaListSchema } from '@/lib/validations/lists';
import { assertAllowed } from '../guard';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';

const agreementSql = sql<string>`${ndaVersions.title} || ' v' || ${ndaVersions.version}`;
const scopeSql = sql<string>`coalesce(${clientAccounts.codename}, 'All clients')`;

/** One page of signatures, searched by signer, agreement and scope (codename), as the page shows them. */
export async function searchNdaSignatures(actor: Actor, params: z.output<typeof ndaListSchema>) {
  assertAllowed(actor, 'nda.manage');
  const sorts: Record<typeof params.sort, SortKey> = {
    signed: { expr: sql`${ndaSignatures.signedAt}`, type: 'timestamptz' },
    signer: { expr: sql`lower(${users.name})`, type: 'text' },
    expires: { expr: sql`coalesce(${ndaSignatures.expiresAt}, 'infinity'::timestamptz)`, type: 'timestamptz' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${ndaSignatures.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaSignatures.id,
        signer: users.name,
        signerRole: users.role,
        agreement: agreementSql,
        scope: scopeSql,
        signedAt: ndaSignatures.signedAt,
        expiresAt: ndaSignatures.expiresAt,
        ip: ndaSignatures.ip,
        method: ndaSignatures.method,
        superseded: sql<boolean>`${ndaSignatures.supersededAt} is not null`,
        ...page.columns,
      })
      .from(ndaSignatures)
      .innerJoin(users, eq(users.id, ndaSignatures.userId))
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
      .where(
        and(
          searchWhere(params.q, [sql`${users.name}`, agreementSql, scopeSql]),
          params.state === 'current'
            ? isNull(ndaSignatures.supersededAt)
            : params.state === 'superseded'
              ? sql`${ndaSignatures.supersededAt} is not null`
              : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  return page.page(rows);
}

export type NdaSignatureRow = Awaited<ReturnType<typeof searchNdaSignatures>>['rows'][number];
export type { Page };

/*
 * Recording a signature made on paper is not possible until files exist: it will need the scanned original
 * attached (issue 12). Every NDA is sent to its signer and signed by them in the portal (lib/dal/ndas).
 */
