'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { decideHighRiskGrant } from '@/lib/dal/approvals/decide-high-risk-grant';
import { setHighRiskApproval } from '@/lib/dal/clients/set-high-risk-approval';
import { demandZeroAssociation } from '@/lib/dal/clients/demand-zero-association';
import { withdrawZeroAssociation } from '@/lib/dal/clients/withdraw-zero-association';
import { approvalSettingSchema, decideGrantSchema, zeroAssociationSchema } from '@/lib/validations/client';

export const setApprovalSettingAction = signedInAction(approvalSettingSchema, async (input, { user, meta }) => {
  await setHighRiskApproval(user, input, meta);
  revalidatePath('/client');
  return {
    ok: true,
    message: input.required
      ? 'High-risk grants on your projects now wait for your approval.'
      : 'High-risk grants no longer wait for your approval.',
  };
});

export const decideGrantAction = signedInAction(decideGrantSchema, async (input, { user, meta }) => {
  await decideHighRiskGrant(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/client');
  return {
    ok: true,
    message: input.decision === 'approve' ? 'Approved: the access starts now.' : 'Refused: no access is given.',
  };
});

export const demandZeroAssociationAction = signedInAction(zeroAssociationSchema, async (input, { user, meta }) => {
  const { ended } = await demandZeroAssociation(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/client');
  revalidatePath('/portfolio');
  return {
    ok: true,
    message: `Zero public association is on record.${ended ? ` ${ended} public use${ended === 1 ? '' : 's'} ended.` : ''}`,
  };
});

export const withdrawZeroAssociationAction = signedInAction(zeroAssociationSchema, async (input, { user, meta }) => {
  await withdrawZeroAssociation(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/client');
  return { ok: true, message: 'Zero public association withdrawn. Past public uses stay ended.' };
});
