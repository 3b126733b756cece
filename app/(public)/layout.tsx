import Link from 'next/link';

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-3 text-sm">
          <span className="font-semibold uppercase tracking-widest text-accent">MM Group</span>
          <nav aria-label="Public" className="flex gap-4">
            <Link href="/portfolio" className="text-muted hover:text-ink">
              Portfolio
            </Link>
            <Link href="/privacy" className="text-muted hover:text-ink">
              Privacy
            </Link>
            <Link href="/sign-in" className="text-muted hover:text-ink">
              Sign in
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-10">
        {children}
      </main>
    </div>
  );
}
