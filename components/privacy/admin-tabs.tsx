import Link from 'next/link';

const TABS = [
  { href: '/admin/privacy', label: 'Requests' },
  { href: '/admin/privacy/policy', label: 'Policy versions' },
  { href: '/admin/privacy/retention', label: 'Retention' },
] as const;

export function PrivacyAdminTabs({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Privacy administration" className="mb-6 flex gap-4 border-b border-line text-sm">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-1 pb-2 ${t.href === current ? 'border-accent font-medium text-ink' : 'border-transparent text-muted hover:text-ink'}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
