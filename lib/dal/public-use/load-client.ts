import 'server-only';
import { and, desc, eq, inArray, isNull, notExists, or, gt, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { authorizationRequests, authorizations, clientAccounts } from '@/db/schema';
import type { ClientAccountFacts } from '@/lib/authz';

export type ClientRow = ClientAccountFacts & { name: string; codename: string; requiresHighRiskApproval: boolean };

export async function loadClient(tx: Tx, clientAccountId: string): Promise<ClientRow | null> {
  const [row] = await tx
    .select({
      id: clientAccounts.id,
      name: clientAccounts.name,
      codename: clientAccounts.codename,
      zeroPublicAssociation: clientAccounts.zeroPublicAssociation,
      requiresHighRiskApproval: clientAccounts.requiresHighRiskApproval,
    })
    .from(clientAccounts)
    .where(eq(clientAccounts.id, clientAccountId));
  return row ?? null;
}

/**
 * The owning client as the policy sees it for a public use of one project: a public use names both parties, so
 * it is barred when either the owner or the project's counterparty demands zero public association.
 */
export async function loadPublicUseClient(
  tx: Tx,
  project: { clientAccountId: string; counterpartyAccountId: string | null },
): Promise<ClientRow | null> {
  const client = await loadClient(tx, project.clientAccountId);
  if (!client || client.zeroPublicAssociation || !project.counterpartyAccountId) return client;
  const [counterparty] = await tx
    .select({ zero: clientAccounts.zeroPublicAssociation })
    .from(clientAccounts)
    .where(eq(clientAccounts.id, project.counterpartyAccountId));
  return counterparty?.zero ? { ...client, zeroPublicAssociation: true } : client;
}

/** A signed record that no later record revokes and that has not expired: in force. */
export const inForce = (now: Date) =>
  and(
    eq(authorizations.outcome, 'signed'),
    or(isNull(authorizations.expiresAt), gt(authorizations.expiresAt, sql`${now.toISOString()}::timestamptz`)),
    notExists(sql`(select 1 from ${authorizations} r where r.revokes_id = ${authorizations.id})`),
  );

/** Signed records of the client in force: their public uses (or one kind), for ending them. */
export async function recordsInForce(tx: Tx, clientAccountId: string, now: Date, kinds?: readonly string[]) {
  return tx
    .select({
      id: authorizations.id,
      kind: authorizations.kind,
      projectId: authorizations.projectId,
      requestId: authorizations.requestId,
      signedAt: authorizations.signedAt,
    })
    .from(authorizations)
    .where(
      and(
        eq(authorizations.clientAccountId, clientAccountId),
        inForce(now),
        kinds ? inArray(authorizations.kind, kinds as (typeof authorizations.kind.enumValues)[number][]) : undefined,
      ),
    )
    .orderBy(desc(authorizations.signedAt));
}

/** Who asked for the request a record answers (to tell them of its outcome). */
export async function requesterOf(tx: Tx, requestId: string | null): Promise<string | null> {
  if (!requestId) return null;
  const [row] = await tx
    .select({ by: authorizationRequests.requestedBy })
    .from(authorizationRequests)
    .where(eq(authorizationRequests.id, requestId));
  return row?.by ?? null;
}
