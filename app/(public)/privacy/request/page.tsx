import type { Metadata } from 'next';
import Link from 'next/link';
import { submitPrivacyRequestAction } from './actions';
import { RequestForm } from './request-form';

export const metadata: Metadata = { title: 'Privacy request' };

export default function PrivacyRequestPage() {
  return (
    <div className="max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Make a privacy request</h1>
        <p className="text-sm leading-relaxed text-muted">
          Ask for a copy of your data, a correction or deletion, or to limit what we do with it. We email you a
          six-digit code to check the request comes from you (opt-outs need none). We answer within the time your law
          gives: one month in the EEA, the UK and Switzerland, 45 days in California. If you have an account, you can
          also{' '}
          <Link href="/account/privacy" className="text-accent underline">
            ask from your account
          </Link>
          .
        </p>
      </header>
      <RequestForm action={submitPrivacyRequestAction} />
    </div>
  );
}
