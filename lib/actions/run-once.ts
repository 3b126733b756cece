import 'server-only';
import { redirect } from 'next/navigation';
import { getURLFromRedirectError } from 'next/dist/client/components/redirect';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { z } from 'zod';
import type { Actor } from '@/lib/authz';
import { AlreadySubmitted, withSubmission, type StoredAnswer } from '@/lib/dal/idempotency';
import { previousAnswer, recordAnswer, releaseSubmission } from '@/lib/dal/submission-answers';
import { isDatabaseUnavailable } from '@/lib/errors';
import type { ActionState } from './action-state';

/** The hidden field every create form carries (components/forms/idempotency-key.tsx makes one per render). */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

const STILL_RUNNING = 'This was already submitted. Please check the result in a moment before submitting again.';

function replay(answer: StoredAnswer | null, values: ActionState['values']): ActionState {
  if (answer?.kind === 'redirect') redirect(answer.url);
  if (answer?.kind === 'state')
    return { ok: answer.ok, message: answer.message, ...(answer.data ? { data: answer.data } : {}) };
  return { ok: false, message: STILL_RUNNING, values };
}

/**
 * Runs a create once per (actor, key): a retried submission (a double click, a resend after a lost answer)
 * gets the first answer back, or is told the first is still running. A failed attempt gives its key back.
 */
export async function runOnce(
  actor: Actor,
  key: string,
  values: ActionState['values'],
  handler: () => Promise<ActionState>,
): Promise<ActionState> {
  const previous = await previousAnswer(actor, key);
  if (previous !== undefined) return replay(previous, values);
  const submission = withSubmission(actor, key, handler);
  try {
    const state = await submission.run;
    if (submission.claimed()) {
      // Recording can fail when the database has just gone: the claim then stays unanswered ("already submitted").
      if (state.ok)
        await recordAnswer(actor, key, { kind: 'state', ok: true, message: state.message, data: state.data }).catch(
          () => {},
        );
      else await releaseSubmission(actor, key).catch(() => {});
    }
    return state;
  } catch (error) {
    if (error instanceof AlreadySubmitted) return replay((await previousAnswer(actor, key)) ?? null, values);
    if (submission.claimed()) {
      if (isRedirectError(error))
        await recordAnswer(actor, key, { kind: 'redirect', url: getURLFromRedirectError(error) }).catch(() => {});
      // Cut off from the database, whether the work committed is unknown: keep the claim, so a retry cannot duplicate
      // it.
      else if (!isDatabaseUnavailable(error)) await releaseSubmission(actor, key).catch(() => {});
    }
    throw error;
  }
}
