import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { SCOPES } from '@/lib/authz/types';
import { getProjectAccess } from '@/lib/dal/memberships/read-project-access';
import { explainAccess } from '@/lib/dal/memberships/explain-access';
import { listExplainOptions } from '@/lib/dal/memberships/list-explain-options';
import { mayAdminister } from '@/lib/dal/guard';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS, SCOPE_LABELS } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import { ExplainPanel } from './explain-panel';
import { UndoNotice } from '@/components/forms/undo-notice';
import {
  grantAllowlistAction,
  grantMembershipAction,
  revokeAllowlistAction,
  revokeMembershipAction,
  undoAllowlistRevocationAction,
  undoMembershipRevocationAction,
} from '../../actions';

export const metadata: Metadata = { title: 'Project access' };

const STATE_TONE = {
  active: 'accent',
  expired: 'neutral',
  revoked: 'danger',
  pending: 'neutral',
  refused: 'danger',
} as const;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function ProjectAccessPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'membership.grant')) notFound();
  const projectId = parseId((await params).projectId);
  const access = projectId ? await getProjectAccess(user, projectId) : null;
  if (!access) notFound();
  // Explain access (issue 4): asked by choosing an item and a person; audited like any other look at access.
  const query = await searchParams;
  const explainItem = parseId(first(query.explainItem));
  const explainUser = parseId(first(query.explainUser));
  const explainOptions = await listExplainOptions(user, access.project.id);
  const explanation =
    explainItem && explainUser && explainOptions.items.some((i) => i.id === explainItem)
      ? await explainAccess(user, { itemId: explainItem, userId: explainUser }, await requestMeta())
      : null;
  const people = access.candidates.map((c) => ({ value: c.id, label: `${c.name} (${ROLE_LABELS[c.role]})` }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/projects" className="text-accent hover:underline">
          ← All projects
        </Link>
      </p>
      <PageHeader
        title={`${access.project.codename}: access`}
        subtitle={`Owned by ${access.project.ownerCodename}. Every grant and revocation is audited and visible to the client.`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Members">
            <Table headers={['Person', 'Role', 'Scopes', 'Granted', 'Expires', 'State', '']} caption="Members">
              {access.memberships.map((m) => (
                <tr key={m.id}>
                  <Cell className="font-medium">
                    {m.userName} <span className="text-xs text-muted">{ROLE_LABELS[m.userRole]}</span>
                  </Cell>
                  <Cell>{m.role}</Cell>
                  <Cell>
                    {m.role === 'lead'
                      ? 'All'
                      : m.scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ')}
                  </Cell>
                  <Cell>{formatDate(m.grantedAt)}</Cell>
                  <Cell>{formatDate(m.expiresAt)}</Cell>
                  <Cell>
                    <Badge tone={STATE_TONE[m.state]}>{m.state}</Badge>
                  </Cell>
                  <Cell>
                    {m.state === 'active' ? (
                      <ActionForm
                        inline
                        label={`Revoke ${m.userName}`}
                        action={revokeMembershipAction}
                        fields={[{ kind: 'hidden', name: 'membershipId', value: m.id }]}
                        submitLabel="Revoke"
                        variant="danger"
                        confirm={{
                          title: `Revoke ${m.userName}'s membership of ${access.project.codename}?`,
                          description: `${m.userName} loses access to ${access.project.codename} at once. The revocation is audited and shown to the client. You can undo it within a minute; after that, access needs a new grant.`,
                          confirmLabel: `Revoke ${m.userName}`,
                        }}
                      />
                    ) : m.undoable ? (
                      <UndoNotice
                        message={`${m.userName}’s access revoked.`}
                        label={`Undo the revocation of ${m.userName}’s access`}
                        action={undoMembershipRevocationAction}
                        name="membershipId"
                        value={m.id}
                      />
                    ) : null}
                  </Cell>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="High-risk allowlists">
            {access.highRiskItems.length === 0 ? (
              <p className="text-sm text-muted">No high-risk items in this project.</p>
            ) : null}
            <div className="space-y-6">
              {access.highRiskItems.map((item) => (
                <div key={item.id} className="space-y-3">
                  <h3 className="text-sm font-semibold">{item.label}</h3>
                  <Table headers={['Person', 'Reason', 'Expires', 'State', '']} caption={`Allowlist of ${item.label}`}>
                    {item.entries.map((e) => (
                      <tr key={e.id}>
                        <Cell>{e.userName}</Cell>
                        <Cell>{e.reason}</Cell>
                        <Cell>{formatDate(e.expiresAt)}</Cell>
                        <Cell>
                          <Badge tone={STATE_TONE[e.state as keyof typeof STATE_TONE]}>{e.state}</Badge>
                        </Cell>
                        <Cell>
                          {e.state === 'active' || e.state === 'pending' ? (
                            <ActionForm
                              inline
                              label={`Remove ${e.userName} from ${item.label}`}
                              action={revokeAllowlistAction}
                              fields={[{ kind: 'hidden', name: 'entryId', value: e.id }]}
                              submitLabel="Remove"
                              variant="danger"
                              confirm={{
                                title: `Remove ${e.userName} from the allowlist of ${item.label}?`,
                                description: `${e.userName} can no longer read ${item.label} from now on. The removal is audited and shown to the client. You can undo it within a minute; after that, reading it again needs a new allowlist entry.`,
                                confirmLabel: `Remove ${e.userName}`,
                              }}
                            />
                          ) : e.undoable ? (
                            <UndoNotice
                              message={`${e.userName} removed from ${item.label}.`}
                              label={`Undo the removal of ${e.userName} from ${item.label}`}
                              action={undoAllowlistRevocationAction}
                              name="entryId"
                              value={e.id}
                            />
                          ) : null}
                        </Cell>
                      </tr>
                    ))}
                  </Table>
                  <details className="rounded-md border border-line p-3">
                    <summary className="cursor-pointer text-sm font-medium">Add someone to {item.label}</summary>
                    <div className="mt-3">
                      <ActionForm
                        label={`Add to allowlist of ${item.label}`}
                        once
                        action={grantAllowlistAction}
                        submitLabel="Add to allowlist"
                        fields={[
                          { kind: 'hidden', name: 'itemId', value: item.id },
                          { kind: 'select', name: 'userId', label: 'Person', options: people },
                          { kind: 'text', name: 'reason', label: 'Reason', required: true },
                          { kind: 'date', name: 'expiresAt', label: 'Expires on (optional; required for contractors)' },
                        ]}
                      />
                    </div>
                  </details>
                </div>
              ))}
            </div>
          </Card>
        </div>
        <Card title="Grant access">
          <ActionForm
            label="Grant access"
            once
            action={grantMembershipAction}
            submitLabel="Grant access"
            pendingLabel="Granting…"
            fields={[
              { kind: 'hidden', name: 'projectId', value: access.project.id },
              { kind: 'select', name: 'userId', label: 'Person', options: people },
              {
                kind: 'select',
                name: 'role',
                label: 'Project role',
                defaultValue: 'member',
                options: [
                  { value: 'member', label: 'Member' },
                  { value: 'lead', label: 'Lead (all scopes)' },
                ],
              },
              {
                kind: 'checkboxes',
                name: 'scopes',
                label: 'Scopes',
                hint: 'What a member may see. A lead sees everything.',
                options: SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] })),
              },
              { kind: 'date', name: 'expiresAt', label: 'Expires on', hint: 'Required for contractors.' },
            ]}
          />
          <p className="mt-4 text-xs text-muted">A valid NDA covering this client must be on file first.</p>
          <p className="mt-2 text-xs">
            <Link href="/freelancers" className="text-accent underline">
              Browse freelancer profiles
            </Link>{' '}
            <span className="text-muted">(contractors&apos; experience and skills)</span>
          </p>
        </Card>
      </div>
      <div className="mt-6 max-w-2xl">
        <ExplainPanel
          options={explainOptions}
          selected={{ itemId: explainItem ?? '', userId: explainUser ?? '' }}
          explanation={explanation}
        />
      </div>
    </>
  );
}
