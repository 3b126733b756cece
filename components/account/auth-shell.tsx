import Link from 'next/link';
import type { ReactNode } from 'react';

/** The frame of the signed-out screens: sign-in steps, password reset. */
export function AuthShell({
  title,
  intro,
  children,
  wide,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main
      id="main"
      className={`mx-auto flex min-h-screen flex-col justify-center px-4 ${wide ? 'max-w-xl' : 'max-w-sm'}`}
    >
      <p className="mb-6 text-sm">
        <Link href="/portfolio" className="text-muted hover:text-ink hover:underline">
          ← MM Group’s public pages
        </Link>
      </p>
      <p className="text-sm font-semibold uppercase tracking-widest text-accent">Clearance</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      {intro ? <div className="mt-1 mb-6 text-sm text-muted">{intro}</div> : <div className="mb-6" />}
      {children}
    </main>
  );
}

/** A step that cannot go on (expired, used, unknown): says so and leads back. */
export function StartAgain({
  message,
  href = '/sign-in',
  label = 'Sign in again',
}: {
  message: string;
  href?: string;
  label?: string;
}) {
  return (
    <div className="space-y-4 text-sm">
      <p data-testid="form-status" role="status">
        {message}
      </p>
      <a href={href} className="font-medium text-accent hover:underline">
        {label}
      </a>
    </div>
  );
}
