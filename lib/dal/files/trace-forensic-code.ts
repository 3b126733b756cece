import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditEvents, itemDirectory, projectDirectory, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { codesFromLeak, normaliseForensicCode, type LeakVia } from '@/lib/files/watermark';
import { itemReference, ROLE_LABELS } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { FILE_AUDIT_ACTIONS } from './authorize-file-read';

export type TraceMatch = {
  eventId: number;
  at: Date;
  action: 'viewed' | 'downloaded';
  mode: string;
  person: string;
  email: string;
  fileId: string;
  version: number;
  page: number | null;
  item: string;
  project: string;
  ip: string | null;
  userAgent: string | null;
};

export type TraceResult = {
  /** The codes looked up (typed, or found in the leaked copy); empty when none could be read. */
  codes: string[];
  /** How the code was obtained. */
  via: 'code' | LeakVia;
  matches: TraceMatch[];
  /** The first code, for a single look-up. */
  code: string | null;
};

/**
 * Traces a leaked copy to the view it came from (issue 13 point 5): from a typed forensic code or a leaked
 * PDF/image, the audited view or download that the code was minted for — who, when, which file and version,
 * from which IP. Administrators only (reading the audit log, `audit.view`); null for anyone else. The look-up is
 * itself audited (`file.trace`) on the file's project, so the owning client sees it in their history. File names
 * are not shown: an administrator is not a reader of the item (need to know), the file id and item reference are.
 */
export async function traceForensicCode(
  actor: Actor,
  input: { code?: string | null; leaked?: Uint8Array | null },
  meta: RequestMeta,
): Promise<TraceResult | null> {
  const typed = input.code ? normaliseForensicCode(input.code) : null;
  const fromLeak = !typed && input.leaked ? await codesFromLeak(input.leaked) : null;
  const codes = typed ? [typed] : (fromLeak?.codes ?? []);
  const via: TraceResult['via'] = typed ? 'code' : (fromLeak?.via ?? 'none');

  const refused = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, audit, authorize }) => {
        // Not an administrator: null, the refused look-up on the record.
        authorize(
          'audit.view',
          { type: 'system' },
          { action: FILE_AUDIT_ACTIONS.trace, targetType: 'file', recordAllowed: false },
          refused,
        );
        const rows = codes.length
          ? await tx
              .select({
                id: auditEvents.id,
                at: auditEvents.at,
                action: auditEvents.action,
                actorId: auditEvents.actorId,
                targetId: auditEvents.targetId,
                projectId: auditEvents.projectId,
                details: auditEvents.details,
                ip: auditEvents.ip,
                userAgent: auditEvents.userAgent,
                name: users.name,
                email: users.email,
                role: users.role,
                category: itemDirectory.category,
                ref: itemDirectory.ref,
                codename: projectDirectory.codename,
              })
              .from(auditEvents)
              .leftJoin(users, eq(users.id, auditEvents.actorId))
              .leftJoin(itemDirectory, sql`${itemDirectory.id} = (${auditEvents.details}->>'itemId')::uuid`)
              .leftJoin(projectDirectory, eq(projectDirectory.id, auditEvents.projectId))
              .where(
                and(
                  inArray(auditEvents.action, [FILE_AUDIT_ACTIONS.view, FILE_AUDIT_ACTIONS.download]),
                  eq(auditEvents.outcome, 'allowed'),
                  inArray(sql`${auditEvents.details}->>'code'`, codes),
                ),
              )
              .orderBy(auditEvents.id)
              .limit(20)
          : [];
        const matches: TraceMatch[] = rows.map((r) => {
          const d = (r.details ?? {}) as { version?: number; page?: number; mode?: string };
          return {
            eventId: r.id,
            at: r.at,
            action: r.action === FILE_AUDIT_ACTIONS.download ? 'downloaded' : 'viewed',
            mode: d.mode ?? 'view',
            person: r.name
              ? `${r.name} (${ROLE_LABELS[r.role as keyof typeof ROLE_LABELS] ?? r.role})`
              : 'Unknown account',
            email: r.email ?? '',
            fileId: r.targetId ?? '',
            version: Number(d.version ?? 0),
            page: typeof d.page === 'number' ? d.page : null,
            item: r.category && r.ref !== null ? itemReference(r.category, Number(r.ref)) : 'an item',
            project: r.codename ?? '—',
            ip: r.ip,
            userAgent: r.userAgent,
          };
        });
        // One event per traced view (the owning client sees each look-up of their files), or one when nothing matched.
        const traced = matches.length ? rows : [null];
        for (const r of traced) {
          audit({
            actorId: actor.id,
            action: FILE_AUDIT_ACTIONS.trace,
            targetType: 'file',
            targetId: r?.targetId ?? null,
            projectId: r?.projectId ?? null,
            outcome: 'allowed',
            details: {
              codes,
              via,
              found: matches.length,
              ...(r
                ? {
                    tracedEventId: r.id,
                    itemId: (r.details as { itemId?: string } | null)?.itemId ?? null,
                    version: (r.details as { version?: number } | null)?.version ?? null,
                  }
                : {}),
            },
            meta,
          });
        }
        return { codes, via, matches, code: codes[0] ?? null };
      },
      { meta },
    );
  } catch (error) {
    if (error === refused) return null;
    throw error;
  }
}
