'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { env } from '@/lib/env';
import { grantAllowlistEntry } from '@/lib/dal/allowlist/grant-allowlist-entry';
import { grantMembership } from '@/lib/dal/memberships/grant-membership';
import { revokeAllowlistEntry } from '@/lib/dal/allowlist/revoke-allowlist-entry';
import { revokeMembership } from '@/lib/dal/memberships/revoke-membership';
import { createClientAccount } from '@/lib/dal/clients/create-client-account';
import { undoAllowlistRevocation } from '@/lib/dal/allowlist/undo-allowlist-revocation';
import { undoMembershipRevocation } from '@/lib/dal/memberships/undo-membership-revocation';
import { createNdaVersion } from '@/lib/dal/ndas/create-nda-version';
import { sendNda } from '@/lib/dal/ndas/send-nda';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { setUserDisabled } from '@/lib/dal/people/set-user-disabled';
import { createProject } from '@/lib/dal/projects/create-project';
import {
  createClientSchema,
  createProjectSchema,
  grantAllowlistSchema,
  grantMembershipSchema,
  inviteSchema,
  ndaVersionSchema,
  revokeAllowlistSchema,
  revokeMembershipSchema,
  sendNdaSchema,
  setDisabledSchema,
} from '@/lib/validations/admin';

export const inviteUserAction = signedInAction(inviteSchema, async (input, { user, meta }) => {
  const { token, suppressed } = await inviteUser(user, input, meta);
  revalidatePath('/admin/users');
  await sendQueuedEmails();
  // Someone erased at their own request is not re-invited by accident: nothing is emailed, and the admin is warned.
  const message = suppressed
    ? `Invitation created for ${input.email}, not emailed: this address belongs to someone whose data was deleted at their request. Check with them before passing the link on; it works once and expires in 7 days.`
    : `Invitation emailed to ${input.email}. It works once and expires in 7 days.`;
  // The link, shown once, is the fallback when the email does not arrive; only its hash is stored.
  return { ok: true, message, data: { link: `${env.appOrigin}/invite/${token}` } };
});

export const setUserDisabledAction = signedInAction(setDisabledSchema, async (input, { user, meta }) => {
  await setUserDisabled(user, input, meta);
  revalidatePath('/admin/users');
  return { ok: true, message: input.disabled ? 'Account disabled; its sessions have ended.' : 'Account enabled.' };
});

export const createClientAction = signedInAction(createClientSchema, async (input, { user, meta }) => {
  await createClientAccount(user, input, meta);
  revalidatePath('/admin/clients');
  return { ok: true, message: `Client account ${input.codename} created.` };
});

export const createProjectAction = signedInAction(createProjectSchema, async (input, { user, meta }) => {
  await createProject(user, input, meta);
  revalidatePath('/admin/projects');
  return { ok: true, message: `Project ${input.codename} created.` };
});

export const createNdaVersionAction = signedInAction(ndaVersionSchema, async (input, { user, meta }) => {
  const { version, sent } = await createNdaVersion(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/ndas');
  const resign =
    input.material && version > 1
      ? ` Earlier signatures no longer count; sent to ${sent} ${sent === 1 ? 'person' : 'people'} to sign again.`
      : '';
  return { ok: true, message: `${input.title} version ${version} recorded.${resign}` };
});

export const sendNdaAction = signedInAction(sendNdaSchema, async (input, { user, meta }) => {
  await sendNda(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/ndas');
  return {
    ok: true,
    message: 'NDA sent. The person reads and signs it in the portal; you will be told when they answer.',
  };
});

export const grantMembershipAction = signedInAction(grantMembershipSchema, async (input, { user, meta }) => {
  await grantMembership(user, input, meta);
  await sendQueuedEmails();
  revalidatePath(`/admin/projects/${input.projectId}`);
  return { ok: true, message: 'Access granted.' };
});

export const revokeMembershipAction = signedInAction(revokeMembershipSchema, async (input, { user, meta }) => {
  await revokeMembership(user, input, meta);
  revalidatePath('/admin/projects', 'layout');
  return { ok: true, message: 'Access revoked.' };
});

/** Issue 16: a revocation can be undone by its admin within the minute (the row shows "Undo" meanwhile). */
export const undoMembershipRevocationAction = signedInAction(revokeMembershipSchema, async (input, { user, meta }) => {
  await undoMembershipRevocation(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/projects', 'layout');
  return { ok: true, message: 'Revocation undone: the access is as it was.' };
});

export const grantAllowlistAction = signedInAction(grantAllowlistSchema, async (input, { user, meta }) => {
  const { status } = await grantAllowlistEntry(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/projects', 'layout');
  // A client who requires approval decides first: until then the entry gives no access.
  return {
    ok: true,
    message:
      status === 'pending'
        ? 'Granted, waiting for the client’s approval: no access until they approve.'
        : 'Added to the allowlist.',
  };
});

export const revokeAllowlistAction = signedInAction(revokeAllowlistSchema, async (input, { user, meta }) => {
  await revokeAllowlistEntry(user, input, meta);
  revalidatePath('/admin/projects', 'layout');
  return { ok: true, message: 'Removed from the allowlist.' };
});

export const undoAllowlistRevocationAction = signedInAction(revokeAllowlistSchema, async (input, { user, meta }) => {
  await undoAllowlistRevocation(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/projects', 'layout');
  return { ok: true, message: 'Removal undone: the allowlist entry is as it was.' };
});
