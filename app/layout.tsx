import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SiteFooter } from '@/components/privacy/site-footer';
import { cookieState } from '@/lib/dal/privacy/get-cookie-state';
import { readConsentContext } from '@/lib/privacy/consent-cookie';
import { saveCookieChoicesAction } from './(public)/privacy/cookies/actions';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Clearance', template: '%s · Clearance' },
  description: "MM Group's client and talent confidentiality portal",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: the Content-Security-Policy nonce (proxy.ts) is new for each response,
  // and Next.js can only put it on the scripts of a page rendered after the request arrived. A page
  // prerendered at build time would carry no nonce and its scripts would be refused.
  await connection();
  // Cookie choices live in consent records; the browser holds only a random id once it has chosen (issue 6).
  const { browserId, gpcSignal } = await readConsentContext();
  const consent = await cookieState(browserId);
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        {/* Every page's <main> has id="main": the first Tab offers to skip the header and its links. */}
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-[60] focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-accent focus:shadow-lg"
        >
          Skip to content
        </a>
        {children}
        <SiteFooter consent={consent} gpcSignal={gpcSignal} save={saveCookieChoicesAction} />
      </body>
    </html>
  );
}
