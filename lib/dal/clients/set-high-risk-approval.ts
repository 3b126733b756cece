import 'server-only';
import { eq } from 'drizzle-orm';
import { clientAccounts } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadClient } from '../public-use/load-client';
import { withActor } from '../transaction';

/** The client's setting: whether high-risk grants on their projects wait for their approval. */
export async function setHighRiskApproval(
  actor: Actor,
  input: { clientAccountId: string; required: boolean },
  meta: RequestMeta,
  now = new Date(),
) {
  await withActor(actor, async ({ tx, audit }) => {
    const client = await loadClient(tx, input.clientAccountId);
    if (!client || !can(actor, 'client.manage_permissions', { type: 'client_account', client }, now).allowed)
      throw notFoundError();
    await tx
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: input.required })
      .where(eq(clientAccounts.id, client.id));
    audit({
      actorId: actor.id,
      action: 'client.approval_setting',
      targetType: 'client_account',
      targetId: client.id,
      outcome: 'allowed',
      details: { required: input.required },
      meta,
    });
  });
}
