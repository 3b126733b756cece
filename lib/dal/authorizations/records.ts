import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { authorizationRequests, authorizations, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { KIND_LABELS, matchesSignerName, revocationText, type PublicUseKind } from '@/lib/authorizations/texts';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { activeAgencyMembers } from '../items/load-agency-members';
import { notify } from '../notifications/notify';
import { refuse, withActor } from '../transaction';
import { loadClient, loadPublicUseClient, requesterOf } from './load';

async function signerName(tx: Tx, actor: Actor): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
  return row?.name ?? '';
}

/** A request the actor's client account may answer, with whether it is still open. */
async function loadRequest(tx: Tx, actor: Actor, requestId: string, now: Date) {
  const [request] = await tx.select().from(authorizationRequests).where(eq(authorizationRequests.id, requestId));
  if (!request?.projectId) return null;
  const project = await loadProjectFacts(tx, actor, request.projectId);
  const client =
    project && project.clientAccountId === request.clientAccountId ? await loadPublicUseClient(tx, project) : null;
  if (!project || !client) return null;
  if (!can(actor, 'authorization.view_record', { type: 'public_use', project, client }, now).allowed) return null;
  const [answer] = await tx
    .select({ id: authorizations.id })
    .from(authorizations)
    .where(and(eq(authorizations.requestId, requestId), ne(authorizations.outcome, 'revoked')));
  return { request, project, client, open: !answer };
}

export type RequestForDecision = {
  id: string;
  projectId: string;
  kind: PublicUseKind;
  publicTitle: string;
  publicSummary: string;
  text: string;
  textSha256: string;
  expiresAt: Date | null;
  open: boolean;
  /** Sign (not while zero public association holds) and refuse: the client's members only. */
  mayDecide: boolean;
  mayRefuse: boolean;
  blocked: boolean;
};

/** The exact text a client is asked to sign, for reading in full before signing or refusing. */
export async function getRequestForDecision(
  actor: Actor,
  requestId: string,
  now = new Date(),
): Promise<RequestForDecision | null> {
  return withActor(actor, async ({ tx }) => {
    const loaded = await loadRequest(tx, actor, requestId, now);
    if (!loaded) return null;
    const { request, project, client, open } = loaded;
    return {
      id: request.id,
      projectId: project.id,
      kind: request.kind as PublicUseKind,
      publicTitle: request.publicTitle,
      publicSummary: request.publicSummary,
      text: request.text,
      textSha256: request.textSha256,
      expiresAt: request.expiresAt,
      open,
      mayDecide: open && can(actor, 'authorization.sign', { type: 'public_use', project, client }, now).allowed,
      mayRefuse: open && can(actor, 'client.manage_permissions', { type: 'client_account', client }, now).allowed,
      blocked: client.zeroPublicAssociation,
    };
  });
}

/** Tells whoever asked, and the project's leads, of the client's decision (`subject`: the request, or the record revoked). */
async function tellAgency(
  tx: Tx,
  projectId: string,
  requestId: string | null,
  kind: string,
  verb: 'signed' | 'refused' | 'revoked',
  subject: string,
) {
  const leads = await activeAgencyMembers(tx, projectId, new Date(), true);
  const requester = await requesterOf(tx, requestId);
  const label = KIND_LABELS[kind as PublicUseKind] ?? kind;
  await notify(
    tx,
    {
      kind: `authorization.${verb}` as const,
      userIds: [...(requester ? [requester] : []), ...leads.map((l) => l.id)],
      projectId,
      subject,
    },
    (r) => ({
      title: `Authorization ${verb}: ${label} for ${r.projectLabel}`,
      body: `The client ${verb} the ${label.toLowerCase()} authorization for ${r.projectLabel}.`,
      href: `/projects/${projectId}/authorizations`,
    }),
  );
}

export type SignInput = { requestId: string; fullName: string; textSha256: string };

/** The client signs the exact text they read, by typing their full name and consenting (the form checks consent). */
export async function signAuthorization(actor: Actor, input: SignInput, meta: RequestMeta, now = new Date()) {
  return withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadRequest(tx, actor, input.requestId, now);
    if (!loaded) throw notFoundError();
    const { request, project, client } = loaded;
    const decision = can(actor, 'authorization.sign', { type: 'public_use', project, client }, now);
    const entry: AuditEntry<'authorization.sign'> = {
      actorId: actor.id,
      action: 'authorization.sign',
      targetType: 'authorization_request',
      targetId: request.id,
      projectId: project.id,
      outcome: 'denied',
      meta,
    };
    if (!decision.allowed) {
      audit({ ...entry, reason: decision.reason });
      return refuse(
        decision.reason === 'zero_public_association'
          ? invalid('You have demanded zero public association: withdraw it before signing any public use.')
          : notFoundError(),
      );
    }
    if (!loaded.open) throw invalid('This request has already been answered.');
    if (input.textSha256 !== request.textSha256)
      throw invalid('The text changed since you opened it. Read it again before signing.');
    const name = await signerName(tx, actor);
    if (!matchesSignerName(input.fullName, name))
      throw invalid('Type your full name exactly as it appears on your account.', { fullName: [`Type “${name}”.`] });
    const id = randomUUID();
    await tx.insert(authorizations).values({
      id,
      requestId: request.id,
      clientAccountId: client.id,
      projectId: project.id,
      kind: request.kind,
      outcome: 'signed',
      publicTitle: request.publicTitle,
      publicSummary: request.publicSummary,
      signedText: request.text,
      signedTextSha256: sha256Hex(request.text),
      signerUserId: actor.id,
      signerName: name,
      signedAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      expiresAt: request.expiresAt,
    });
    audit({
      ...entry,
      targetType: 'authorization',
      targetId: id,
      outcome: 'allowed',
      details: { kind: request.kind, requestId: request.id },
    });
    await tellAgency(tx, project.id, request.id, request.kind, 'signed', request.id);
    return { id };
  });
}

/** The client refuses a request; the refusal is a record too, with the text refused and the reason. */
export async function refuseAuthorization(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadRequest(tx, actor, input.requestId, now);
    if (
      !loaded ||
      !can(actor, 'client.manage_permissions', { type: 'client_account', client: loaded.client }, now).allowed
    )
      throw notFoundError();
    const { request, project, client } = loaded;
    if (!loaded.open) throw invalid('This request has already been answered.');
    const id = randomUUID();
    await tx.insert(authorizations).values({
      id,
      requestId: request.id,
      clientAccountId: client.id,
      projectId: project.id,
      kind: request.kind,
      outcome: 'refused',
      signedText: request.text,
      signedTextSha256: sha256Hex(request.text),
      signerUserId: actor.id,
      signerName: await signerName(tx, actor),
      signedAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      reason: input.reason,
    });
    audit({
      actorId: actor.id,
      action: 'authorization.refuse',
      targetType: 'authorization',
      targetId: id,
      projectId: project.id,
      outcome: 'allowed',
      details: { kind: request.kind, requestId: request.id },
      meta,
    });
    await tellAgency(tx, project.id, request.id, request.kind, 'refused', request.id);
    return { id };
  });
}

/** Ends a signed record at once, by a new record; the old one is never changed. */
export async function revokeRecordTx(
  tx: Tx,
  audit: (e: AuditEntry) => void,
  actor: Actor,
  record: {
    id: string;
    kind: string;
    clientAccountId: string;
    projectId: string | null;
    requestId: string | null;
    signedAt: Date;
  },
  clientName: string,
  reason: string,
  meta: RequestMeta,
  now: Date,
) {
  const name = await signerName(tx, actor);
  const text = revocationText(record.kind as PublicUseKind, clientName, name, record.signedAt);
  const id = randomUUID();
  await tx.insert(authorizations).values({
    id,
    requestId: record.requestId,
    clientAccountId: record.clientAccountId,
    projectId: record.projectId,
    kind: record.kind as PublicUseKind,
    outcome: 'revoked',
    signedText: text,
    signedTextSha256: sha256Hex(text),
    signerUserId: actor.id,
    signerName: name,
    signedAt: now,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    revokesId: record.id,
    reason,
  });
  audit({
    actorId: actor.id,
    action: 'authorization.revoke',
    targetType: 'authorization',
    targetId: record.id,
    projectId: record.projectId,
    outcome: 'allowed',
    details: { kind: record.kind, revocationId: id },
    meta,
  });
  if (record.projectId) await tellAgency(tx, record.projectId, record.requestId, record.kind, 'revoked', record.id);
  return { id };
}

/** The client revokes one of their signed public-use permissions. */
export async function revokeAuthorization(
  actor: Actor,
  input: { recordId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const [record] = await tx.select().from(authorizations).where(eq(authorizations.id, input.recordId));
    const client = record ? await loadClient(tx, record.clientAccountId) : null;
    if (!record || !client || !can(actor, 'authorization.revoke', { type: 'client_account', client }, now).allowed)
      throw notFoundError();
    if (record.kind === 'zero_public_association')
      throw invalid('Withdraw zero public association from your permissions page.');
    const [already] = await tx
      .select({ id: authorizations.id })
      .from(authorizations)
      .where(eq(authorizations.revokesId, record.id));
    if (record.outcome !== 'signed' || already)
      throw invalid('Only a signed authorization still in force can be revoked.');
    return revokeRecordTx(tx, audit, actor, record, client.name, input.reason, meta, now);
  });
}
