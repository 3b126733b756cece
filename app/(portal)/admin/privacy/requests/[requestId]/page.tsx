import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, type FieldSpec } from '@/components/forms/action-form';
import { ReceiptTable } from '@/components/privacy/receipt-table';
import { StatusBadge, UrgencyBadge } from '@/components/privacy/status-badges';
import { Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { getPrivacyRequest } from '@/lib/dal/privacy/get-privacy-request';
import { requestRoutingForAdmin } from '@/lib/dal/processing/get-admin-request-routing';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { AppError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/labels';
import { CLOCK_RULE_LABELS } from '@/lib/privacy/clocks';
import { formatRequestRef, JURISDICTION_LABELS, REQUEST_KIND_LABELS } from '@/lib/privacy/vocabulary';
import { parseId } from '@/lib/validations/ids';
import {
  completePrivacyRequestAction,
  extendPrivacyRequestAction,
  refusePrivacyRequestAction,
  startPrivacyRequestAction,
} from '../../actions';
import { routePrivacyRequestAction } from '../../../processing/route-actions';

export const metadata: Metadata = { title: 'Privacy request' };

const COMPLETE_HINT: Record<string, string> = {
  access:
    'Gathers everything held about the person now and emails a single-use download link (to the agent too only if the person allowed it).',
  portability:
    'Gathers everything held about the person now and emails a single-use download link (JSON and a readable page).',
  deletion:
    'Deletes or de-identifies the person’s data and records a receipt of what was kept and why. This cannot be undone.',
  correction: 'Applies the correction to the account; the before and after values go to the audit log.',
  restriction: 'Marks the person: left out of optional processing and of anything shown or sent to third parties.',
  objection: 'Marks the person: left out of optional processing and of anything shown or sent to third parties.',
  withdraw_consent: 'Records a refusal for every consent-based purpose.',
  opt_out_sale_sharing: 'Records an opt-out of sale and sharing.',
  limit_sensitive: 'Records a limit on the use of sensitive data.',
};

export default async function PrivacyRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'privacy.manage')) notFound();
  const id = parseId((await params).requestId);
  if (!id) notFound();
  const r = await getPrivacyRequest(user, id).catch((e: unknown) =>
    e instanceof AppError && e.code === 'not_found' ? null : Promise.reject(e),
  );
  if (!r) notFound();
  const open = r.urgency !== null;
  // Issue 15 point 5: a request about data held as processor goes to the engagement's controller.
  const routing = await requestRoutingForAdmin(user, r.id);
  const hidden: FieldSpec<'requestId'> = { kind: 'hidden', name: 'requestId', value: r.id };
  const correction: FieldSpec<'field' | 'value'>[] =
    r.kind === 'correction'
      ? [
          {
            kind: 'select',
            name: 'field',
            label: 'Field to correct',
            options: [
              { value: 'name', label: 'Name' },
              { value: 'email', label: 'Email' },
            ],
          },
          { kind: 'text', name: 'value', label: 'Corrected value', required: true },
        ]
      : [];
  return (
    <>
      <PageHeader
        title={
          <>
            Request {formatRequestRef(r.ref)} <StatusBadge status={r.status} /> <UrgencyBadge urgency={r.urgency} />
          </>
        }
        subtitle={
          <Link href="/admin/privacy" className="underline">
            ← All requests
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="The request">
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
              <dt className="text-muted">Asked for</dt>
              <dd>{REQUEST_KIND_LABELS[r.kind]}</dd>
              <dt className="text-muted">Law</dt>
              <dd>{JURISDICTION_LABELS[r.jurisdiction]}</dd>
              <dt className="text-muted">Person</dt>
              <dd>{r.subject}</dd>
              <dt className="text-muted">Email</dt>
              <dd>{r.email}</dd>
              <dt className="text-muted">Filed</dt>
              <dd>
                {r.channel === 'account' ? 'Signed in' : 'Public form'}
                {r.agent ? `, by an authorized agent (${r.agentName}, ${r.agentEmail})` : ''}
              </dd>
              <dt className="text-muted">Verified</dt>
              <dd>
                {r.verifiedAt
                  ? `${formatDateTime(r.verifiedAt)} (${r.verificationMethod === 'password' ? 'password' : r.verificationMethod === 'not_required' ? 'not required' : 'emailed code'})`
                  : 'Not yet'}
              </dd>
              {r.agent ? (
                <>
                  <dt className="text-muted">Person confirmed</dt>
                  <dd>
                    {r.subjectConfirmedAt
                      ? `${formatDateTime(r.subjectConfirmedAt)}; agent may receive data: ${r.agentMayReceive ? 'yes' : 'no'}`
                      : 'Not yet'}
                  </dd>
                </>
              ) : null}
              <dt className="text-muted">Details</dt>
              <dd className="whitespace-pre-wrap">{r.details ?? '—'}</dd>
            </dl>
            {r.agentPermissionText ? (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer">The agent’s signed permission</summary>
                <p className="mt-2 whitespace-pre-wrap rounded-md bg-paper p-2">{r.agentPermissionText}</p>
              </details>
            ) : null}
          </Card>
          <Card title="Clock">
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm" data-testid="request-clock">
              <dt className="text-muted">Rule</dt>
              <dd>{CLOCK_RULE_LABELS[r.rule]}</dd>
              <dt className="text-muted">Received</dt>
              <dd>{formatDateTime(r.receivedAt)}</dd>
              <dt className="text-muted">Due</dt>
              <dd>
                {formatDate(r.dueOn)}
                {r.extended ? ` (was ${formatDate(r.originalDueOn)}; extended: ${r.extensionReason})` : ''}
              </dd>
              {r.ackDueOn ? (
                <>
                  <dt className="text-muted">Acknowledgement</dt>
                  <dd>{r.acknowledged ? 'Sent' : `Due by ${formatDate(r.ackDueOn)}`}</dd>
                </>
              ) : null}
              {r.closedAt ? (
                <>
                  <dt className="text-muted">Closed</dt>
                  <dd>
                    {formatDateTime(r.closedAt)}
                    {r.refusalReason ? `: refused, ${r.refusalReason}` : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          </Card>
          {r.receipt ? (
            <Card title="Deletion receipt">
              <ReceiptTable receipt={r.receipt} />
            </Card>
          ) : null}
          {r.exports.length > 0 ? (
            <Card title="Export links">
              <Table caption="Export links" headers={['Sent to', 'Expires', 'Downloaded']}>
                {r.exports.map((x, i) => (
                  <tr key={i}>
                    <Cell>{x.recipient === 'agent' ? 'The agent' : 'The person'}</Cell>
                    <Cell>{formatDateTime(x.expiresAt)}</Cell>
                    <Cell>{x.usedAt ? formatDateTime(x.usedAt) : 'Not yet'}</Cell>
                  </tr>
                ))}
              </Table>
            </Card>
          ) : null}
          <Card title="History">
            <Table caption="History" headers={['When', 'What', 'Outcome']}>
              {r.history.map((h, i) => (
                <tr key={i}>
                  <Cell>{formatDateTime(h.at)}</Cell>
                  <Cell className="font-mono text-xs">{h.action}</Cell>
                  <Cell>
                    {h.outcome}
                    {h.reason ? ` (${h.reason})` : ''}
                  </Cell>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
        <div className="space-y-6">
          {routing.routing ? (
            <Card title="Routed to the controller">
              <p className="text-sm" role="status">
                Routed {formatDateTime(routing.routing.routedAt)} to the controller of {routing.routing.project}. The
                requester was told to contact them
                {routing.routing.controllerNamed
                  ? ', by name'
                  : ' (not named: the client asked for zero public association)'}
                , and the client&apos;s people were told of the request.
              </p>
            </Card>
          ) : open && r.status !== 'verifying' && routing.options.length > 0 ? (
            <Card title="Route to the controller">
              <p className="mb-3 text-sm text-muted">
                When the request is about data MM Group holds as processor, the controller (the client) answers it. The
                requester is told to contact them, and they are told of the request.
              </p>
              <ActionForm
                label="Route to the controller"
                action={routePrivacyRequestAction}
                fields={[
                  hidden,
                  {
                    kind: 'select',
                    name: 'projectId',
                    label: 'Processor engagement',
                    options: routing.options.map((o) => ({
                      value: o.projectId,
                      label: `${o.project} (client ${o.client}; instructions ${o.instructionsRef ?? '—'})`,
                    })),
                  },
                ]}
                submitLabel="Route to the controller"
                variant="secondary"
                confirm={{
                  title: `Route ${formatRequestRef(r.ref)} to the controller?`,
                  description:
                    'The requester is told to contact the controller and the request closes here; the client is told of it.',
                  confirmLabel: 'Route it',
                }}
              />
            </Card>
          ) : null}
          {open && r.status === 'received' ? (
            <Card title="Start">
              <ActionForm
                label="Start work"
                action={startPrivacyRequestAction}
                fields={[hidden]}
                submitLabel="Mark in progress"
                variant="secondary"
              />
            </Card>
          ) : null}
          {open && r.status !== 'verifying' ? (
            <Card title="Complete">
              <p className="mb-3 text-sm text-muted">{COMPLETE_HINT[r.kind]}</p>
              <ActionForm
                label="Complete the request"
                action={completePrivacyRequestAction}
                fields={[hidden, ...correction]}
                submitLabel="Complete the request"
                pendingLabel="Completing…"
                confirm={
                  r.kind === 'deletion'
                    ? {
                        title: `Complete the deletion request ${formatRequestRef(r.ref)}?`,
                        description: `${r.subject}’s data is deleted or de-identified now, and a receipt of what was kept and why is recorded and sent. This cannot be undone.`,
                        confirmLabel: 'Delete and complete',
                      }
                    : undefined
                }
              />
            </Card>
          ) : null}
          {open && !r.extended ? (
            <Card title="Extend">
              <ActionForm
                label="Extend the deadline"
                action={extendPrivacyRequestAction}
                fields={[
                  hidden,
                  { kind: 'textarea', name: 'reason', label: 'Reason (sent to the requester)', required: true },
                ]}
                submitLabel="Extend once"
                variant="secondary"
              />
            </Card>
          ) : null}
          {open ? (
            <Card title="Refuse">
              <ActionForm
                label="Refuse the request"
                action={refusePrivacyRequestAction}
                fields={[
                  hidden,
                  { kind: 'textarea', name: 'reason', label: 'Reason (sent to the requester)', required: true },
                ]}
                submitLabel="Refuse"
                variant="danger"
              />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
