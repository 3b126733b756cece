import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CodeForm } from '@/components/privacy/code-form';
import { RequestSummary } from '@/components/privacy/request-summary';
import { getRequestProgress } from '@/lib/dal/privacy/get-request-progress';
import { parseId } from '@/lib/validations/ids';
import { confirmAsSubjectAction, resendPrivacyCodeAction } from '../../actions';

export const metadata: Metadata = { title: 'Confirm a privacy request' };

/** The person an agent filed for confirms with their own code, and decides whether the agent may receive their data. */
export default async function ConfirmRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const id = parseId((await params).requestId);
  const progress = id ? await getRequestProgress(id) : null;
  if (!progress || !progress.agent) notFound();
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Confirm a request made for you</h1>
      <RequestSummary reference={progress.ref} kind={progress.kind} dueOn={progress.dueOn} />
      {progress.stage === 'await_subject' ? (
        <>
          <p className="text-sm">
            An authorized agent asked us to act on your data. If you agree, enter the code we emailed to{' '}
            <strong>{progress.sentTo}</strong>. If you did not authorize this, do nothing.
          </p>
          <CodeForm
            requestId={progress.id}
            verify={confirmAsSubjectAction}
            resend={resendPrivacyCodeAction}
            purpose="subject"
            agentChoice
          />
        </>
      ) : progress.stage === 'verified' ? (
        <p className="text-sm" role="status" data-testid="request-verified">
          Thank you: the request is confirmed and in our queue.
        </p>
      ) : (
        <p className="text-sm">This request is not ready for your confirmation.</p>
      )}
    </div>
  );
}
