'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { routePrivacyRequest } from '@/lib/dal/processing/route-privacy-request';
import { routeRequestSchema } from '@/lib/validations/processing';

/** Routing a rights request about data held as processor to the engagement's controller (issue 15 point 5). */
export const routePrivacyRequestAction = signedInAction(routeRequestSchema, async (input, { user, meta }) => {
  const { named } = await routePrivacyRequest(user, input, meta);
  revalidatePath(`/admin/privacy/requests/${input.requestId}`);
  return {
    ok: true,
    message: named
      ? 'Routed: the requester was told to contact the client, and the client was told of the request.'
      : 'Routed: the requester was told we passed it to the client (not named: zero public association), and the client was told of the request.',
  };
});
