import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { authorizations, clientAccounts, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { matchesSignerName, PUBLIC_USE_KINDS, zeroAssociationText } from '@/lib/public-use/texts';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadClient, recordsInForce } from '../public-use/load-client';
import { revokeRecordTx } from '../public-use/revoke-authorization';
import { withActor } from '../transaction';

export type ZeroAssociationInput = { clientAccountId: string; fullName: string };

/**
 * The client demands zero public association (docs/product.md §5): a signed record like an authorization; at once every
 * public use in force is revoked (each by its own revocation record) and no new one can be requested.
 */
export async function demandZeroAssociation(
  actor: Actor,
  input: ZeroAssociationInput,
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit } = work;
      const client = await loadClient(tx, input.clientAccountId);
      if (!client || !can(actor, 'client.manage_permissions', { type: 'client_account', client }, now).allowed)
        throw notFoundError();
      if (client.zeroPublicAssociation) throw invalid('Zero public association is already on record for this account.');
      const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
      const name = me?.name ?? '';
      if (!matchesSignerName(input.fullName, name))
        throw invalid('Type your full name exactly as it appears on your account.', { fullName: [`Type “${name}”.`] });
      const text = zeroAssociationText(client.name, name);
      const id = randomUUID();
      await tx.insert(authorizations).values({
        id,
        clientAccountId: client.id,
        kind: 'zero_public_association',
        outcome: 'signed',
        signedText: text,
        signedTextSha256: sha256Hex(text),
        signerUserId: actor.id,
        signerName: name,
        signedAt: now,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
      });
      await tx.update(clientAccounts).set({ zeroPublicAssociation: true }).where(eq(clientAccounts.id, client.id));
      audit({
        actorId: actor.id,
        action: 'client.zero_association',
        targetType: 'authorization',
        targetId: id,
        outcome: 'allowed',
        details: { on: true },
        meta,
      });
      const ended = await recordsInForce(tx, client.id, now, PUBLIC_USE_KINDS);
      for (const record of ended) {
        await revokeRecordTx(work, {
          record: { ...record, clientAccountId: client.id },
          clientName: client.name,
          reason: 'Ended by the demand of zero public association',
        });
      }
      return { id, ended: ended.length };
    },
    { meta, now },
  );
}
