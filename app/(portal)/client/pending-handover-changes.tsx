import { ActionForm } from '@/components/forms/action-form';
import { Card } from '@/components/ui/card';
import type { PendingHandoverChange } from '@/lib/dal/handover/list-pending-handover-changes';
import { formatDate } from '@/lib/labels';
import { decideHandoverChangeAction } from './handover-actions';

/** Changes to items the client handed over (lowered from high-risk, or shared): nothing changes until approved here. */
export function PendingHandoverChanges({ changes }: { changes: PendingHandoverChange[] }) {
  return (
    <Card title="Changes to your hand-overs waiting for your approval">
      {changes.length === 0 ? (
        <p className="text-sm text-muted">Nothing is waiting for you.</p>
      ) : (
        <ul className="divide-y divide-line" aria-label="Pending hand-over changes">
          {changes.map((c) => {
            const what = `the change to ${c.item} (${c.project})`;
            return (
              <li key={c.id} className="space-y-2 py-3" data-testid="pending-handover-change">
                <p className="text-sm">
                  {c.requestedBy} asked on {formatDate(c.requestedAt)} to change{' '}
                  <span className="font-medium">{c.item}</span> in {c.project}, an item you handed over:{' '}
                  <span className="font-medium">{c.change}</span>.
                </p>
                <div className="flex flex-wrap items-start gap-4">
                  <ActionForm
                    inline
                    label={`Approve ${what}`}
                    action={decideHandoverChangeAction}
                    submitLabel="Approve"
                    fields={[
                      { kind: 'hidden', name: 'requestId', value: c.id },
                      { kind: 'hidden', name: 'decision', value: 'approve' },
                    ]}
                  />
                  <ActionForm
                    inline
                    label={`Refuse ${what}`}
                    action={decideHandoverChangeAction}
                    submitLabel="Refuse"
                    variant="danger"
                    fields={[
                      { kind: 'hidden', name: 'requestId', value: c.id },
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
