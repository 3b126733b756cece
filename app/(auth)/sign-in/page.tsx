import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

const NOTICES = {
  welcome: 'Your account is ready. Sign in with your new password.',
  reset: 'Your password has been changed. Sign in with your new password.',
  expired: 'Your sign-in took too long. Sign in again.',
} as const;

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getSessionUser()) redirect('/');
  const params = await searchParams;
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => params[key] === '1');
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <p className="mb-6 text-sm">
        <Link href="/portfolio" className="text-muted hover:text-ink hover:underline">
          ← MM Group’s public pages
        </Link>
      </p>
      <p className="text-sm font-semibold uppercase tracking-widest text-accent">Clearance</p>
      <h1 className="mt-2 text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-muted">
        MM Group&apos;s confidentiality portal. Access is by invitation only.
      </p>
      {notice ? <p className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">{NOTICES[notice]}</p> : null}
      <SignInForm />
      <p className="mt-6 text-sm">
        <Link href="/sign-in/forgot" className="text-accent hover:underline">
          Forgot your password?
        </Link>
      </p>
    </main>
  );
}
