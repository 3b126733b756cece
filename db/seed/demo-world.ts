import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import {
  allowlistEntries,
  authorizations,
  clientAccountMembers,
  clientAccounts,
  items,
  memberships,
  ndaRequests,
  ndaSignatures,
  ndaVersions,
  projects,
  twoFactorSecrets,
  userPasswords,
  users,
} from '../schema';
import { totpContext } from '@/lib/auth/totp';
import { seal } from '@/lib/crypto/envelope';
import { env } from '@/lib/env';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';
import { zeroAssociationText } from '@/lib/public-use/texts';
import { hashPassword } from '@/lib/crypto/password';
import { sha256Hex } from '@/lib/crypto/tokens';
import { seedPrivacy } from './privacy';
import { seedProfiles } from './demo-profiles';
import { seedDemoFiles } from './demo-files-seed';
import { seedEvents } from './demo-events';
import { seedDisclosures } from './demo-disclosures';

/** The demo world of docs/product.md §9. Every item's title and body carry its canary string. */

export const DEMO_PASSWORD_DEFAULT = 'demo-pass-2026';

export const DEMO_USERS = [
  { key: 'ada', email: 'ada.admin@mmgroup.test', name: 'Ada Admin', role: 'admin' },
  { key: 'sam', email: 'sam.lead@mmgroup.test', name: 'Sam Lead', role: 'staff' },
  { key: 'finn', email: 'finn.finance@mmgroup.test', name: 'Finn Finance', role: 'staff' },
  { key: 'cora', email: 'cora.editor@contractor.test', name: 'Cora Editor', role: 'contractor' },
  { key: 'nina', email: 'nina.nonda@contractor.test', name: 'Nina Nonda', role: 'contractor' },
  { key: 'oscar', email: 'oscar.other@mmgroup.test', name: 'Oscar Other', role: 'staff' },
  { key: 'nova', email: 'nova@talent.test', name: 'Nova Reyes', role: 'client' },
  { key: 'kai', email: 'kai@talent.test', name: 'Kai Storm', role: 'client' },
  { key: 'brian', email: 'brian@lumen.test', name: 'Brian Lumen', role: 'client' },
] as const;

export type DemoUserKey = (typeof DEMO_USERS)[number]['key'];

/**
 * The accounts that must sign in with two-factor (admin and staff) are enrolled with one fixed TOTP secret,
 * `DEMO_TOTP_SECRET`, so tests and reviewers can sign in (`npm run demo:totp` prints the current code).
 */
export const DEMO_TOTP_SECRET_DEFAULT = 'JBSWY3DPEHPK3PXP';
export const DEMO_TWO_FACTOR_USERS = ['ada', 'sam', 'finn', 'oscar'] as const satisfies readonly DemoUserKey[];
export const demoTotpSecret = () => env.demoTotpSecret ?? DEMO_TOTP_SECRET_DEFAULT;

const AURORA_ITEMS = [
  {
    canary: 'AURORA-RATE-250K',
    title: 'Rate card',
    category: 'deal_terms',
    classification: 'confidential',
    shared: false,
  },
  {
    canary: 'AURORA-DELIVERABLES',
    title: 'Deliverables schedule',
    category: 'deal_terms',
    classification: 'confidential',
    shared: true,
  },
  {
    canary: 'AURORA-SHOOT-SCHEDULE',
    title: 'Shoot schedule',
    category: 'logistics',
    classification: 'confidential',
    shared: false,
  },
  {
    canary: 'AURORA-HR-ITINERARY',
    title: 'Travel itinerary',
    category: 'logistics',
    classification: 'high_risk',
    shared: false,
    allow: 'sam',
  },
  {
    canary: 'AURORA-SCRIPT-V2',
    title: 'Campaign script v2',
    category: 'creative',
    classification: 'confidential',
    shared: true,
  },
  {
    canary: 'AURORA-CALLNOTES',
    title: 'Call notes',
    category: 'communications',
    classification: 'confidential',
    shared: false,
  },
  // Nova's hand-over: high-risk, for the lead; its secret value is shown to nobody until revealed.
  {
    canary: 'AURORA-CREDENTIALS',
    title: 'Instagram login',
    category: 'credentials',
    classification: 'high_risk',
    shared: false,
    allow: 'sam',
    author: 'nova',
    secret: 'AURORA-CRED-SECRET-7QX4-LUMEN',
  },
  // Nova's passport scan (docs/product.md §9.1): her own high-risk hand-over, for the lead only; its file is view-only.
  {
    canary: 'AURORA-PASSPORT',
    title: 'Passport scan',
    category: 'logistics',
    classification: 'high_risk',
    shared: false,
    allow: 'sam',
    author: 'nova',
  },
] as const;

const BOREALIS_ITEMS = [
  {
    canary: 'BOREALIS-RATE',
    title: 'Rate agreement',
    category: 'deal_terms',
    classification: 'confidential',
    shared: false,
  },
  {
    canary: 'BOREALIS-HR-SECURITY',
    title: 'Security arrangements',
    category: 'logistics',
    classification: 'high_risk',
    shared: false,
    allow: 'oscar',
  },
  // Its file (the unreleased teaser, docs/product.md §9.1) is view-only, set by the lead.
  {
    canary: 'BOREALIS-UNRELEASED',
    title: 'Unreleased track notes',
    category: 'creative',
    classification: 'confidential',
    shared: false,
    downloadable: false,
  },
] as const;

export const DEMO_CANARIES = [...AURORA_ITEMS, ...BOREALIS_ITEMS].map((i) => i.canary);
/** Secret values of the demo's credentials items: never on a page or in an answer until revealed. */
export const DEMO_SECRETS = AURORA_ITEMS.flatMap((i) => ('secret' in i ? [i.secret] : []));

const STAFF_NDA = `MM Group staff confidentiality agreement, version 1.
I will keep every client's information confidential, use it only for the projects I am assigned to,
share it only with colleagues who need it for those projects, and return or destroy it when asked.`;
const CONTRACTOR_NDA = `MM Group contractor non-disclosure agreement, version 1.
I will use the client's information only for the work I am engaged for, disclose it to no one,
keep it secure, and return or destroy it when the engagement ends.`;

export async function resetDatabase(db: Db): Promise<void> {
  const tables = await db.execute(sql`select tablename from pg_tables where schemaname = 'public'
    and tablename not like '%drizzle%'`);
  const names = (Array.isArray(tables) ? tables : (tables as { rows: { tablename: string }[] }).rows).map(
    (r) => `"${(r as { tablename: string }).tablename}"`,
  );
  if (names.length > 0) await db.execute(sql.raw(`truncate table ${names.join(', ')} restart identity cascade`));
}

export async function seedDemoWorld(db: Db, options: { password?: string } = {}) {
  const passwordHash = await hashPassword(options.password ?? env.demoPassword ?? DEMO_PASSWORD_DEFAULT);
  const now = Date.now();
  const days = (n: number) => new Date(now + n * 86_400_000);

  const world = await db.transaction(async (tx) => {
    const userRows = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, role: u.role })))
      .returning({ id: users.id, email: users.email });
    await tx.insert(userPasswords).values(userRows.map((r) => ({ userId: r.id, passwordHash })));
    const id = Object.fromEntries(
      DEMO_USERS.map((u) => [u.key, userRows.find((r) => r.email === u.email)!.id]),
    ) as Record<DemoUserKey, string>;
    await tx.insert(twoFactorSecrets).values(
      DEMO_TWO_FACTOR_USERS.map((k) => ({
        userId: id[k],
        secret: seal(demoTotpSecret(), totpContext(id[k])),
        confirmedAt: new Date(now),
      })),
    );

    const [nova, kai, lumen] = await tx
      .insert(clientAccounts)
      .values([
        { kind: 'talent', name: 'Nova Reyes', codename: 'Client Vega' },
        { kind: 'talent', name: 'Kai Storm', codename: 'Client Orion', zeroPublicAssociation: true },
        { kind: 'brand', name: 'Lumen Cosmetics', codename: 'Brand Lyra' },
      ])
      .returning({ id: clientAccounts.id });
    await tx.insert(clientAccountMembers).values([
      { userId: id.nova, clientAccountId: nova!.id },
      { userId: id.kai, clientAccountId: kai!.id },
      { userId: id.brian, clientAccountId: lumen!.id },
    ]);

    const [aurora, borealis] = await tx
      .insert(projects)
      .values([
        { codename: 'Aurora', clientAccountId: nova!.id, counterpartyAccountId: lumen!.id, startsOn: '2026-09-01' },
        { codename: 'Borealis', clientAccountId: kai!.id, startsOn: '2026-10-15' },
      ])
      .returning({ id: projects.id });

    const [staffNda, contractorNda] = await tx
      .insert(ndaVersions)
      .values([
        {
          title: 'Staff confidentiality agreement',
          version: 1,
          body: STAFF_NDA,
          bodySha256: sha256Hex(STAFF_NDA),
          createdBy: id.ada,
        },
        {
          title: 'Contractor NDA',
          version: 1,
          body: CONTRACTOR_NDA,
          bodySha256: sha256Hex(CONTRACTOR_NDA),
          createdBy: id.ada,
        },
      ])
      .returning({ id: ndaVersions.id });
    // Each NDA was sent by Ada and signed by the signer in the portal (issue 12): the request, then the signature
    // with the signer's typed name and the hash of the exact text they were shown.
    const signed = days(-30);
    const sent = [
      ...(['sam', 'finn', 'oscar'] as const).map((k) => ({
        key: k,
        versionId: staffNda!.id,
        text: STAFF_NDA,
        clientAccountId: null,
        expiresAt: null,
      })),
      {
        key: 'cora' as const,
        versionId: contractorNda!.id,
        text: CONTRACTOR_NDA,
        clientAccountId: nova!.id,
        expiresAt: days(365),
      },
    ];
    const requests = await tx
      .insert(ndaRequests)
      .values(
        sent.map((r) => ({
          userId: id[r.key],
          ndaVersionId: r.versionId,
          clientAccountId: r.clientAccountId,
          expiresAt: r.expiresAt,
          sentBy: id.ada,
          sentAt: days(-31),
          status: 'signed' as const,
          decidedAt: signed,
        })),
      )
      .returning({ id: ndaRequests.id, userId: ndaRequests.userId });
    const sigs = await tx
      .insert(ndaSignatures)
      .values(
        sent.map((r) => ({
          userId: id[r.key],
          ndaVersionId: r.versionId,
          clientAccountId: r.clientAccountId,
          signedAt: signed,
          expiresAt: r.expiresAt,
          method: 'portal' as const,
          requestId: requests.find((q) => q.userId === id[r.key])!.id,
          signerName: DEMO_USERS.find((u) => u.key === r.key)!.name,
          signedTextSha256: sha256Hex(r.text),
        })),
      )
      .returning({ id: ndaSignatures.id, userId: ndaSignatures.userId });
    const sigOf = (k: DemoUserKey) => sigs.find((s) => s.userId === id[k])!.id;

    await tx.insert(memberships).values([
      {
        userId: id.sam,
        projectId: aurora!.id,
        role: 'lead',
        scopes: [],
        ndaSignatureId: sigOf('sam'),
        grantedBy: id.ada,
      },
      {
        userId: id.finn,
        projectId: aurora!.id,
        role: 'member',
        scopes: ['deal_terms'],
        ndaSignatureId: sigOf('finn'),
        grantedBy: id.ada,
      },
      {
        userId: id.cora,
        projectId: aurora!.id,
        role: 'member',
        scopes: ['creative'],
        ndaSignatureId: sigOf('cora'),
        grantedBy: id.ada,
        expiresAt: days(90),
      },
      {
        userId: id.oscar,
        projectId: borealis!.id,
        role: 'lead',
        scopes: [],
        ndaSignatureId: sigOf('oscar'),
        grantedBy: id.ada,
      },
    ]);

    const itemIds: Record<string, string> = {};
    const seedItems = async (projectId: string, author: string, list: typeof AURORA_ITEMS | typeof BOREALIS_ITEMS) => {
      for (const item of list) {
        // High-risk content and credentials are sealed like the application seals them (docs/product.md §6).
        const itemId = randomUUID();
        itemIds[item.canary] = itemId;
        const content = {
          title: `${item.title} ${item.canary}`,
          body: `${item.title} for this engagement. Reference ${item.canary}. Handle under the need-to-know policy.`,
        };
        const secret = 'secret' in item ? { set: item.secret } : undefined;
        await tx.insert(items).values({
          id: itemId,
          projectId,
          category: item.category,
          classification: item.classification,
          sharedWithCounterparty: item.shared,
          ...contentColumns(itemId, content, mustSeal(item.category, item.classification), secret),
          authorId: 'author' in item ? id[item.author] : author,
          ...('downloadable' in item ? { filesDownloadable: item.downloadable } : {}),
        });
        if ('allow' in item) {
          await tx
            .insert(allowlistEntries)
            .values({ userId: id[item.allow], itemId, reason: 'Project lead', grantedBy: id.ada });
        }
      }
    };
    await seedItems(aurora!.id, id.sam, AURORA_ITEMS);
    await seedItems(borealis!.id, id.oscar, BOREALIS_ITEMS);

    const text = `I, Nova Reyes, authorize MM Group to show the engagement "Aurora" in its public portfolio under the title
"Nova Reyes × Lumen" with this summary: "A launch campaign with Lumen Cosmetics. AURORA-PUBLIC-SUMMARY".`;
    await tx.insert(authorizations).values({
      clientAccountId: nova!.id,
      projectId: aurora!.id,
      kind: 'portfolio_use',
      outcome: 'signed',
      publicTitle: 'Nova Reyes × Lumen',
      publicSummary: 'A launch campaign with Lumen Cosmetics. AURORA-PUBLIC-SUMMARY',
      signedText: text,
      signedTextSha256: sha256Hex(text),
      signerUserId: id.nova,
      signerName: 'Nova Reyes',
      signedAt: days(-7),
    });
    // Kai Storm's demand of zero public association, on record like any authorization (the flag mirrors it).
    const zeroText = zeroAssociationText('Kai Storm', 'Kai Storm');
    await tx.insert(authorizations).values({
      clientAccountId: kai!.id,
      kind: 'zero_public_association',
      outcome: 'signed',
      signedText: zeroText,
      signedTextSha256: sha256Hex(zeroText),
      signerUserId: id.kai,
      signerName: 'Kai Storm',
      signedAt: days(-30),
    });

    await seedPrivacy(tx, id.ada, days(-30));
    // Aurora's launch event, its venue and guests (docs/product.md §9.1, issue 14): db/seed/demo-events.ts.
    await seedEvents(tx, { sam: id.sam, aurora: aurora!.id }, days);
    // Profiles and a shortlist (docs/product.md §9.1, issue 14): db/seed/demo-profiles.ts.
    await seedProfiles(tx, { nova: id.nova, kai: id.kai, cora: id.cora, sam: id.sam, lumen: lumen!.id }, days);
    // The disclosure register (issue 15): one vendor disclosure; the counterparty shares above recorded themselves.
    await seedDisclosures(
      tx,
      { ada: id.ada, nova: nova!.id, aurora: aurora!.id, shootSchedule: itemIds['AURORA-SHOOT-SCHEDULE']! },
      days,
    );

    return {
      userIds: id,
      projects: { aurora: aurora!.id, borealis: borealis!.id },
      clients: { nova: nova!.id, kai: kai!.id, lumen: lumen!.id },
      items: itemIds,
    };
  });
  // The files of docs/product.md §9.1, stored like uploads (encrypted in chunks through the blob store, as their
  // uploaders): after the transaction, since the store writes in its own short transactions on the process database.
  await seedDemoFiles(world);
  return world;
}
