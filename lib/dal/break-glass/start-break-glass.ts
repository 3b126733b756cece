import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { allowlistEntries, breakGlassGrants, itemDirectory, memberships, projectDirectory, users } from '@/db/schema';
import { checkBreakGlass, type Actor, type DenyReason, type Scope } from '@/lib/authz';
import { ndaCovers } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadGrantee } from '../memberships/load-grantee';
import { tellOwningClient } from '../memberships/tell-owning-client';
import { insertPortalSignature } from '../ndas/insert-portal-signature';
import { withActor } from '../transaction';

export type StartBreakGlassInput = {
  projectId: string;
  reason: string;
  scopes: Scope[];
  itemIds: string[];
  hours: number;
  /** The admin's own signature of the current NDA, when they hold none covering the project's client. */
  nda?: { ndaVersionId: string; fullName: string; textSha256: string } | undefined;
};

const MESSAGES: Partial<Record<DenyReason, string>> = {
  not_single_admin:
    'Break-glass is only for a deployment with a single admin. Ask another admin to grant your access (Access requests).',
  break_glass_too_long: 'Break-glass lasts at most 24 hours.',
  expiry_in_past: 'Choose how many hours (1 to 24).',
};

export const countActiveAdmins = async (tx: Tx) =>
  (
    await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
  )[0]?.n ?? 0;

/**
 * Opens break-glass access for the admin themselves: ordinary membership and allowlist rows marked with the
 * break-glass id, active at once, ending at the expiry (or earlier, by the admin). The owning client is told at
 * once, in the app and by email; it is audited as break-glass. The NDA rule still holds: without a valid NDA
 * for the client the admin signs the current text here, with the same signing code as everyone.
 */
export async function startBreakGlass(actor: Actor, input: StartBreakGlassInput, meta: RequestMeta, now = new Date()) {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit, deny } = work;
      const expiresAt = new Date(now.getTime() + input.hours * 3_600_000);
      const decision = checkBreakGlass(actor, { activeAdmins: await countActiveAdmins(tx), expiresAt }, now);
      // Someone who is not an active admin is answered "not found", with nothing on the record.
      if (!decision.allowed && (decision.reason === 'not_admin' || decision.reason === 'inactive_user'))
        throw notFoundError();
      // A refused attempt keeps on the record the reason the admin gave, with the policy's in its details.
      if (!decision.allowed)
        deny(
          {
            action: 'breakglass.start',
            targetType: 'project',
            targetId: input.projectId,
            projectId: null,
            reason: input.reason,
            details: { denied: decision.reason },
          },
          invalid(MESSAGES[decision.reason] ?? 'Break-glass is not possible.'),
        );
      const [project] = await tx
        .select({ id: projectDirectory.id, clientAccountId: projectDirectory.clientAccountId })
        .from(projectDirectory)
        .where(eq(projectDirectory.id, input.projectId));
      if (!project) throw invalid('Choose a project.', { projectId: ['Choose a project.'] });
      const items = input.itemIds.length
        ? await tx
            .select({ id: itemDirectory.id, ref: itemDirectory.ref, category: itemDirectory.category })
            .from(itemDirectory)
            .where(
              and(
                inArray(itemDirectory.id, input.itemIds),
                eq(itemDirectory.projectId, project.id),
                eq(itemDirectory.classification, 'high_risk'),
              ),
            )
        : [];
      if (items.length !== input.itemIds.length)
        throw invalid('Choose high-risk items of this project only.', {
          itemIds: ['Only this project’s high-risk items.'],
        });

      const me = await loadGrantee(tx, actor.id);
      let nda = me?.ndas.find((n) => ndaCovers(n, project.clientAccountId, now));
      if (!nda) {
        if (!input.nda)
          throw invalid('You hold no valid NDA for this client: read the agreement below and sign it.', {
            fullName: ['Sign the NDA first.'],
          });
        const signed = await insertPortalSignature(work, {
          ...input.nda,
          clientAccountId: project.clientAccountId,
          expiresAt: null,
          requestId: null,
        });
        nda = {
          id: signed.id,
          clientAccountId: project.clientAccountId,
          expiresAt: null,
          signedAt: now,
          superseded: false,
        };
      }

      const id = randomUUID();
      await tx.insert(breakGlassGrants).values({
        id,
        userId: actor.id,
        projectId: project.id,
        reason: input.reason,
        scopes: input.scopes,
        startedAt: now,
        expiresAt,
      });
      await tx.insert(memberships).values({
        userId: actor.id,
        projectId: project.id,
        role: 'member',
        scopes: input.scopes,
        ndaSignatureId: nda.id,
        grantedBy: null,
        grantedAt: now,
        expiresAt,
        breakGlassId: id,
      });
      if (items.length) {
        await tx.insert(allowlistEntries).values(
          items.map((i) => ({
            userId: actor.id,
            itemId: i.id,
            reason: `Break-glass: ${input.reason}`,
            status: 'active' as const,
            grantedBy: null,
            grantedAt: now,
            expiresAt,
            breakGlassId: id,
          })),
        );
      }
      audit({
        actorId: actor.id,
        action: 'breakglass.start',
        targetType: 'project',
        targetId: input.projectId,
        reason: input.reason,
        meta,
        outcome: 'allowed',
        projectId: project.id,
        details: { breakGlassId: id, scopes: input.scopes, highRiskItems: items.length, expiresAt },
      });
      const until = `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      const itemsText = items.length
        ? ` and high-risk ${items.map((i) => itemReference(i.category, i.ref)).join(', ')}`
        : '';
      await tellOwningClient(
        tx,
        { kind: 'breakglass.started', clientAccountId: project.clientAccountId, projectId: project.id, subject: null },
        (r, mention) => ({
          title: `Break-glass access to ${r.projectLabel}`,
          body: `${mention(actor.id)}, the agency's only administrator, opened emergency (break-glass) access to ${r.projectLabel} until ${until}: ${input.scopes.join(', ')}${itemsText}. Reason given: ${input.reason}`,
          href: `/projects/${project.id}/people`,
        }),
      );
      return { id, expiresAt };
    },
    { meta, now },
  );
}
