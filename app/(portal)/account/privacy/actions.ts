'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { recordAccountConsent } from '@/lib/dal/privacy/record-account-consent';
import { submitAccountRequest } from '@/lib/dal/privacy/submit-account-request';
import { acknowledgePolicy } from '@/lib/dal/privacy/acknowledge-policy';
import { MARKETING_OFF, MARKETING_ON, POLICY_ACKNOWLEDGED } from '@/lib/privacy/messages';
import { formatRequestRef, type Residence } from '@/lib/privacy/vocabulary';
import { accountRequestSchema, acknowledgePolicySchema, marketingEmailSchema } from '@/lib/validations/privacy';

/** A signed-in person's own privacy requests and choices (issue 6). */

export const submitAccountPrivacyRequestAction = signedInAction(accountRequestSchema, async (input, { user, meta }) => {
  const { ref, dueOn } = await submitAccountRequest(
    user,
    { ...input, kind: input.kind, residence: input.residence as Residence },
    meta,
  );
  revalidatePath('/account/privacy');
  return { ok: true, message: `Request ${formatRequestRef(ref)} received. We will answer by ${dueOn}.` };
});

export const setMarketingEmailAction = signedInAction(marketingEmailSchema, async (input, { user }) => {
  await recordAccountConsent(user, { purpose: 'marketing_email', decision: input.decision });
  revalidatePath('/account/privacy');
  return { ok: true, message: input.decision === 'granted' ? MARKETING_ON : MARKETING_OFF };
});

export const acknowledgePolicyAction = signedInAction(acknowledgePolicySchema, async (input, { user, meta }) => {
  await acknowledgePolicy(user, input.policyVersionId, meta);
  revalidatePath('/', 'layout');
  return { ok: true, message: POLICY_ACKNOWLEDGED };
});
