import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Privacy' };

export default function PrivacyPage() {
  return (
    <article className="max-w-2xl space-y-4 text-sm leading-relaxed">
      <h1 className="text-2xl font-semibold tracking-tight">How Clearance protects client information</h1>
      <p>
        Clearance is the portal MM Group uses to hold the confidential details of the talent and brands it works
        with. People inside the agency see a client&apos;s information only when they work on that client&apos;s project,
        only for the kinds of information their role requires, and only once a confidentiality agreement is on file.
      </p>
      <p>
        The most sensitive logistics, such as travel and security arrangements, are limited to a short named list of
        people. Every time someone opens a client&apos;s information, the portal records who, what and when, and the
        client can see that record.
      </p>
      <p>
        We never present a client&apos;s work publicly without their signed written permission, and clients may ask us
        never to associate them with MM Group in public at all.
      </p>
    </article>
  );
}
