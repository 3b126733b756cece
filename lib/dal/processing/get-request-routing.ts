import 'server-only';
import { eq } from 'drizzle-orm';
import { privacyRequestRoutings } from '@/db/schema';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { withActor } from '../transaction';

export type RequestRouting = { controllerPublicName: string | null; routedAt: Date };

/** For the requester's own request page: reached by the request's id, as the request itself. */
export async function getRequestRouting(requestId: string): Promise<RequestRouting | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { privacyRequest: requestId });
    return tx
      .select({
        controllerPublicName: privacyRequestRoutings.controllerPublicName,
        routedAt: privacyRequestRoutings.routedAt,
      })
      .from(privacyRequestRoutings)
      .where(eq(privacyRequestRoutings.requestId, requestId));
  });
  return row ?? null;
}
