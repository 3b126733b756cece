import 'server-only';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import {
  accessRequests,
  allowlistEntries,
  auditEvents,
  authorizations,
  clientAccountMembers,
  clientAccounts,
  consentRecords,
  invitations,
  itemDirectory,
  memberships,
  ndaSignatures,
  ndaVersions,
  policyAcknowledgements,
  policyVersions,
  privacyRequests,
  profileConsents,
  projectDirectory,
  sessions,
  users,
} from '@/db/schema';
import { REDACTED, type ExportCategoryKey } from '@/lib/privacy/export-catalogue';
import type { ExportRecord } from '@/lib/privacy/export-document';
import { formatRequestRef } from '@/lib/privacy/vocabulary';
import { itemReference } from '@/lib/labels';
import { openFileName } from '@/lib/files/names';
import type { ItemCategory } from '@/lib/authz';
import type { Sealed } from '@/lib/crypto/envelope';
import { recipientsForSubject } from '../disclosures/recipients-for-subject';
import { exportPersonRecords } from './export-person';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const codename = (id: ReturnType<typeof sql>) =>
  sql<string | null>`(select pd.codename from ${projectDirectory} pd where pd.id = ${id})`;

/**
 * The person an export is about. `requestId`: the verified access or portability request it answers; the
 * records an administrator cannot read under row-level security (profile, shortlists, guest records) come
 * only for the subject of such a request (lib/dal/privacy/export-person.ts).
 */
export type Subject = { userId: string | null; email: string; requestId?: string | null };

/**
 * Everything Clearance holds about one person, by category, for an access or portability export. Runs in an
 * administrator's transaction (the person's data is spread over tables only an admin reads in full). Other
 * people never appear: actors, granters, signers and agents are redacted, projects and client accounts named
 * by codename, items by category and reference, never by title.
 *
 * The disclosure register (issue 15) gives the `recipients` category.
 */
export async function collectSubjectData(
  tx: Tx,
  subject: Subject,
): Promise<Partial<Record<ExportCategoryKey, ExportRecord[]>>> {
  const email = subject.email.toLowerCase();
  const byEmail = or(
    eq(sql`lower(${privacyRequests.subjectEmail})`, email),
    subject.userId ? eq(privacyRequests.subjectUserId, subject.userId) : undefined,
  );
  const requests = await tx.select().from(privacyRequests).where(byEmail).orderBy(asc(privacyRequests.receivedAt));
  const invites = await tx
    .select({
      email: invitations.email,
      name: invitations.name,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
    })
    .from(invitations)
    .where(
      or(
        eq(sql`lower(${invitations.email})`, email),
        subject.userId ? eq(invitations.acceptedUserId, subject.userId) : undefined,
      ),
    );
  const out: Partial<Record<ExportCategoryKey, ExportRecord[]>> = {
    privacyRequests: requests.map((r) => ({
      reference: formatRequestRef(r.ref),
      kind: r.kind,
      jurisdiction: r.jurisdiction,
      status: r.status,
      name: r.subjectName,
      email: r.subjectEmail,
      details: r.details,
      filedBy: r.agentEmail ? `an authorized agent ${REDACTED}` : 'you',
      receivedAt: iso(r.receivedAt),
      dueOn: r.dueOn,
      extensionReason: r.extensionReason,
      closedAt: iso(r.closedAt),
      refusalReason: r.refusalReason,
    })),
    invitations: invites.map((i) => ({
      email: i.email,
      name: i.name,
      role: i.role,
      sentAt: iso(i.createdAt),
      expiresAt: iso(i.expiresAt),
      acceptedAt: iso(i.acceptedAt),
      invitedBy: REDACTED,
    })),
  };
  // Profile, shortlists and guest records (found by email, with or without an account: issue 14).
  if (subject.requestId) Object.assign(out, await exportPersonRecords(tx, subject.requestId));
  // Recipients outside MM Group (the disclosure register, issue 15); the category is EXPORT_CATALOGUE.recipients.
  const recipients = await recipientsForSubject(tx, subject);
  if (recipients.length > 0) out.recipients = recipients;
  if (!subject.userId) return out;
  const id = subject.userId;

  const [account] = await tx.select().from(users).where(eq(users.id, id));
  out.account = account
    ? [
        {
          id: account.id,
          name: account.name,
          email: account.email,
          role: account.role,
          createdAt: iso(account.createdAt),
          updatedAt: iso(account.updatedAt),
          disabledAt: iso(account.disabledAt),
        },
      ]
    : [];
  out.clientAccounts = (
    await tx
      .select({
        name: clientAccounts.name,
        codename: clientAccounts.codename,
        kind: clientAccounts.kind,
        since: clientAccountMembers.createdAt,
        zero: clientAccounts.zeroPublicAssociation,
      })
      .from(clientAccountMembers)
      .innerJoin(clientAccounts, eq(clientAccounts.id, clientAccountMembers.clientAccountId))
      .where(eq(clientAccountMembers.userId, id))
  ).map((a) => ({
    name: a.name,
    codename: a.codename,
    kind: a.kind,
    memberSince: iso(a.since),
    zeroPublicAssociation: a.zero,
  }));
  out.sessions = (await tx.select().from(sessions).where(eq(sessions.userId, id)).orderBy(asc(sessions.createdAt))).map(
    (s) => ({
      signedInAt: iso(s.createdAt),
      expiresAt: iso(s.expiresAt),
      endedAt: iso(s.revokedAt),
      ip: s.ip,
      userAgent: s.userAgent,
    }),
  );
  out.memberships = (
    await tx
      .select({
        project: codename(sql`${memberships.projectId}`),
        role: memberships.role,
        scopes: memberships.scopes,
        grantedAt: memberships.grantedAt,
        expiresAt: memberships.expiresAt,
        revokedAt: memberships.revokedAt,
      })
      .from(memberships)
      .where(eq(memberships.userId, id))
  ).map((m) => ({
    project: m.project,
    role: m.role,
    scopes: m.scopes,
    grantedAt: iso(m.grantedAt),
    expiresAt: iso(m.expiresAt),
    revokedAt: iso(m.revokedAt),
    grantedBy: REDACTED,
  }));
  out.allowlists = (
    await tx
      .select({
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        project: codename(sql`${itemDirectory.projectId}`),
        status: allowlistEntries.status,
        grantedAt: allowlistEntries.grantedAt,
        expiresAt: allowlistEntries.expiresAt,
        revokedAt: allowlistEntries.revokedAt,
      })
      .from(allowlistEntries)
      .innerJoin(itemDirectory, eq(itemDirectory.id, allowlistEntries.itemId))
      .where(eq(allowlistEntries.userId, id))
  ).map((a) => ({
    item: itemReference(a.category, a.ref),
    project: a.project,
    status: a.status,
    grantedAt: iso(a.grantedAt),
    expiresAt: iso(a.expiresAt),
    revokedAt: iso(a.revokedAt),
  }));
  out.ndaSignatures = (
    await tx
      .select({
        title: ndaVersions.title,
        version: ndaVersions.version,
        sha: ndaVersions.bodySha256,
        client: sql<
          string | null
        >`(select ca.codename from ${clientAccounts} ca where ca.id = ${ndaSignatures.clientAccountId})`,
        signedAt: ndaSignatures.signedAt,
        ip: ndaSignatures.ip,
        userAgent: ndaSignatures.userAgent,
        expiresAt: ndaSignatures.expiresAt,
      })
      .from(ndaSignatures)
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .where(eq(ndaSignatures.userId, id))
  ).map((n) => ({
    agreement: `${n.title} v${n.version}`,
    textSha256: n.sha,
    covers: n.client ?? 'all clients',
    signedAt: iso(n.signedAt),
    ip: n.ip,
    userAgent: n.userAgent,
    expiresAt: iso(n.expiresAt),
  }));
  out.authorizations = (
    await tx
      .select({ a: authorizations, project: codename(sql`${authorizations.projectId}`) })
      .from(authorizations)
      .where(
        or(
          eq(authorizations.signerUserId, id),
          sql`${authorizations.clientAccountId} in (select client_account_id from ${clientAccountMembers} where user_id = ${id})`,
        ),
      )
      .orderBy(asc(authorizations.signedAt))
  ).map(({ a, project }) => {
    const own = a.signerUserId === id;
    return {
      kind: a.kind,
      outcome: a.outcome,
      project,
      signedText: own ? a.signedText : null,
      textSha256: a.signedTextSha256,
      signer: own ? a.signerName : REDACTED,
      signedAt: iso(a.signedAt),
      ip: own ? a.ip : null,
      userAgent: own ? a.userAgent : null,
      expiresAt: iso(a.expiresAt),
    };
  });
  out.consents = (
    await tx.select().from(consentRecords).where(eq(consentRecords.userId, id)).orderBy(asc(consentRecords.createdAt))
  ).map((c) => ({
    purpose: c.purpose,
    decision: c.decision,
    method: c.method,
    policyVersion: c.noticeVersion,
    at: iso(c.createdAt),
  }));
  out.profileConsents = (
    await tx
      .select()
      .from(profileConsents)
      .where(eq(profileConsents.userId, id))
      .orderBy(asc(profileConsents.createdAt))
  ).map((c) => ({
    field: c.field,
    from: c.previousVisibility,
    to: c.visibility,
    noticeVersion: c.noticeVersion,
    at: iso(c.createdAt),
    ip: c.ip,
    userAgent: c.userAgent,
  }));
  out.policyAcknowledgements = (
    await tx
      .select({
        version: policyVersions.version,
        effectiveOn: policyVersions.effectiveOn,
        at: policyAcknowledgements.acknowledgedAt,
      })
      .from(policyAcknowledgements)
      .innerJoin(policyVersions, eq(policyVersions.id, policyAcknowledgements.policyVersionId))
      .where(eq(policyAcknowledgements.userId, id))
  ).map((p) => ({ version: p.version, effectiveOn: p.effectiveOn, acknowledgedAt: iso(p.at) }));
  out.accessRequests = (
    await tx
      .select({
        project: codename(sql`${accessRequests.projectId}`),
        kind: accessRequests.kind,
        scopes: accessRequests.scopes,
        reason: accessRequests.reason,
        status: accessRequests.status,
        createdAt: accessRequests.createdAt,
        decidedAt: accessRequests.decidedAt,
      })
      .from(accessRequests)
      .where(eq(accessRequests.requesterId, id))
  ).map((r) => ({
    project: r.project,
    kind: r.kind,
    scopes: r.scopes,
    reason: r.reason,
    status: r.status,
    askedAt: iso(r.createdAt),
    decidedAt: iso(r.decidedAt),
  }));
  out.itemsAuthored = (
    await tx
      .select({
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        project: codename(sql`${itemDirectory.projectId}`),
      })
      .from(itemDirectory)
      .where(eq(itemDirectory.authorId, id))
      .orderBy(asc(itemDirectory.ref))
  ).map((i) => ({ item: itemReference(i.category, i.ref), project: i.project }));
  // Files the person uploaded (issue 13): a definer function, since an administrator cannot see files.
  const uploads = rowsOf<{
    r_file_id: string;
    r_name_sealed: Sealed | string;
    r_version: number;
    r_item_category: ItemCategory;
    r_item_ref: number | string;
    r_size: number | string | null;
    r_content_type: string | null;
    r_sha256: string | null;
    r_state: string;
    r_uploaded_at: Date | string;
    r_version_id: string;
  }>(await tx.execute(sql`select * from privacy_export_files(${id}::uuid)`));
  if (uploads.length > 0) {
    out.filesUploaded = uploads.map((u) => ({
      file: openFileName({ id: u.r_file_id, nameSealed: u.r_name_sealed }),
      version: Number(u.r_version),
      item: itemReference(u.r_item_category, Number(u.r_item_ref)),
      size: u.r_size === null ? null : Number(u.r_size),
      type: u.r_content_type,
      sha256: u.r_sha256,
      complete: u.r_state === 'ready',
      uploadedAt: iso(u.r_uploaded_at),
      // Matches the version to its bytes when the download is made (lib/privacy/export-document.ts withFiles).
      fileVersionId: u.r_version_id,
    }));
  }
  out.auditEvents = (
    await tx
      .select()
      .from(auditEvents)
      .where(or(eq(auditEvents.actorId, id), and(eq(auditEvents.targetType, 'user'), eq(auditEvents.targetId, id))))
      .orderBy(asc(auditEvents.seq))
  ).map((e) => {
    const own = e.actorId === id;
    const target = e.targetType === 'user' && e.targetId !== id ? REDACTED : e.targetId;
    return {
      at: iso(e.at),
      action: e.action,
      outcome: e.outcome,
      reason: e.reason,
      by: own ? 'you' : e.actorId ? REDACTED : 'nobody signed in',
      targetType: e.targetType,
      target,
      ip: own ? e.ip : null,
      userAgent: own ? e.userAgent : null,
    };
  });
  return out;
}
