import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import type { Scope } from '@/lib/authz';
import { getAccessReview, type ReviewedGrant } from '@/lib/dal/reviews/read-access-review';
import { REVIEW_WINDOW_DAYS } from '@/lib/dal/reviews/open-access-review';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS, SCOPE_LABELS } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import { decideReviewAction, endReviewAction, openReviewAction } from './actions';

export const metadata: Metadata = { title: 'Access review' };

const DECISION_LABELS = {
  confirmed: 'Confirmed',
  narrowed: 'Narrowed',
  revoked: 'Revoked',
  expired: 'Expired (not confirmed)',
} as const;
const scopeNames = (scopes: string[]) => scopes.map((s) => SCOPE_LABELS[s as Scope] ?? s).join(', ');

function grantLabel(g: ReviewedGrant): string {
  if (g.kind === 'allowlist') return `High-risk: ${g.itemLabel}`;
  return g.role === 'lead' ? 'Lead (everything)' : scopeNames(g.scopes);
}

function Decide({ projectId, grant }: { projectId: string; grant: ReviewedGrant }) {
  if (grant.decision)
    return (
      <Badge tone={grant.decision.kind === 'confirmed' ? 'accent' : 'neutral'}>
        {DECISION_LABELS[grant.decision.kind]}
        {grant.decision.by ? ` by ${grant.decision.by}` : ''}
      </Badge>
    );
  if (!grant.mayDecide)
    return <span className="text-xs text-muted">Your own access: an administrator confirms it.</span>;
  const base = [
    { kind: 'hidden' as const, name: 'projectId' as const, value: projectId },
    { kind: 'hidden' as const, name: 'grantKind' as const, value: grant.kind },
    { kind: 'hidden' as const, name: 'grantId' as const, value: grant.id },
  ];
  const who = `${grant.person}'s ${grant.kind === 'allowlist' ? `high-risk access to ${grant.itemLabel}` : 'access to this project'}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <ActionForm
          inline
          label={`Confirm ${who}`}
          action={decideReviewAction}
          submitLabel="Confirm"
          pendingLabel="Confirming…"
          fields={[...base, { kind: 'hidden', name: 'decision', value: 'confirmed' }]}
        />
        <ActionForm
          inline
          label={`Revoke ${who}`}
          action={decideReviewAction}
          submitLabel="Revoke"
          pendingLabel="Revoking…"
          variant="danger"
          fields={[...base, { kind: 'hidden', name: 'decision', value: 'revoked' }]}
          confirm={{
            title: `Revoke ${who}?`,
            description: `${grant.person} loses this access on their next request and is told. This cannot be undone in the review; a new grant would be needed.`,
            confirmLabel: 'Revoke access',
          }}
        />
      </div>
      {grant.kind === 'membership' && grant.role === 'member' && grant.scopes.length > 1 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-accent">Narrow scopes…</summary>
          <div className="mt-2">
            <ActionForm
              label={`Narrow ${who}`}
              action={decideReviewAction}
              submitLabel="Keep only these scopes"
              pendingLabel="Narrowing…"
              fields={[
                ...base,
                { kind: 'hidden', name: 'decision', value: 'narrowed' },
                {
                  kind: 'checkboxes',
                  name: 'scopes',
                  label: 'Scopes to keep',
                  options: grant.scopes.map((s) => ({ value: s, label: SCOPE_LABELS[s as Scope] ?? s })),
                },
              ]}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}

/**
 * A project's periodic access review (issue 15 point 7), for its lead or an admin: each grant in force with what
 * its holder did during the period, and a decision for each — confirm, narrow or revoke. What nobody confirms by
 * the end of the window expires by itself.
 */
export default async function AccessReviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const view = projectId ? await getAccessReview(user, projectId) : null;
  if (!view) notFound();
  const { project, review } = view;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${project.id}`} className="text-accent hover:underline">
          ← {project.codename}
        </Link>
      </p>
      <PageHeader
        title={`Access review: ${project.codename}`}
        subtitle={
          view.lastClosed
            ? `Last reviewed on ${formatDate(view.lastClosed.closedAt)}${view.lastClosed.closedBy ? ` by ${view.lastClosed.closedBy}` : ' (its window ended)'}: ${
                view.lastClosed.expired === 0
                  ? 'every grant was decided'
                  : `${view.lastClosed.expired} unconfirmed grant${view.lastClosed.expired === 1 ? '' : 's'} expired`
              }.`
            : 'This project’s access has not been reviewed yet.'
        }
      />
      {!review ? (
        <Card title="No review is open">
          <p className="mb-3 text-sm text-muted">
            Reviews open by themselves on the schedule. Opening one now gives the reviewers {REVIEW_WINDOW_DAYS} days to
            confirm, narrow or revoke each grant; what is not confirmed then expires.
          </p>
          <ActionForm
            inline
            label="Open an access review"
            action={openReviewAction}
            submitLabel="Open a review now"
            pendingLabel="Opening…"
            fields={[{ kind: 'hidden', name: 'projectId', value: project.id }]}
          />
        </Card>
      ) : (
        <div className="space-y-6">
          <Card
            title={`Open until ${formatDate(review.dueAt)}`}
            actions={
              view.mayEnd ? (
                <ActionForm
                  inline
                  label="End this review now"
                  action={endReviewAction}
                  submitLabel="End review now"
                  pendingLabel="Ending…"
                  variant="danger"
                  fields={[{ kind: 'hidden', name: 'projectId', value: project.id }]}
                  confirm={{
                    title: `End the review of ${project.codename} now?`,
                    description:
                      'Every grant nobody has confirmed expires at once, and its holder is told. Decisions already taken stay.',
                    confirmLabel: 'End review and expire unconfirmed access',
                  }}
                />
              ) : null
            }
          >
            <p className="mb-4 text-sm text-muted">
              Opened {formatDate(review.openedAt)}
              {review.openedBy ? ` by ${review.openedBy}` : ' by the schedule'}. Activity counted since{' '}
              {formatDate(review.periodStart)}. Grants not confirmed by {formatDate(review.dueAt)} (UTC) expire then.
            </p>
            {view.grants.length === 0 ? <p className="text-sm text-muted">No grant is in force.</p> : null}
            {view.grants.length > 0 ? (
              <Table
                headers={['Person', 'Role', 'Access', 'Until', 'Reads', 'Downloads', 'Reveals', 'Decision']}
                caption="Grants under review"
              >
                {view.grants.map((g) => (
                  <tr key={`${g.kind}-${g.id}`}>
                    <Cell className="font-medium">{g.person}</Cell>
                    <Cell>{ROLE_LABELS[g.personRole]}</Cell>
                    <Cell>{grantLabel(g)}</Cell>
                    <Cell>{g.until ? formatDate(g.until) : 'No end date'}</Cell>
                    <Cell>{g.activity.reads}</Cell>
                    <Cell>{g.activity.downloads}</Cell>
                    <Cell>{g.activity.reveals}</Cell>
                    <Cell>
                      <Decide projectId={project.id} grant={g} />
                    </Cell>
                  </tr>
                ))}
              </Table>
            ) : null}
          </Card>
          {view.decided.length > 0 ? (
            <Card title="Decided in this review">
              <ul className="space-y-1 text-sm">
                {view.decided.map((d, i) => (
                  <li key={i}>
                    {d.person}, {d.grant}: {DECISION_LABELS[d.kind].toLowerCase()}
                    {d.by ? ` by ${d.by}` : ''} on {formatDate(d.at)}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
