/**
 * The searchable lists of issue 16 in `npm run bench` (docs/product.md §8, "every searchable list: audit log, history,
 * people"): each new list query beside the same query shape without the policy (a bare read through the same
 * driver), at ×1 and again after growth. Budgets: p95 ≤ 20 ms, ≤ 50 ms for filtered searches of the audit log,
 * and at 10× the data the p95 stays within 1.5×.
 */
import { and, desc, eq, gte, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, projects, users } from '@/db/schema';
import type { ScaleUser, ScaleWorld } from '@/db/seed/scale-world';
import type { Actor } from '@/lib/authz';
import { searchAuditEvents } from '@/lib/dal/audit/search-audit-events';
import { searchPeople } from '@/lib/dal/people/search-people';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { searchVisibleProjects } from '@/lib/dal/projects/search-visible-projects';
import { decodeCursor, PAGE_SIZE } from '@/lib/list-query';
import { auditListSchema, peopleListSchema, projectListSchema } from '@/lib/validations/lists';
import { measurePair, type Summary } from './lib/stats';

export const RARE_ACTION = 'bench.rare_action';
export const RARE_REASON = 'bench-rare-reason';

const actorOf = (user: ScaleUser): Actor => ({
  id: user.id,
  role: user.role,
  disabled: false,
  clientAccountIds: user.clientAccountIds,
});

/**
 * Adds a few rare events (an action and a reason nothing else has) to the first world's log, so that the action
 * filter and the text search have something selective to find; after growth they sit under nine worlds of newer
 * events, where only an index (or a full scan) reaches them.
 */
export async function seedRareEvents(db: Db, world: ScaleWorld, count = 50) {
  const actor = world.users.find((u) => u.role === 'admin')!;
  await db.insert(auditEvents).values(
    Array.from({ length: count }, (_, i) => ({
      actorId: actor.id,
      action: RARE_ACTION,
      targetType: 'bench',
      outcome: 'allowed' as const,
      reason: `${RARE_REASON} ${i}`,
    })),
  );
}

export type ListRow = {
  id: string;
  label: string;
  subject: Summary;
  baselineLabel: string;
  baseline: Summary;
  note?: string;
  filtered: boolean;
};

type Case = {
  id: string;
  label: string;
  filtered: boolean;
  actor: Actor;
  run: (i: number) => Promise<unknown>;
  bare: (i: number) => Promise<unknown>;
  note?: string;
};

/** The cases, built once (the same users and cursors at ×1 and after growth). */
export async function searchListCases(db: Db, world: ScaleWorld): Promise<Case[]> {
  const admin = actorOf(world.users.find((u) => u.role === 'admin' && !u.disabled)!);
  const audit = (q: Record<string, string>) => auditListSchema.parse(q);
  const bareAudit = (where?: ReturnType<typeof and>) =>
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(PAGE_SIZE + 1);
  const someone = world.users.find((u) => u.role === 'staff' && !u.disabled)!;
  const firstPage = await searchAuditEvents(admin, audit({}));
  const third = await searchAuditEvents(
    admin,
    audit({ after: (await searchAuditEvents(admin, audit({ after: firstPage.next! }))).next! }),
  );
  const thirdFrom = Number(decodeCursor(third.prev!)!.id);
  // A week half a year back.
  const from = new Date(Date.now() - 182 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() - 176 * 86_400_000).toISOString().slice(0, 10);
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);

  // People: a search that matches a few dozen, sorted by name.
  const peopleQ = 'staff 0-1';
  // A user's projects, searched by a codename fragment they have.
  const projectUsers = world.memberships
    .filter((m) => m.active)
    .slice(0, 200)
    .map((m) => world.users.find((u) => u.id === m.userId)!)
    .filter((u) => !u.disabled);
  const projectCases: { actor: Actor; q: string; ids: string[] }[] = [];
  for (const u of projectUsers) {
    if (projectCases.length >= 50) break;
    const actor = actorOf(u);
    const all = await searchVisibleProjects(actor, projectListSchema.parse({}));
    const codename = all.rows[0]?.codename;
    if (!codename) continue;
    const q = codename.slice(0, Math.max(3, codename.length - 1));
    const found = await searchVisibleProjects(actor, projectListSchema.parse({ q }));
    projectCases.push({ actor, q, ids: found.rows.map((p) => p.id) });
  }
  // A client's history: first page, for client users whose account owns projects.
  const owning = new Set(world.projectClientIds);
  const clients = world.users
    .filter((u) => u.role === 'client' && !u.disabled && u.clientAccountIds.some((a) => owning.has(a)))
    .slice(0, 30)
    .map(actorOf);
  const ownProjects = (a: Actor) =>
    world.projectIds.filter((_, i) => a.clientAccountIds.includes(world.projectClientIds[i]!));

  return [
    {
      id: 'audit-first',
      label: 'audit log, first page',
      filtered: false,
      actor: admin,
      run: () => searchAuditEvents(admin, audit({})),
      bare: () => bareAudit(),
    },
    {
      id: 'audit-page3',
      actor: admin,
      label: 'audit log, third page (cursor)',
      filtered: false,
      run: () => searchAuditEvents(admin, audit({ after: third.prev! })),
      bare: () => bareAudit(lt(auditEvents.id, thirdFrom)),
    },
    {
      id: 'audit-action',
      actor: admin,
      label: 'audit log, rare action filter',
      filtered: true,
      run: () => searchAuditEvents(admin, audit({ action: RARE_ACTION })),
      bare: () => bareAudit(eq(auditEvents.action, RARE_ACTION)),
    },
    {
      id: 'audit-denied',
      actor: admin,
      label: 'audit log, denied + actor',
      filtered: true,
      run: () => searchAuditEvents(admin, audit({ outcome: 'denied', actorId: someone.id })),
      bare: () => bareAudit(and(eq(auditEvents.outcome, 'denied'), eq(auditEvents.actorId, someone.id))),
    },
    {
      id: 'audit-dates',
      actor: admin,
      label: 'audit log, one week 6 months back',
      filtered: true,
      run: () => searchAuditEvents(admin, audit({ from, to })),
      bare: () => bareAudit(and(gte(auditEvents.at, new Date(`${from}T00:00:00Z`)), lt(auditEvents.at, nextDay(to)))),
    },
    {
      id: 'audit-text',
      actor: admin,
      label: 'audit log, text (common: "not_member")',
      filtered: true,
      run: () => searchAuditEvents(admin, audit({ q: 'not_member' })),
      bare: () => bareAudit(ilike(auditEvents.reason, '%not_member%')),
    },
    {
      id: 'audit-text-rare',
      actor: admin,
      label: 'audit log, text (rare)',
      filtered: true,
      run: () => searchAuditEvents(admin, audit({ q: RARE_REASON })),
      bare: () => bareAudit(ilike(auditEvents.reason, `%${RARE_REASON}%`)),
    },
    {
      id: 'people-search',
      label: 'people, search + sort by name',
      filtered: false,
      actor: admin,
      run: () => searchPeople(admin, peopleListSchema.parse({ q: peopleQ })),
      bare: () =>
        db
          .select()
          .from(users)
          .where(or(ilike(users.name, `%${peopleQ}%`), ilike(users.email, `%${peopleQ}%`)))
          .orderBy(sql`lower(${users.name})`, users.id)
          .limit(PAGE_SIZE + 1),
    },
    {
      id: 'projects-search',
      label: "user's projects, search",
      filtered: false,
      actor: projectCases[0]!.actor,
      note: `${projectCases.length} users`,
      run: (i) => {
        const c = projectCases[i % projectCases.length]!;
        return searchVisibleProjects(c.actor, projectListSchema.parse({ q: c.q }));
      },
      bare: (i) => {
        const c = projectCases[i % projectCases.length]!;
        return db
          .select()
          .from(projects)
          .where(
            and(
              inArray(projects.id, c.ids.length ? c.ids : [world.projectIds[0]!]),
              ilike(projects.codename, `%${c.q}%`),
            ),
          )
          .orderBy(sql`lower(${projects.codename})`, projects.id)
          .limit(PAGE_SIZE + 1);
      },
    },
    // BENCH_SKIP_HISTORY=1 leaves it out. A page once took ~6-9 s here: not the audit log's row policy (the
    // page's events came through audit_events_project_idx in milliseconds) but its item labels, whose lookup
    // key was an expression the planner may not push into the security-barrier item directory, so each event
    // read all of items, twice (fixed in lib/dal/client/history.ts: the key is a column of the page).
    ...(process.env.BENCH_SKIP_HISTORY === '1'
      ? []
      : [
          {
            id: 'history-page',
            label: "client's history, first page",
            filtered: false,
            actor: clients[0]!,
            note: `${clients.length} client users`,
            run: (i: number) => listAccessHistory(clients[i % clients.length]!, {}),
            bare: (i: number) =>
              bareAudit(inArray(auditEvents.projectId, ownProjects(clients[i % clients.length]!).slice(0, 500))),
          },
        ]),
  ];
}

/** Measures every case (each beside its bare read, interleaved). */
export async function measureSearchLists(
  cases: Case[],
  suffix: string,
  sampling: { samples: number; warmup: number },
): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  for (const c of cases) {
    const m = await measurePair(c.run, c.bare, sampling);
    rows.push({
      id: `${c.id}${suffix ? '-grown' : ''}`,
      label: `${c.label}${suffix ? ` ${suffix}` : ''}`,
      subject: m.subject,
      baselineLabel: 'same shape, no policy',
      baseline: m.baseline,
      filtered: c.filtered,
      ...(c.note ? { note: c.note } : {}),
    });
  }
  return rows;
}
