'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { completePrivacyRequest } from '@/lib/dal/privacy/complete';
import { extendPrivacyRequest } from '@/lib/dal/privacy/extend-privacy-request';
import { refusePrivacyRequest } from '@/lib/dal/privacy/refuse-privacy-request';
import { startPrivacyRequest } from '@/lib/dal/privacy/start-privacy-request';
import { publishPolicyVersion } from '@/lib/dal/privacy/publish-policy-version';
import { placeLegalHold } from '@/lib/dal/privacy/place-legal-hold';
import { releaseLegalHold } from '@/lib/dal/privacy/release-legal-hold';
import { updateRetentionRule } from '@/lib/dal/privacy/update-retention-rule';
import { runRetention } from '@/lib/dal/privacy/retention-run';
import {
  completeRequestSchema,
  extendRequestSchema,
  placeHoldSchema,
  publishPolicySchema,
  refuseRequestSchema,
  releaseHoldSchema,
  requestIdSchema,
  retentionRuleSchema,
  retentionRunSchema,
} from '@/lib/validations/privacy';

/** The privacy administrator's actions: the request queue, policy versions, retention (issue 6). */

const requestPath = (id: string) => `/admin/privacy/requests/${id}`;

export const startPrivacyRequestAction = signedInAction(requestIdSchema, async (input, { user, meta }) => {
  await startPrivacyRequest(user, input, meta);
  revalidatePath(requestPath(input.requestId));
  return { ok: true, message: 'Marked in progress.' };
});

export const extendPrivacyRequestAction = signedInAction(extendRequestSchema, async (input, { user, meta }) => {
  const { dueOn } = await extendPrivacyRequest(user, input, meta);
  revalidatePath(requestPath(input.requestId));
  return { ok: true, message: `Extended: now due ${dueOn}. The requester has been told why.` };
});

export const refusePrivacyRequestAction = signedInAction(refuseRequestSchema, async (input, { user, meta }) => {
  await refusePrivacyRequest(user, input, meta);
  revalidatePath(requestPath(input.requestId));
  return { ok: true, message: 'Refused. The requester has been told why.' };
});

export const completePrivacyRequestAction = signedInAction(completeRequestSchema, async (input, { user, meta }) => {
  const { summary } = await completePrivacyRequest(user, input, meta);
  revalidatePath(requestPath(input.requestId));
  return { ok: true, message: `Completed. ${summary}` };
});

export const publishPolicyAction = signedInAction(publishPolicySchema, async (input, { user, meta }) => {
  const { version } = await publishPolicyVersion(user, input, meta);
  revalidatePath('/', 'layout');
  return { ok: true, message: `Version ${version} published, in effect from ${input.effectiveOn}.` };
});

export const updateRetentionRuleAction = signedInAction(retentionRuleSchema, async (input, { user, meta }) => {
  await updateRetentionRule(user, input, meta);
  revalidatePath('/admin/privacy/retention');
  return { ok: true, message: 'Rule saved.' };
});

export const placeLegalHoldAction = signedInAction(placeHoldSchema, async (input, { user, meta }) => {
  await placeLegalHold(user, input, meta);
  revalidatePath('/admin/privacy/retention');
  return { ok: true, message: 'Hold placed: no retention rule touches it until it is released.' };
});

export const releaseLegalHoldAction = signedInAction(releaseHoldSchema, async (input, { user, meta }) => {
  await releaseLegalHold(user, input, meta);
  revalidatePath('/admin/privacy/retention');
  return { ok: true, message: 'Hold released.' };
});

export const runRetentionAction = signedInAction(retentionRunSchema, async (input, { user, meta }) => {
  const report = await runRetention(user, { dryRun: input.dryRun, via: 'admin' }, meta);
  revalidatePath('/admin/privacy/retention');
  // Guests' event needs past their event's retention days count with the rules' records (issue 14).
  const needs = report.eventNeeds;
  const total =
    report.rules.reduce((n, r) => n + (input.dryRun ? r.eligible - r.held : r.removed), 0) +
    (input.dryRun ? needs.eligible - needs.held : needs.removed);
  const held = report.rules.reduce((n, r) => n + r.held, 0) + needs.held;
  return {
    ok: true,
    message: input.dryRun
      ? `Dry run: ${total} record${total === 1 ? '' : 's'} would be removed or de-identified; ${held} held. Nothing was changed.`
      : `Retention run done: ${total} record${total === 1 ? '' : 's'} removed or de-identified; ${held} held. The receipt is in the audit log.`,
  };
});
