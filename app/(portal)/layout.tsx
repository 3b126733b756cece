import Link from 'next/link';
import { mayAdminister } from '@/lib/dal/guard';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { PolicyNotice } from '@/components/privacy/policy-notice';
import { pendingAcknowledgement } from '@/lib/dal/privacy/get-pending-acknowledgement';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { countUnread } from '@/lib/dal/notifications/count-unread-notifications';
import { ROLE_LABELS } from '@/lib/labels';
import { MainNav } from '@/components/ui/main-nav';
import { BreakGlassBanner } from '@/components/break-glass/break-glass-banner';
import { activeBreakGlass } from '@/lib/dal/break-glass/list-active-break-glass';
import { acknowledgePolicyAction } from './account/privacy/actions';
import { endBreakGlassAction } from './admin/break-glass/actions';
import { signOutAction } from './actions';

// Navigation only: every page and action below checks the session and the policy itself.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser();
  // A material privacy-policy change asks for an acknowledgement on the next visit (issue 6).
  // An admin's break-glass access shows on every page while it lasts (issue 12).
  const [policyNotice, unread, breakGlass] = await Promise.all([
    pendingAcknowledgement(user),
    countUnread(user),
    activeBreakGlass(user),
  ]);
  const links = [
    { href: '/', label: 'Projects' },
    // Issue 14: events of the person's projects (logistics staff, the owning client).
    ...(user.role !== 'admin' ? [{ href: '/events', label: 'Events' }] : []),
    // Issue 4: a client's permissions and access history; agency access requests.
    ...(user.role === 'client'
      ? [
          { href: '/client', label: 'Permissions' },
          { href: '/client/history', label: 'Access history' },
          { href: '/client/shared-with', label: 'Shared with' },
        ]
      : [
          { href: '/requests', label: 'Ask for access' },
          { href: '/account/ndas', label: 'My NDAs' },
        ]),
    // Issue 14: one's own profile (talent, creators, contractors); shortlists (staff, brands); profiles for the agency.
    ...(user.role === 'client' || user.role === 'contractor' ? [{ href: '/profile', label: 'My profile' }] : []),
    ...(user.role === 'staff' || user.role === 'client' ? [{ href: '/shortlists', label: 'Shortlists' }] : []),
    ...(user.role !== 'client' ? [{ href: '/creators', label: 'Creators' }] : []),
    ...(user.role === 'staff' || user.role === 'admin' ? [{ href: '/freelancers', label: 'Freelancers' }] : []),
    ...(mayAdminister(user, 'audit.view')
      ? [
          { href: '/admin/users', label: 'People' },
          { href: '/admin/clients', label: 'Clients' },
          { href: '/admin/projects', label: 'Access' },
          { href: '/admin/ndas', label: 'NDAs' },
          { href: '/admin/audit', label: 'Audit log' },
          { href: '/admin/trace', label: 'Trace a leak' },
          { href: '/admin/privacy', label: 'Privacy requests' },
          { href: '/admin/processing', label: 'Processing register' },
          { href: '/admin/disclosures', label: 'Disclosures' },
          { href: '/admin/requests', label: 'Access requests' },
          { href: '/admin/reviews', label: 'Access reviews' },
          { href: '/admin/break-glass', label: 'Break-glass' },
          { href: '/admin/jobs', label: 'Jobs' },
          { href: '/admin/settings', label: 'Settings' },
        ]
      : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="relative border-b border-line bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-5">
            <Link href="/" className="text-sm font-semibold uppercase tracking-widest text-accent">
              Clearance
            </Link>
            {/* Phones: one Menu button; laptops: the /admin pages in an Administration menu (issue 16). */}
            <MainNav
              links={links}
              extra={[
                { href: '/account/security', label: 'Account' },
                { href: '/account/privacy', label: 'My privacy' },
              ]}
            />
          </div>
          <div className="flex items-center gap-3 text-sm">
            <NotificationBell unread={unread} />
            <Link href="/account/security" className="hidden text-muted hover:text-ink lg:inline">
              Account
            </Link>
            <Link href="/account/privacy" className="hidden text-muted hover:text-ink lg:inline">
              My privacy
            </Link>
            <span data-testid="signed-in-user" className="hidden xl:inline">
              <span className="font-medium">{user.name}</span>
              <span className="hidden text-muted 2xl:inline"> · {ROLE_LABELS[user.role]}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-line px-2.5 py-1 text-sm hover:bg-paper">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <BreakGlassBanner grants={breakGlass} end={endBreakGlassAction} />
      {policyNotice ? <PolicyNotice pending={policyNotice} acknowledge={acknowledgePolicyAction} /> : null}
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
