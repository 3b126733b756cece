import 'server-only';
import { eq } from 'drizzle-orm';
import { clientAccounts, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { matchesSignerName } from '@/lib/public-use/texts';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadClient, recordsInForce } from '../public-use/load-client';
import { revokeRecordTx } from '../public-use/revoke-authorization';
import { withActor } from '../transaction';
import type { ZeroAssociationInput } from './demand-zero-association';

/** Withdrawing the demand is a revocation record too; past public uses stay ended (they need new signatures). */
export async function withdrawZeroAssociation(
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
      const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
      const name = me?.name ?? '';
      if (!matchesSignerName(input.fullName, name))
        throw invalid('Type your full name exactly as it appears on your account.', { fullName: [`Type “${name}”.`] });
      const [record] = await recordsInForce(tx, client.id, now, ['zero_public_association']);
      if (!record && !client.zeroPublicAssociation)
        throw invalid('Zero public association is not on record for this account.');
      if (record)
        await revokeRecordTx(work, {
          record: { ...record, clientAccountId: client.id },
          clientName: client.name,
          reason: 'Withdrawn by the client',
        });
      await tx.update(clientAccounts).set({ zeroPublicAssociation: false }).where(eq(clientAccounts.id, client.id));
      audit({
        actorId: actor.id,
        action: 'client.zero_association',
        targetType: 'client_account',
        targetId: client.id,
        outcome: 'allowed',
        details: { on: false },
        meta,
      });
    },
    { meta, now },
  );
}
