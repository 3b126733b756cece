import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/dal/session';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  if (await getSessionUser()) redirect('/');
  const welcome = (await searchParams).welcome === '1';
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <p className="text-sm font-semibold uppercase tracking-widest text-accent">Clearance</p>
      <h1 className="mt-2 text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-muted">MM Group&apos;s confidentiality portal. Access is by invitation only.</p>
      {welcome ? <p className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">Your account is ready. Sign in with your new password.</p> : null}
      <SignInForm />
    </main>
  );
}
