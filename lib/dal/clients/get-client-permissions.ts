import 'server-only';
import { and, asc, desc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { authorizationRequests, authorizations, clientAccounts, projectDirectory } from '@/db/schema';
import { type Actor } from '@/lib/authz';
import type { AuthorizationKind, PublicUseKind } from '@/lib/public-use/texts';
import { withActor } from '../transaction';

export type ClientPermissions = {
  id: string;
  name: string;
  kind: 'talent' | 'brand';
  requiresHighRiskApproval: boolean;
  zeroPublicAssociation: boolean;
  projects: { id: string; codename: string }[];
  openRequests: { id: string; projectId: string; project: string; kind: PublicUseKind; requestedAt: Date }[];
  records: {
    id: string;
    projectId: string | null;
    project: string | null;
    kind: AuthorizationKind;
    outcome: 'signed' | 'refused' | 'revoked';
    at: Date;
    signerName: string;
    inForce: boolean;
  }[];
};

/** The client's own permissions page: their settings, requests waiting for them, and every record they made. */
export async function getClientPermissions(actor: Actor, now = new Date()): Promise<ClientPermissions[]> {
  if (actor.role !== 'client' || actor.disabled || actor.clientAccountIds.length === 0) return [];
  return withActor(actor, async ({ tx }) => {
    const accounts = await tx
      .select({
        id: clientAccounts.id,
        name: clientAccounts.name,
        kind: clientAccounts.kind,
        requiresHighRiskApproval: clientAccounts.requiresHighRiskApproval,
        zeroPublicAssociation: clientAccounts.zeroPublicAssociation,
      })
      .from(clientAccounts)
      .where(inArray(clientAccounts.id, [...actor.clientAccountIds]))
      .orderBy(asc(clientAccounts.name));
    const out: ClientPermissions[] = [];
    for (const account of accounts) {
      const projects = await tx
        .select({ id: projectDirectory.id, codename: projectDirectory.codename })
        .from(projectDirectory)
        .where(eq(projectDirectory.clientAccountId, account.id))
        .orderBy(asc(projectDirectory.codename));
      const codename = new Map(projects.map((p) => [p.id, p.codename]));
      const openRequests = await tx
        .select({
          id: authorizationRequests.id,
          projectId: authorizationRequests.projectId,
          kind: authorizationRequests.kind,
          requestedAt: authorizationRequests.requestedAt,
        })
        .from(authorizationRequests)
        .where(
          and(
            eq(authorizationRequests.clientAccountId, account.id),
            notExists(
              sql`(select 1 from ${authorizations} a where a.request_id = ${authorizationRequests.id} and a.outcome <> 'revoked')`,
            ),
          ),
        )
        .orderBy(desc(authorizationRequests.requestedAt));
      const records = await tx
        .select({
          id: authorizations.id,
          projectId: authorizations.projectId,
          kind: authorizations.kind,
          outcome: authorizations.outcome,
          at: authorizations.signedAt,
          signerName: authorizations.signerName,
          expiresAt: authorizations.expiresAt,
          revokesId: authorizations.revokesId,
        })
        .from(authorizations)
        .where(eq(authorizations.clientAccountId, account.id))
        .orderBy(desc(authorizations.signedAt));
      const revoked = new Set(records.flatMap((r) => (r.revokesId ? [r.revokesId] : [])));
      out.push({
        ...account,
        projects,
        openRequests: openRequests.flatMap((r) =>
          r.projectId
            ? [
                {
                  id: r.id,
                  projectId: r.projectId,
                  project: codename.get(r.projectId) ?? '—',
                  kind: r.kind as PublicUseKind,
                  requestedAt: r.requestedAt,
                },
              ]
            : [],
        ),
        records: records.map((r) => ({
          id: r.id,
          projectId: r.projectId,
          project: r.projectId ? (codename.get(r.projectId) ?? '—') : null,
          kind: r.kind,
          outcome: r.outcome,
          at: r.at,
          signerName: r.signerName,
          inForce: r.outcome === 'signed' && !revoked.has(r.id) && (r.expiresAt === null || r.expiresAt > now),
        })),
      });
    }
    return out;
  });
}
