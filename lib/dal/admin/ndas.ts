import 'server-only';
import { and, desc, eq, inArray, isNull, lt, max, sql } from 'drizzle-orm';
import { clientAccounts, ndaSignatures, ndaVersions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import type { Page } from '@/lib/list-query';
import type { ndaListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import type { RequestMeta } from '../audit';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';
import { sendNdaTx } from '../ndas/send-nda';
import { assertAllowed } from '../guard';

export async function listNdaVersions(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaVersions.id,
        title: ndaVersions.title,
        version: ndaVersions.version,
        bodySha256: ndaVersions.bodySha256,
        material: ndaVersions.material,
        createdAt: ndaVersions.createdAt,
      })
      .from(ndaVersions)
      .orderBy(ndaVersions.title, desc(ndaVersions.version)),
  );
}

/**
 * A new text under an existing title becomes its next version; old versions stay as signed. A material
 * version supersedes every current signature of the earlier versions (they stop counting as a valid NDA at
 * once) and is sent to each person they bound, with the same scope and expiry, to sign again; the admin's
 * own superseded signature is for another admin to send.
 */
export async function createNdaVersion(
  actor: Actor,
  input: { title: string; body: string; material: boolean },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, async ({ tx, audit }) => {
    const [latest] = await tx
      .select({ version: max(ndaVersions.version) })
      .from(ndaVersions)
      .where(eq(ndaVersions.title, input.title));
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(ndaVersions)
      .values({
        title: input.title,
        version,
        body: input.body,
        bodySha256: sha256Hex(input.body),
        material: input.material,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: ndaVersions.id });
    const superseded =
      input.material && version > 1
        ? await tx
            .update(ndaSignatures)
            .set({ supersededAt: now })
            .where(
              and(
                isNull(ndaSignatures.supersededAt),
                inArray(
                  ndaSignatures.ndaVersionId,
                  tx
                    .select({ id: ndaVersions.id })
                    .from(ndaVersions)
                    .where(and(eq(ndaVersions.title, input.title), lt(ndaVersions.version, version))),
                ),
              ),
            )
            .returning({
              userId: ndaSignatures.userId,
              clientAccountId: ndaSignatures.clientAccountId,
              expiresAt: ndaSignatures.expiresAt,
            })
        : [];
    audit({
      actorId: actor.id,
      action: 'nda.version_create',
      targetType: 'nda_version',
      targetId: row!.id,
      outcome: 'allowed',
      details: { version, material: input.material, superseded: superseded.length },
      meta,
    });
    const resend = new Map<string, (typeof superseded)[number]>();
    for (const s of superseded) {
      const stillFuture = s.expiresAt === null || s.expiresAt > now;
      if (s.userId !== actor.id && stillFuture) resend.set(`${s.userId}:${s.clientAccountId ?? 'all'}`, s);
    }
    for (const s of resend.values()) {
      await sendNdaTx(
        tx,
        audit,
        actor,
        {
          userId: s.userId,
          ndaVersionId: row!.id,
          clientAccountId: s.clientAccountId ?? undefined,
          expiresAt: s.expiresAt ?? undefined,
        },
        meta,
        now,
      );
    }
    return { id: row!.id, version, superseded: superseded.length, sent: resend.size };
  });
}

export async function listNdaSignatures(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaSignatures.id,
        signer: users.name,
        signerRole: users.role,
        agreement: sql<string>`${ndaVersions.title} || ' v' || ${ndaVersions.version}`,
        scope: sql<string>`coalesce(${clientAccounts.codename}, 'All clients')`,
        signedAt: ndaSignatures.signedAt,
        expiresAt: ndaSignatures.expiresAt,
        ip: ndaSignatures.ip,
        method: ndaSignatures.method,
        superseded: sql<boolean>`${ndaSignatures.supersededAt} is not null`,
      })
      .from(ndaSignatures)
      .innerJoin(users, eq(users.id, ndaSignatures.userId))
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
      .orderBy(desc(ndaSignatures.signedAt)),
  );
}

const agreementSql = sql<string>`${ndaVersions.title} || ' v' || ${ndaVersions.version}`;
const scopeSql = sql<string>`coalesce(${clientAccounts.codename}, 'All clients')`;

/** One page of signatures, searched by signer, agreement and scope (codename), as the page shows them. */
export async function searchNdaSignatures(actor: Actor, params: z.output<typeof ndaListSchema>) {
  assertAllowed(actor, 'nda.manage');
  const sorts: Record<typeof params.sort, SortKey> = {
    signed: { expr: sql`${ndaSignatures.signedAt}`, type: 'timestamptz' },
    signer: { expr: sql`lower(${users.name})`, type: 'text' },
    expires: { expr: sql`coalesce(${ndaSignatures.expiresAt}, 'infinity'::timestamptz)`, type: 'timestamptz' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${ndaSignatures.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaSignatures.id,
        signer: users.name,
        signerRole: users.role,
        agreement: agreementSql,
        scope: scopeSql,
        signedAt: ndaSignatures.signedAt,
        expiresAt: ndaSignatures.expiresAt,
        ip: ndaSignatures.ip,
        method: ndaSignatures.method,
        superseded: sql<boolean>`${ndaSignatures.supersededAt} is not null`,
        ...page.columns,
      })
      .from(ndaSignatures)
      .innerJoin(users, eq(users.id, ndaSignatures.userId))
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
      .where(
        and(
          searchWhere(params.q, [sql`${users.name}`, agreementSql, scopeSql]),
          params.state === 'current'
            ? isNull(ndaSignatures.supersededAt)
            : params.state === 'superseded'
              ? sql`${ndaSignatures.supersededAt} is not null`
              : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  return page.page(rows);
}

export type NdaSignatureRow = Awaited<ReturnType<typeof searchNdaSignatures>>['rows'][number];
export type { Page };

/*
 * Recording a signature made on paper is not possible until files exist: it will need the scanned original
 * attached (issue 12). Every NDA is sent to its signer and signed by them in the portal (lib/dal/ndas).
 */
