/**
 * Every kind of bearer secret the product hands out (issue 11, deliverable 4), issued through the app as a person
 * would receive it: a password-reset link, an invitation link, a privacy request's six-digit code, an access
 * export's download link and a guest's RSVP link. Each is read back from the outbox (its sealed body opened), so a
 * test can then search a dump or the database's files for the secrets and the links that carry them.
 */
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import { DEMO_PASSWORD_DEFAULT } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { inviteGuest } from '@/lib/dal/events/invite-guest';
import { requestPasswordReset } from '@/lib/dal/account/request-password-reset';
import { completePrivacyRequest } from '@/lib/dal/privacy/complete';
import { submitAccountRequest } from '@/lib/dal/privacy/submit-account-request';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import type { DemoKey } from './actors';
import { meta } from './actors';
import { codeSentTo, linkSentTo, publicRequest, signInAs } from './privacy';

export type BearerSecret = {
  kind: 'reset link' | 'invitation link' | 'request code' | 'export link' | 'rsvp link';
  link: string;
  secret: string;
};

const last = (link: string) => link.split('/').pop()!;

export async function issueBearerSecrets(db: Db, actors: Record<DemoKey, Actor>): Promise<BearerSecret[]> {
  const secrets: BearerSecret[] = [];

  await requestPasswordReset('finn.finance@mmgroup.test', meta);
  const reset = await linkSentTo(db, 'finn.finance@mmgroup.test', /https?:\/\/\S+\/sign-in\/reset\/[\w-]+/);
  secrets.push({ kind: 'reset link', link: reset, secret: last(reset) });

  const { token } = await inviteUser(
    actors.ada,
    { email: 'ivy.invited@mmgroup.test', name: 'Ivy Invited', role: 'staff' },
    meta,
  );
  const invitation = await linkSentTo(db, 'ivy.invited@mmgroup.test', /https?:\/\/\S+\/invite\/[\w-]+/);
  secrets.push({ kind: 'invitation link', link: invitation, secret: token });

  await submitPublicRequest(publicRequest({ email: 'pia.public@example.test' }), meta);
  const code = await codeSentTo(db, 'pia.public@example.test');
  secrets.push({ kind: 'request code', link: code, secret: code });

  await signInAs(actors.nova.id, meta);
  const { requestId } = await submitAccountRequest(
    actors.nova,
    { kind: 'access', residence: 'eea', password: DEMO_PASSWORD_DEFAULT },
    meta,
  );
  await completePrivacyRequest(actors.ada, { requestId }, meta);
  const exportLink = await linkSentTo(db, 'nova@talent.test', /https?:\/\/\S+\/privacy\/export\/[\w-]+/);
  secrets.push({ kind: 'export link', link: exportLink, secret: last(exportLink) });

  const [launch] = await db.select({ id: events.id }).from(events);
  await inviteGuest(actors.sam, launch!.id, { name: 'Rory Rsvp', email: 'rory.rsvp@guests.test', plusOnes: 0 }, meta);
  const rsvp = await linkSentTo(db, 'rory.rsvp@guests.test', /https?:\/\/\S+\/rsvp\/[\w-]+/);
  secrets.push({ kind: 'rsvp link', link: rsvp, secret: last(rsvp) });

  return secrets;
}

/**
 * Where a secret appears in a text. Long tokens are searched as they are; a six-digit code only where it stands
 * alone (not inside a run of hex or base64 digits, where any six digits occur by chance).
 */
export function findSecrets(text: string, secrets: readonly BearerSecret[]): string[] {
  return secrets
    .filter(({ secret, link }) => {
      if (/^\d{6}$/.test(secret)) return new RegExp(`(?<![0-9A-Za-z+/])${secret}(?![0-9A-Za-z+/])`).test(text);
      return text.includes(secret) || text.includes(link);
    })
    .map(({ kind }) => kind);
}
