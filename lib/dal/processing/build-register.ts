import 'server-only';
import { asc, eq, getTableColumns, getTableName, isTable, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Tx } from '@/db/client';
import * as schema from '@/db/schema';
import { clientAccounts, engagementRoles, events, processingPurposes, projectDirectory } from '@/db/schema';
import { requiresTwoFactor, type Actor } from '@/lib/authz';
import { countryName, RECIPIENT_KIND_LABELS, TRANSFER_SAFEGUARD_LABELS } from '@/lib/disclosures/vocabulary';
import { env } from '@/lib/env';
import { blobStoreKind } from '@/lib/files/config';
import { LAWFUL_BASIS_LABELS, type LawfulBasis } from '@/lib/privacy/lawful-bases';
import { CATEGORY_SOURCES, type RetentionSource } from '@/lib/privacy/processing-catalogue';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  type DataCategory,
  type EngagementRole,
} from '@/lib/privacy/processing-vocabulary';
import { formatPeriod, RETENTION_RULE_TEXT } from '@/lib/privacy/retention-rules';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { listDisclosureRecipients } from '../disclosures/list-disclosure-recipients';
import { loadRules, type RetentionRule } from '../privacy/load-retention-rules';
import { withActor } from '../transaction';

export type Purpose = { id: string; purpose: string; lawfulBasis: LawfulBasis; lawfulBasisLabel: string };
export type Recipient = { kind: string; name: string; country: string; transfer: string | null };

/** One processing activity: the processing of one of the product's data categories. */
export type ProcessingActivity = {
  category: DataCategory;
  label: string;
  purposes: Purpose[];
  dataSubjects: string[];
  recipients: Recipient[];
  transfers: string[];
  retention: string[];
  security: string[];
};

/** An engagement (a project) and the agency's role in it; the controller of a processor engagement is its client. */
export type Engagement = {
  projectId: string;
  project: string;
  /** The owning client account by codename (real names only on the client-account pages, docs/product.md §4). */
  client: string;
  role: EngagementRole;
  instructionsRef: string | null;
  setAt: Date | null;
};

export type ProcessingRegister = { generatedAt: Date; activities: ProcessingActivity[]; engagements: Engagement[] };

/**
 * The whole register, generated now; for the page and the regulator's exports. An export (the register leaving the
 * agency) is audited in the same transaction.
 */
export async function buildProcessingRegister(
  actor: Actor,
  options: { exported?: { format: 'csv' | 'json'; meta: RequestMeta } } = {},
  now = new Date(),
): Promise<ProcessingRegister> {
  assertAllowed(actor, 'processing.view');
  return withActor(actor, async ({ tx, audit }) => {
    // One after another: a transaction is one connection.
    const purposes = await tx
      .select()
      .from(processingPurposes)
      .orderBy(asc(processingPurposes.category), asc(processingPurposes.purpose));
    const rules = await loadRules(tx);
    const eventDays = await tx
      .select({ days: events.needsRetentionDays })
      .from(events)
      .groupBy(events.needsRetentionDays)
      .orderBy(asc(events.needsRetentionDays));
    const recipients = await listDisclosureRecipients(tx);
    const security = await securityMeasures(tx);
    const engagements = await listEngagementsIn(tx);
    const activities = DATA_CATEGORIES.map((category): ProcessingActivity => {
      const source = CATEGORY_SOURCES[category];
      const mine = recipients.filter((r) => r.dataCategories.includes(category));
      return {
        category,
        label: DATA_CATEGORY_LABELS[category],
        purposes: purposes
          .filter((p) => p.category === category)
          .map((p) => ({
            id: p.id,
            purpose: p.purpose,
            lawfulBasis: p.lawfulBasis,
            lawfulBasisLabel: LAWFUL_BASIS_LABELS[p.lawfulBasis],
          })),
        dataSubjects: source.dataSubjects,
        recipients: mine.map((r) => ({
          kind: RECIPIENT_KIND_LABELS[r.recipientKind],
          name: r.recipientName,
          country: countryName(r.country),
          transfer: r.abroad
            ? r.transferSafeguards.map((s) => TRANSFER_SAFEGUARD_LABELS[s]).join(', ') || 'No safeguard recorded'
            : null,
        })),
        transfers: mine
          .filter((r) => r.abroad)
          .map(
            (r) =>
              `${r.recipientName} (${countryName(r.country)}): ${r.transferSafeguards.map((s) => TRANSFER_SAFEGUARD_LABELS[s]).join(', ') || 'no safeguard recorded'}`,
          ),
        retention: source.retention.map((s) =>
          retentionText(
            s,
            rules,
            eventDays.map((e) => e.days),
          ),
        ),
        security: security(source.tables),
      };
    });
    if (options.exported) {
      audit({
        actorId: actor.id,
        action: 'processing.register_exported',
        targetType: 'processing_register',
        outcome: 'allowed',
        details: { format: options.exported.format },
        meta: options.exported.meta,
      });
    }
    return { generatedAt: now, activities, engagements };
  });
}

function retentionText(source: RetentionSource, rules: RetentionRule[], eventDays: number[]): string {
  if (source.kind === 'kept') return source.why;
  if (source.kind === 'event_needs') {
    // The default a new event starts with is the schema's column default, not a copy.
    const fallback = getTableColumns(events).needsRetentionDays.default as number;
    const days =
      eventDays.length === 0
        ? 'as each event sets'
        : `${eventDays.map((d) => formatPeriod(d, 'days')).join(' or ')} after the event`;
    return `Guests’ needs: ${days} (each event’s own setting; a new event starts at ${formatPeriod(fallback, 'days')})`;
  }
  const rule = rules.find((r) => r.key === source.key)!;
  const text = RETENTION_RULE_TEXT[source.key];
  if (!rule.enabled) return `${text.title}: no period applied (the rule is switched off)`;
  return `${text.title}: ${formatPeriod(rule.periodValue, rule.periodUnit)} ${text.after}`;
}

const TABLES: Map<string, PgTable> = new Map(
  (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => isTable(v))
    .map((t) => [getTableName(t), t] as const),
);

/**
 * What the system does to protect each category, read from the system: the sealed columns of its tables (the
 * schema), whether row-level security is on and forced for them (the database's own catalogue), where files are
 * stored (configuration), who must use two-factor sign-in (the policy) and the audit chain's columns (the schema).
 */
async function securityMeasures(tx: Tx): Promise<(tables: string[]) => string[]> {
  const catalogue = rowsOf<{ relname: string; enabled: boolean; forced: boolean }>(
    await tx.execute(sql`select c.relname, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
      from pg_catalog.pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'`),
  );
  const rls = new Map(catalogue.map((c) => [c.relname, c]));
  const previousKeys = env.previousMasterKeyCount;
  const twoFactor = schema.userRole.enumValues.filter((r) => requiresTwoFactor(r));
  const audit = getTableColumns(schema.auditEvents);
  const chained = 'hash' in audit && 'prevHash' in audit;
  return (tables) => {
    const out: string[] = [];
    const sealed = tables.flatMap((t) => {
      const table = TABLES.get(t);
      if (!table) return [];
      return Object.values(getTableColumns(table))
        .filter((c) => /sealed|data_key|ciphertext/.test(c.name))
        .map((c) => `${t}.${c.name}`);
    });
    if (sealed.length > 0) {
      out.push(
        `Encrypted at rest with AES-256-GCM under per-record keys wrapped by a master key held outside the database${previousKeys ? ` (rotated; ${previousKeys} retired key${previousKeys === 1 ? '' : 's'} kept for reading)` : ''}: ${sealed.join(', ')}`,
      );
    }
    if (tables.includes('file_chunks'))
      out.push(
        `Files kept as encrypted, authenticated chunks in ${blobStoreKind() === 's3' ? 'an S3-compatible store' : 'the database'}`,
      );
    const forced = tables.filter((t) => rls.get(t)?.enabled && rls.get(t)?.forced);
    const open = tables.filter((t) => rls.has(t) && !(rls.get(t)?.enabled && rls.get(t)?.forced));
    if (forced.length > 0) out.push(`Row-level security enabled and forced: ${forced.join(', ')}`);
    if (open.length > 0) out.push(`Without forced row-level security: ${open.join(', ')}`);
    if (chained) out.push('Every read and change recorded in the hash-chained, append-only audit log');
    out.push(`Two-factor sign-in required for: ${twoFactor.join(', ')}`);
    return out;
  };
}

async function listEngagementsIn(tx: Tx): Promise<Engagement[]> {
  const rows = await tx
    .select({
      projectId: projectDirectory.id,
      project: projectDirectory.codename,
      client: clientAccounts.codename,
      role: engagementRoles.role,
      instructionsRef: engagementRoles.instructionsRef,
      setAt: engagementRoles.setAt,
    })
    .from(projectDirectory)
    .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
    .leftJoin(engagementRoles, eq(engagementRoles.projectId, projectDirectory.id))
    .orderBy(asc(projectDirectory.codename));
  return rows.map((r) => ({ ...r, role: r.role ?? 'controller' }));
}
