import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDateTime } from '@/lib/labels';
import { markReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const user = await requireSessionUser();
  const notifications = await listNotifications(user);
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle="Access granted or revoked, authorizations, and high-risk grants waiting for a decision. Also sent by email."
        actions={
          unread > 0 ? (
            <ActionForm
              inline
              label="Mark all as read"
              action={markReadAction}
              fields={[{ kind: 'hidden', name: 'all', value: 'on' }]}
              submitLabel="Mark all as read"
              variant="secondary"
            />
          ) : null
        }
      />
      {notifications.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">Nothing yet.</p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Notifications">
          {notifications.map((n) => (
            <li key={n.id} className={`rounded-lg border bg-white p-4 ${n.read ? 'border-line' : 'border-accent/40'}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-sm font-semibold">{n.title}</h2>
                <span className="flex items-center gap-2 text-xs text-muted">
                  {n.read ? null : <Badge tone="accent">Unread</Badge>}
                  {formatDateTime(n.createdAt)}
                </span>
              </div>
              <p className="mt-1 text-sm text-muted">{n.body}</p>
              <div className="mt-2 flex flex-wrap items-center gap-3">
                {n.href ? (
                  <Link href={n.href} className="text-sm text-accent hover:underline">
                    Open
                  </Link>
                ) : null}
                {n.read ? null : (
                  <ActionForm
                    inline
                    label={`Mark “${n.title}” as read`}
                    action={markReadAction}
                    fields={[{ kind: 'hidden', name: 'ids', value: n.id }]}
                    submitLabel="Mark read"
                    variant="secondary"
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
