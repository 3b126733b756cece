import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { authorizationRequests, authorizations, projectDirectory, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { PUBLIC_USE_KINDS, type AuthorizationKind, type PublicUseKind } from '@/lib/public-use/texts';
import type { Tx } from '@/db/client';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';
import { loadPublicUseClient } from './load-client';
import { ZERO_ASSOCIATION_MESSAGE } from './request-authorization';

export type RequestState = 'open' | 'signed' | 'refused' | 'revoked' | 'blocked';

export type AuthorizationRequestView = {
  id: string;
  kind: PublicUseKind;
  state: RequestState;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date | null;
  /** The proposed public words and full text: only for those who may see the client's identity. */
  publicTitle: string | null;
  publicSummary: string | null;
};

export type AuthorizationRecordView = {
  id: string;
  requestId: string | null;
  kind: AuthorizationKind;
  outcome: 'signed' | 'refused' | 'revoked';
  at: Date;
  expiresAt: Date | null;
  inForce: boolean;
  revokedAt: Date | null;
  revokesId: string | null;
  signerName: string | null;
  reason: string | null;
  publicTitle: string | null;
  publicSummary: string | null;
};

export type ProjectAuthorizations = {
  project: { id: string; codename: string; clientName: string | null };
  zeroPublicAssociation: boolean;
  maySeeRecords: boolean;
  mayRequest: boolean;
  /** Why a project member may not ask, when it is worth telling them (zero public association). */
  requestBlocked: string | null;
  mayDecide: boolean;
  status: { kind: PublicUseKind; state: 'in force' | 'requested' | 'none'; until: Date | null }[];
  requests: AuthorizationRequestView[];
  records: AuthorizationRecordView[];
};

async function loadRecords(tx: Tx, projectId: string, now: Date) {
  const rows = await tx
    .select({
      id: authorizations.id,
      requestId: authorizations.requestId,
      kind: authorizations.kind,
      outcome: authorizations.outcome,
      at: authorizations.signedAt,
      expiresAt: authorizations.expiresAt,
      revokesId: authorizations.revokesId,
      signerName: authorizations.signerName,
      reason: authorizations.reason,
      publicTitle: authorizations.publicTitle,
      publicSummary: authorizations.publicSummary,
    })
    .from(authorizations)
    .where(eq(authorizations.projectId, projectId))
    .orderBy(desc(authorizations.signedAt));
  const revokedAt = new Map(rows.filter((r) => r.revokesId).map((r) => [r.revokesId!, r.at]));
  return rows.map((r) => ({
    ...r,
    revokedAt: revokedAt.get(r.id) ?? null,
    inForce: r.outcome === 'signed' && !revokedAt.has(r.id) && (r.expiresAt === null || r.expiresAt > now),
  }));
}

/**
 * Written authorizations of one project (docs/product.md §5): their status for the project's people, the requests and
 * signed records in full for the client and identity-scoped members. Null when the actor may not see them.
 */
export async function getProjectAuthorizations(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<ProjectAuthorizations | null> {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts) return null;
    const client = await loadPublicUseClient(tx, facts);
    if (!client) return null;
    const resource = { type: 'public_use', project: facts, client } as const;
    if (!can(actor, 'authorization.view', resource, now).allowed) return null;
    const full = can(actor, 'authorization.view_record', resource, now).allowed;
    const request = can(actor, 'authorization.request', resource, now);
    const [project] = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .where(eq(projectDirectory.id, projectId));

    const records = await loadRecords(tx, projectId, now);
    const requestRows = await tx
      .select({
        id: authorizationRequests.id,
        kind: authorizationRequests.kind,
        requestedBy: users.name,
        requestedAt: authorizationRequests.requestedAt,
        expiresAt: authorizationRequests.expiresAt,
        publicTitle: authorizationRequests.publicTitle,
        publicSummary: authorizationRequests.publicSummary,
      })
      .from(authorizationRequests)
      .innerJoin(users, eq(users.id, authorizationRequests.requestedBy))
      .where(eq(authorizationRequests.projectId, projectId))
      .orderBy(desc(authorizationRequests.requestedAt));

    const requests = requestRows.map((r): AuthorizationRequestView => {
      const answer = records.find((rec) => rec.requestId === r.id && rec.outcome !== 'revoked');
      const state: RequestState = answer
        ? answer.outcome === 'refused'
          ? 'refused'
          : answer.revokedAt
            ? 'revoked'
            : 'signed'
        : client.zeroPublicAssociation
          ? 'blocked'
          : 'open';
      return {
        id: r.id,
        kind: r.kind as PublicUseKind,
        state,
        requestedBy: r.requestedBy,
        requestedAt: r.requestedAt,
        expiresAt: r.expiresAt,
        publicTitle: full ? r.publicTitle : null,
        publicSummary: full ? r.publicSummary : null,
      };
    });
    const status = PUBLIC_USE_KINDS.map((kind) => {
      const active = records.find((r) => r.kind === kind && r.inForce);
      if (active) return { kind, state: 'in force' as const, until: active.expiresAt };
      return {
        kind,
        state: requests.some((r) => r.kind === kind && r.state === 'open') ? ('requested' as const) : ('none' as const),
        until: null,
      };
    });
    return {
      project: { id: projectId, codename: project?.codename ?? '', clientName: full ? client.name : null },
      zeroPublicAssociation: client.zeroPublicAssociation,
      maySeeRecords: full,
      mayRequest: request.allowed,
      requestBlocked:
        !request.allowed && request.reason === 'zero_public_association' ? ZERO_ASSOCIATION_MESSAGE : null,
      mayDecide: can(actor, 'authorization.sign', resource, now).allowed,
      status,
      requests,
      records: records.map((r) => ({
        id: r.id,
        requestId: r.requestId,
        kind: r.kind,
        outcome: r.outcome,
        at: r.at,
        expiresAt: r.expiresAt,
        inForce: r.inForce,
        revokedAt: r.revokedAt,
        revokesId: r.revokesId,
        signerName: full ? r.signerName : null,
        reason: full ? r.reason : null,
        publicTitle: full ? r.publicTitle : null,
        publicSummary: full ? r.publicSummary : null,
      })),
    };
  });
}
