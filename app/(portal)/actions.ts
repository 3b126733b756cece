'use server';

import { signOut } from '@/auth';
import { endSession } from '@/lib/dal/account/end-session';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';

export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await endSession(user.sessionId, user.id, await requestMeta());
  await signOut({ redirectTo: '/sign-in' });
}
