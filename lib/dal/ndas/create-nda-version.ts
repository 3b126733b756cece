import 'server-only';
import { and, eq, inArray, isNull, lt, max } from 'drizzle-orm';
import { ndaSignatures, ndaVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { sendNdaTx } from './send-nda';

/**
 * A new text under an existing title becomes its next version; old versions stay as signed. A material
 * version supersedes every current signature of the earlier versions (they stop counting as a valid NDA at
 * once) and is sent to each person they bound, with the same scope and expiry, to sign again; the admin's
 * own superseded signature is for another admin to send.
 */
export async function createNdaVersion(
  actor: Actor,
  input: { title: string; body: string; material: boolean },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'nda.manage');
  return withActor(
    actor,
    async (work) => {
      const { tx, audit } = work;
      const [latest] = await tx
        .select({ version: max(ndaVersions.version) })
        .from(ndaVersions)
        .where(eq(ndaVersions.title, input.title));
      const version = (latest?.version ?? 0) + 1;
      const [row] = await tx
        .insert(ndaVersions)
        .values({
          title: input.title,
          version,
          body: input.body,
          bodySha256: sha256Hex(input.body),
          material: input.material,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning({ id: ndaVersions.id });
      const superseded =
        input.material && version > 1
          ? await tx
              .update(ndaSignatures)
              .set({ supersededAt: now })
              .where(
                and(
                  isNull(ndaSignatures.supersededAt),
                  inArray(
                    ndaSignatures.ndaVersionId,
                    tx
                      .select({ id: ndaVersions.id })
                      .from(ndaVersions)
                      .where(and(eq(ndaVersions.title, input.title), lt(ndaVersions.version, version))),
                  ),
                ),
              )
              .returning({
                userId: ndaSignatures.userId,
                clientAccountId: ndaSignatures.clientAccountId,
                expiresAt: ndaSignatures.expiresAt,
              })
          : [];
      audit({
        actorId: actor.id,
        action: 'nda.version_create',
        targetType: 'nda_version',
        targetId: row!.id,
        outcome: 'allowed',
        details: { version, material: input.material, superseded: superseded.length },
        meta,
      });
      const resend = new Map<string, (typeof superseded)[number]>();
      for (const s of superseded) {
        const stillFuture = s.expiresAt === null || s.expiresAt > now;
        if (s.userId !== actor.id && stillFuture) resend.set(`${s.userId}:${s.clientAccountId ?? 'all'}`, s);
      }
      for (const s of resend.values()) {
        await sendNdaTx(work, {
          userId: s.userId,
          ndaVersionId: row!.id,
          clientAccountId: s.clientAccountId ?? undefined,
          expiresAt: s.expiresAt ?? undefined,
        });
      }
      return { id: row!.id, version, superseded: superseded.length, sent: resend.size };
    },
    { meta, now },
  );
}
