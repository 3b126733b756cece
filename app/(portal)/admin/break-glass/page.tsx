import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { SCOPES } from '@/lib/authz/types';
import { mayAdminister } from '@/lib/dal/guard';
import { getBreakGlassOptions } from '@/lib/dal/break-glass/break-glass-options';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { startBreakGlassAction } from './actions';

export const metadata: Metadata = { title: 'Break-glass' };

/**
 * The only admin's emergency access to one project for themselves (docs/product.md §14): a reason, the data needed, at
 * most 24 hours; the client is told at once. With another admin, their own access is asked for like anyone's.
 */
export default async function BreakGlassPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'membership.grant')) notFound();
  const options = await getBreakGlassOptions(user);
  const nda = options.ndaVersions[0];
  return (
    <>
      <PageHeader
        title="Break-glass"
        subtitle="Emergency access to one project for yourself, when you are the only admin. The client is told at once."
      />
      {!options.singleAdmin ? (
        <Card>
          <p className="text-sm" data-testid="break-glass-refused">
            There is more than one admin: break-glass is not available. Ask for your access at Ask for access; another
            admin decides.
          </p>
        </Card>
      ) : (
        <Card title="Open break-glass access">
          {options.ndaNeeded && nda ? (
            <div className="mb-4">
              <p className="mb-2 text-sm">
                You hold no NDA for every client. If none covers this project’s client, sign this one below (your own
                signature):
              </p>
              <pre
                className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md bg-paper p-3 font-sans text-sm"
                data-testid="nda-text"
              >
                {nda.body}
              </pre>
              <p className="mt-1 break-all text-xs text-muted">
                {nda.title} v{nda.version} · SHA-256: {nda.bodySha256}
              </p>
            </div>
          ) : null}
          <ActionForm
            label="Open break-glass access"
            action={startBreakGlassAction}
            submitLabel="Open break-glass access"
            variant="danger"
            fields={[
              {
                kind: 'select',
                name: 'projectId',
                label: 'Project',
                options: options.projects.map((p) => ({ value: p.id, label: p.codename })),
              },
              { kind: 'textarea', name: 'reason', label: 'Reason', hint: 'The client reads it.', required: true },
              {
                kind: 'checkboxes',
                name: 'scopes',
                label: 'Data needed',
                options: SCOPES.map((s) => ({ value: s, label: s.replace('_', ' ') })),
              },
              ...(options.items.length
                ? [
                    {
                      kind: 'checkboxes' as const,
                      name: 'itemIds' as const,
                      label: 'High-risk items (optional)',
                      options: options.items.map((i) => ({ value: i.id, label: i.label })),
                    },
                  ]
                : []),
              { kind: 'text', name: 'hours', label: 'Hours (at most 24)', defaultValue: '4', required: true },
              ...(options.ndaNeeded && nda
                ? [
                    { kind: 'hidden' as const, name: 'ndaVersionId' as const, value: nda.id },
                    { kind: 'hidden' as const, name: 'textSha256' as const, value: nda.bodySha256 },
                    {
                      kind: 'text' as const,
                      name: 'fullName' as const,
                      label: 'Your full name (signs the NDA above)',
                      hint: `Type it exactly as on your account (${user.name}).`,
                    },
                    {
                      kind: 'checkboxes' as const,
                      name: 'consent' as const,
                      label: 'NDA consent',
                      options: [{ value: 'on', label: 'I have read the agreement above and I sign it.' }],
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
    </>
  );
}
