import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CodeForm } from '@/components/privacy/code-form';
import { RequestSummary } from '@/components/privacy/request-summary';
import { getRequestProgress } from '@/lib/dal/privacy/get-request-progress';
import { getRequestRouting } from '@/lib/dal/processing/get-request-routing';
import { routingMessage } from '@/lib/privacy/processing-routing';
import { parseId } from '@/lib/validations/ids';
import { resendPrivacyCodeAction, verifyPrivacyCodeAction } from '../actions';

export const metadata: Metadata = { title: 'Verify your privacy request' };

/** After the form: enter the emailed code; then the request waits for the person (agent) or joins the queue. */
export default async function VerifyRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const id = parseId((await params).requestId);
  const progress = id ? await getRequestProgress(id) : null;
  if (!progress) notFound();
  // Issue 15 point 5: a request about data held as processor was routed to the controller.
  const routing = await getRequestRouting(progress.id);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Your privacy request</h1>
      <RequestSummary reference={progress.ref} kind={progress.kind} dueOn={progress.dueOn} />
      {routing ? (
        <p className="text-sm" role="status" data-testid="request-routed">
          {routingMessage(routing.controllerPublicName)}
        </p>
      ) : progress.stage === 'verify' ? (
        <>
          <p className="text-sm">
            We emailed a six-digit code to <strong>{progress.sentTo}</strong>. It works for 10 minutes and three tries.
          </p>
          <CodeForm
            requestId={progress.id}
            verify={verifyPrivacyCodeAction}
            resend={resendPrivacyCodeAction}
            purpose="requester"
          />
        </>
      ) : progress.stage === 'await_subject' ? (
        <p className="text-sm" role="status">
          Thank you. We have asked the person you act for to confirm the request at <strong>{progress.sentTo}</strong>.
          It goes ahead once they do, and their data goes only to them unless they allow otherwise.
        </p>
      ) : (
        <p className="text-sm" role="status" data-testid="request-verified">
          Your request is verified and in our queue. We have emailed you a confirmation and will answer by the date
          above.
        </p>
      )}
    </div>
  );
}
