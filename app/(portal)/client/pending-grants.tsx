import { ActionForm } from '@/components/forms/action-form';
import { Card } from '@/components/ui/card';
import type { PendingGrant } from '@/lib/dal/approvals/list-pending-grants';
import { formatDate, ROLE_LABELS } from '@/lib/labels';
import { decideGrantAction } from './actions';

/** High-risk grants waiting for the client: each gives no access until approved here. */
export function PendingGrants({ grants }: { grants: PendingGrant[] }) {
  return (
    <Card title="High-risk access waiting for your approval">
      {grants.length === 0 ? (
        <p className="text-sm text-muted">Nothing is waiting for you.</p>
      ) : (
        <ul className="divide-y divide-line" aria-label="Pending high-risk grants">
          {grants.map((g) => {
            const what = `${g.person} on ${g.item} (${g.project})`;
            return (
              <li key={g.id} className="space-y-2 py-3" data-testid="pending-grant">
                <p className="text-sm">
                  <span className="font-medium">{g.person}</span>{' '}
                  <span className="text-muted">({ROLE_LABELS[g.personRole]})</span> was granted high-risk access to{' '}
                  <span className="font-medium">{g.item}</span> in {g.project} by {g.grantedBy} on{' '}
                  {formatDate(g.grantedAt)}
                  {g.expiresAt ? `, until ${formatDate(g.expiresAt)}` : ''}. Reason given: “{g.reason}”.
                </p>
                <div className="flex flex-wrap items-start gap-4">
                  <ActionForm
                    inline
                    label={`Approve ${what}`}
                    action={decideGrantAction}
                    submitLabel="Approve"
                    fields={[
                      { kind: 'hidden', name: 'entryId', value: g.id },
                      { kind: 'hidden', name: 'decision', value: 'approve' },
                    ]}
                  />
                  <ActionForm
                    inline
                    label={`Refuse ${what}`}
                    action={decideGrantAction}
                    submitLabel="Refuse"
                    variant="danger"
                    fields={[
                      { kind: 'hidden', name: 'entryId', value: g.id },
                      { kind: 'hidden', name: 'decision', value: 'refuse' },
                      { kind: 'text', name: 'reason', label: 'Reason for refusing' },
                    ]}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
