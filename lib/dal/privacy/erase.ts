import 'server-only';
import { and, count, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import {
  allowlistEntries,
  auditEvents,
  authorizations,
  clientAccountMembers,
  consentRecords,
  invitations,
  itemDirectory,
  memberships,
  ndaSignatures,
  notifications,
  outboxEmails,
  passwordResetTokens,
  policyAcknowledgements,
  privacyExports,
  privacyFlags,
  privacyRequestCodes,
  privacyRequests,
  recoveryCodes,
  sessions,
  signInChallenges,
  twoFactorSecrets,
  users,
  type DeletionReceipt,
} from '@/db/schema';
import { eraseGuestRecords } from '../events/erase-guest-records';
import { addSuppression } from './suppression';

export const ERASED_NAME = 'Deleted person';
export const erasedEmail = (key: string) => `erased-${key}@erased.invalid`;

type Line = DeletionReceipt['tables'][number];

type Source = Parameters<ReturnType<Tx['select']>['from']>[0];
const countWhere = async (tx: Tx, from: Source, where: SQL | undefined) =>
  Number((await tx.select({ n: count() }).from(from).where(where))[0]?.n ?? 0);

/**
 * Erases a person: removes or de-identifies everything not under a duty to keep, and says per table what was
 * removed, what was kept and why. Audit events are never touched (append-only, hash-chained): they name people
 * by id only, and the id stops pointing at anyone once the account row is de-identified. Runs in an
 * administrator's transaction; `before` excludes emails queued by this very request (its confirmation).
 */
export async function eraseSubject(
  tx: Tx,
  subject: { userId: string | null; email: string; requestId: string | null },
  now: Date,
): Promise<DeletionReceipt> {
  const email = subject.email.toLowerCase();
  const id = subject.userId;
  const key = id ?? subject.requestId ?? 'unknown';
  const lines: Line[] = [];
  const line = (table: string, outcome: Line['outcome'], count: number, why: string) =>
    lines.push({ table, outcome, count, why });

  const requestIds = (
    await tx
      .select({ id: privacyRequests.id })
      .from(privacyRequests)
      .where(
        or(
          eq(sql`lower(${privacyRequests.subjectEmail})`, email),
          id ? eq(privacyRequests.subjectUserId, id) : undefined,
        ),
      )
  ).map((r) => r.id);

  if (id) {
    const updated = await tx
      .update(users)
      .set({
        name: ERASED_NAME,
        email: erasedEmail(id),
        disabledAt: sql`coalesce(${users.disabledAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    // Through a definer: an administrator cannot read (so cannot delete) anyone's password hash under row-level
    // security.
    await tx.execute(sql`select public.app_erase_password(${id}::uuid)`);
    line(
      'users',
      'de-identified',
      updated.length,
      'Name and email replaced, password removed, account disabled. The row stays so that records which must be kept (below) point at a pseudonymous id instead of you.',
    );
    let secrets = 0;
    secrets += (
      await tx.delete(twoFactorSecrets).where(eq(twoFactorSecrets.userId, id)).returning({ id: twoFactorSecrets.id })
    ).length;
    secrets += (await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id)).returning({ id: recoveryCodes.id }))
      .length;
    secrets += (
      await tx
        .delete(passwordResetTokens)
        .where(eq(passwordResetTokens.userId, id))
        .returning({ id: passwordResetTokens.id })
    ).length;
    secrets += (
      await tx.delete(signInChallenges).where(eq(signInChallenges.userId, id)).returning({ id: signInChallenges.id })
    ).length;
    line(
      'two-factor secrets, recovery codes, password resets, sign-in challenges',
      'removed',
      secrets,
      'Only needed to sign in.',
    );
    const ended = await tx
      .update(sessions)
      .set({
        revokedAt: sql`coalesce(${sessions.revokedAt}, ${now.toISOString()}::timestamptz)`,
        ip: null,
        userAgent: null,
      })
      .where(eq(sessions.userId, id))
      .returning({ id: sessions.id });
    line('sessions', 'de-identified', ended.length, 'Ended; IP addresses and browser details removed.');
    const links = await tx
      .delete(clientAccountMembers)
      .where(eq(clientAccountMembers.userId, id))
      .returning({ id: clientAccountMembers.userId });
    line(
      'client account links',
      'removed',
      links.length,
      "Your link to the talent or brand account. The account itself is the agency's contract record, kept under the contract-records retention rule.",
    );
    const notes = await tx
      .delete(notifications)
      .where(eq(notifications.userId, id))
      .returning({ id: notifications.id });
    line('notifications', 'removed', notes.length, 'Messages shown only to you.');
    // Messages to other people name the person by reference (their id), filled in with the account's name when
    // read: the row above now says "Deleted person", so those messages do too, and no one else's text is
    // searched or rewritten (a name that is a common word would corrupt unrelated texts). Row-level security
    // shows a notification only to its recipient, so an administrator counts them through migration 0020's
    // function. Emails to others never name people, and older messages that hold a name as plain text are
    // not searched: the receipt says so rather than claim what was not done.
    const [mentioned] = rowsOf<{ n: number }>(await tx.execute(sql`select privacy_count_mentions(${id}::uuid) as n`));
    line(
      "other people's notifications naming you",
      'de-identified',
      Number(mentioned?.n ?? 0),
      'They refer to you by your account id and now show "Deleted person" in place of your name; their other words are unchanged. Emails to others do not name you. Messages written before names were kept by reference are not searched for your name.',
    );
    await tx.insert(privacyFlags).values({ userId: id, flag: 'erased', requestId: subject.requestId, setAt: now });
  }

  const invites = await tx
    .update(invitations)
    .set({ email: erasedEmail(key), name: ERASED_NAME })
    .where(or(eq(sql`lower(${invitations.email})`, email), id ? eq(invitations.acceptedUserId, id) : undefined))
    .returning({ id: invitations.id });
  line(
    'invitations',
    'de-identified',
    invites.length,
    "Email and name removed; the fact that an invitation was sent stays with the inviting administrator's record.",
  );

  const guestRows = await eraseGuestRecords(tx, email, ERASED_NAME);
  line(
    'event guest lists',
    'de-identified',
    guestRows,
    'Your name, email and RSVP link removed, and any dietary or accessibility needs deleted. Your answer, plus-ones and check-in stay with the event record, naming nobody; so do the records of your consent, which show it was asked for and given.',
  );

  if (id) {
    // The person's profile (issue 14), through migration 0037's definer: an administrator cannot see a talent's fields.
    const [p] = rowsOf<{
      r_fields: number;
      r_sealed: number;
      r_consents: number;
      r_entries: number;
      r_profiles: number;
    }>(await tx.execute(sql`select * from privacy_erase_profile(${id}::uuid)`));
    const sealedNote =
      Number(p?.r_sealed ?? 0) > 0
        ? `, including ${p!.r_sealed} sealed (rates, date of birth or contact details) with their encryption`
        : '';
    line(
      'profile fields',
      'removed',
      Number(p?.r_fields ?? 0),
      `Every field of your profile (bio, handles, portfolio, media kit, experience, skills, audience, rates, location, date of birth, contact details)${sealedNote}. Your public profile page is gone.`,
    );
    if (Number(p?.r_profiles ?? 0) > 0)
      line(
        'profile',
        'de-identified',
        Number(p!.r_profiles),
        'An empty record that a profile existed, with a new random address; it holds no field and names nobody.',
      );
    line(
      'shortlists proposing you',
      'removed',
      Number(p?.r_entries ?? 0),
      'Your place on every shortlist the agency made for brands: no brand or staff member sees you there any more.',
    );
    line(
      'profile visibility consents',
      'kept',
      Number(p?.r_consents ?? 0),
      "Proof of what you agreed to share and when you withdrew it (field, visibility, notice version and time), which we must be able to show; they refer to you only by the pseudonymous id, and the IP address and browser recorded with them were removed. None of your profile's content is in them.",
    );
  }

  if (requestIds.length > 0) {
    const codes = await tx
      .delete(privacyRequestCodes)
      .where(inArray(privacyRequestCodes.requestId, requestIds))
      .returning({ id: privacyRequestCodes.id });
    const links = await tx
      .delete(privacyExports)
      .where(inArray(privacyExports.requestId, requestIds))
      .returning({ id: privacyExports.id });
    line(
      'privacy request codes and export links',
      'removed',
      codes.length + links.length,
      'No longer needed once a request is answered.',
    );
    await tx
      .update(privacyRequests)
      .set({ subjectName: ERASED_NAME, subjectEmail: erasedEmail(key), details: null, updatedAt: now })
      .where(inArray(privacyRequests.id, requestIds));
  }
  line(
    'privacy requests',
    'de-identified',
    requestIds.length,
    'Your name, email and message removed. What was asked, when, and how we answered is kept as evidence that we met our legal duties.',
  );

  const mails = await tx
    .delete(outboxEmails)
    .where(and(eq(sql`lower(${outboxEmails.to})`, email), lt(outboxEmails.createdAt, now)))
    .returning({ id: outboxEmails.id });
  line(
    'emails sent to you',
    'removed',
    mails.length,
    'Copies of codes, links and notices we emailed you. The confirmation of this deletion is kept only until it is delivered.',
  );

  await addSuppression(tx, email, subject.requestId);
  line(
    'suppression list',
    'kept',
    1,
    'A one-way hash of your email (not the email itself), so that if anyone invites that address again, the administrator is warned first.',
  );

  if (id) {
    const kept = async (table: string, where: SQL | undefined, why: string, from: Source) =>
      line(table, 'kept', await countWhere(tx, from, where), why);
    // Files the person uploaded (issue 13): through a definer function, since an administrator cannot see files.
    const uploads = rowsOf<{ r_held: boolean }>(
      await tx.execute(sql`select r_held from privacy_erase_files(${id}::uuid)`),
    );
    const heldUploads = uploads.filter((u) => u.r_held).length;
    line(
      'files you uploaded',
      'removed',
      uploads.length - heldUploads,
      'Every version of a file you uploaded, with its encrypted content: at once in the database; in an external file store, by the storage clean-up that removes content whose records are gone.',
    );
    if (heldUploads > 0)
      line('files you uploaded', 'kept', heldUploads, 'Under a legal hold: kept, encrypted, until the hold is lifted.');
    await kept(
      'NDA signatures',
      eq(ndaSignatures.userId, id),
      'Legal evidence of the confidentiality agreements you signed; kept for the period of possible claims.',
      ndaSignatures,
    );
    await kept(
      'written authorizations',
      eq(authorizations.signerUserId, id),
      'Legal evidence of the permissions you signed or refused; kept as signed, with your name as you typed it.',
      authorizations,
    );
    await kept(
      'consent records',
      eq(consentRecords.userId, id),
      'Evidence of the choices you made (we must be able to show consent and its withdrawal); they refer to you only by the pseudonymous id.',
      consentRecords,
    );
    await kept(
      'policy acknowledgements',
      eq(policyAcknowledgements.userId, id),
      'Evidence that you were told of policy changes; pseudonymous.',
      policyAcknowledgements,
    );
    await kept(
      'project memberships',
      eq(memberships.userId, id),
      'The record of who could see client data, which our clients are entitled to; pseudonymous.',
      memberships,
    );
    await kept(
      'high-risk allowlists',
      eq(allowlistEntries.userId, id),
      'The record of who could see the most sensitive logistics; pseudonymous.',
      allowlistEntries,
    );
    await kept(
      'project items you wrote',
      eq(itemDirectory.authorId, id),
      'Client and agency engagement records, not personal files: they stay, shown as written by a deleted person.',
      itemDirectory,
    );
    await kept(
      'audit events',
      or(eq(auditEvents.actorId, id), and(eq(auditEvents.targetType, 'user'), eq(auditEvents.targetId, id))),
      `The tamper-evident security log cannot be edited. Its events refer to you only as ${id}, which no longer leads to your name or email. Any correction you asked for earlier is logged there with its before and after values.`,
      auditEvents,
    );
  } else {
    line('audit events', 'kept', 0, 'We hold no account for this email; the log names people by account id only.');
  }
  return { subjectRef: id ?? `request:${subject.requestId}`, completedAt: now.toISOString(), tables: lines };
}
