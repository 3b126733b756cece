import Link from 'next/link';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { requireSessionUser } from '@/lib/dal/session';
import { ROLE_LABELS } from '@/lib/labels';
import { signOutAction } from './actions';

// Navigation only: every page and action below checks the session and the policy itself.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser();
  const links = [
    { href: '/', label: 'Projects' },
    ...(mayAdminister(user, 'audit.view')
      ? [
          { href: '/admin/users', label: 'People' },
          { href: '/admin/clients', label: 'Clients' },
          { href: '/admin/projects', label: 'Access' },
          { href: '/admin/ndas', label: 'NDAs' },
          { href: '/admin/audit', label: 'Audit log' },
        ]
      : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-5">
            <Link href="/" className="text-sm font-semibold uppercase tracking-widest text-accent">
              Clearance
            </Link>
            <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
              {links.map((link) => (
                <Link key={link.href} href={link.href} className="text-muted hover:text-ink">
                  {link.label}
                </Link>
              ))}
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span data-testid="signed-in-user">
              <span className="font-medium">{user.name}</span>
              <span className="text-muted"> · {ROLE_LABELS[user.role]}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-line px-2.5 py-1 text-sm hover:bg-paper">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
