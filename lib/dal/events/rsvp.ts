import 'server-only';
import { sha256Hex } from '@/lib/crypto/tokens';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { withActor, type Work } from '../transaction';

/**
 * A unit of work for the holder of an RSVP link: no user, and the link's hash bound as the credential in hand for
 * this transaction only, so row-level security (app_rsvp_guest) shows the guest their own invitation and event
 * and nothing else.
 */
export async function withRsvpLink<T>(token: string, work: (context: Work) => Promise<T>): Promise<T> {
  return withActor(null, async (context) => {
    await bindCredential(context.tx, { credential: sha256Hex(token) });
    return work(context);
  });
}
