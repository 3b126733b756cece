import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { KIND_LABELS } from '@/lib/public-use/texts';
import { getRequestForDecision } from '@/lib/dal/public-use/get-request-for-decision';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import { refuseAuthorizationAction, signAuthorizationAction } from '../../actions';

export const metadata: Metadata = { title: 'Authorization request' };

/** The client reads the full text they are asked to sign, then signs by typing their name, or refuses. */
export default async function AuthorizationRequestPage({
  params,
}: {
  params: Promise<{ projectId: string; requestId: string }>;
}) {
  const user = await requireSessionUser();
  const { projectId: rawProject, requestId: rawRequest } = await params;
  const projectId = parseId(rawProject);
  const requestId = parseId(rawRequest);
  const request = projectId && requestId ? await getRequestForDecision(user, requestId) : null;
  if (!request || request.projectId !== projectId) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${request.projectId}/authorizations`} className="text-accent hover:underline">
          ← Authorizations
        </Link>
      </p>
      <PageHeader
        title={`${KIND_LABELS[request.kind]}: the exact text`}
        subtitle={
          request.open
            ? 'Read it in full. Signing publishes exactly this title and summary, nothing else.'
            : 'This request has been answered.'
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Text to sign">
          <dl className="mb-4 space-y-2 text-sm">
            <div>
              <dt className="font-medium">Public title</dt>
              <dd data-testid="public-title">{request.publicTitle}</dd>
            </div>
            <div>
              <dt className="font-medium">Public summary</dt>
              <dd data-testid="public-summary">{request.publicSummary}</dd>
            </div>
            <div>
              <dt className="font-medium">Ends</dt>
              <dd>{request.expiresAt ? formatDate(request.expiresAt) : 'When you revoke it'}</dd>
            </div>
          </dl>
          <pre
            className="whitespace-pre-wrap rounded-md bg-paper p-3 font-sans text-sm"
            data-testid="authorization-text"
          >
            {request.text}
          </pre>
          <p className="mt-2 break-all text-xs text-muted">SHA-256: {request.textSha256}</p>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          {request.mayDecide ? (
            <Card title="Sign">
              <ActionForm
                label="Sign the authorization"
                action={signAuthorizationAction}
                submitLabel="Sign"
                pendingLabel="Signing…"
                fields={[
                  { kind: 'hidden', name: 'requestId', value: request.id },
                  { kind: 'hidden', name: 'textSha256', value: request.textSha256 },
                  {
                    kind: 'text',
                    name: 'fullName',
                    label: 'Your full name',
                    hint: `Type it exactly as on your account (${user.name}).`,
                    required: true,
                  },
                  {
                    kind: 'checkboxes',
                    name: 'consent',
                    label: 'Consent',
                    options: [{ value: 'on', label: 'I have read the text above and I give this authorization.' }],
                  },
                ]}
              />
            </Card>
          ) : (
            <Card>
              <p className="text-sm text-muted" data-testid="request-state">
                {!request.open
                  ? 'This request has been answered; its record is on the authorizations page.'
                  : request.blocked
                    ? 'Zero public association is on record: this request cannot be signed while it holds.'
                    : 'Only a member of the client account signs or refuses.'}
              </p>
            </Card>
          )}
          {request.mayRefuse ? (
            <Card title="Refuse">
              <ActionForm
                label="Refuse the authorization"
                action={refuseAuthorizationAction}
                submitLabel="Refuse"
                variant="danger"
                fields={[
                  { kind: 'hidden', name: 'requestId', value: request.id },
                  { kind: 'textarea', name: 'reason', label: 'Why you refuse', required: true },
                ]}
              />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
