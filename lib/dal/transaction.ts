import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { ask, type ActionOn, type Actor, type Decision, type Resource } from '@/lib/authz';
import { notFoundError, type AppError } from '@/lib/errors';
import { recordAudit, type AuditEntry, type RequestMeta } from './audit';
import { claimSubmission } from './idempotency';

/** The database role every application transaction runs as: no superuser, no BYPASSRLS (see migration 0001). */
export const APP_ROLE = 'clearance_app';

/**
 * The first statement of every transaction: the acting user and the application role. Parameterised, so it
 * is one prepared statement for every user (db/client.ts prepares statements on PostgreSQL).
 */
const roleSwitch = (actor: Actor | null): SQL =>
  sql`select set_config('app.user_id', ${actor?.id ?? ''}, true), set_config('role', ${APP_ROLE}, true)`;

const REFUSAL = Symbol('refusal');
export type Refusal = { [REFUSAL]: AppError };

/** A refusal whose audit event must commit: the transaction commits, then the error is thrown. */
export const refuse = (error: AppError): Refusal => ({ [REFUSAL]: error });
const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && REFUSAL in value;

/** Thrown inside the work by `authorize`, `enforce` and `deny`: caught by `withActor`, which commits the work's events. */
class Refused extends Error {
  constructor(readonly error: AppError) {
    super('refused');
  }
}

/** What a refused attempt answers: an error, or one chosen by the policy's reason. Not given: "not found". */
export type Refusing = AppError | ((reason: string) => AppError);

/**
 * The event of a policy question: what was asked about. The actor, request meta, outcome and reason are filled in
 * by the unit of work. `action` defaults to the policy action asked; `recordAllowed: false` when the allowed act
 * writes its own, fuller event later (a denial is always recorded).
 */
export type QuestionEvent = DistributiveOmit<AuditEntry, 'actorId' | 'outcome' | 'reason' | 'meta' | 'action'> & {
  action?: AuditEntry['action'];
  recordAllowed?: boolean;
};
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type Work = {
  tx: Tx;
  /** Who acts (null before sign-in and for system jobs), the request it came from, and the one clock of this work. */
  actor: Actor | null;
  meta: RequestMeta | undefined;
  now: Date;
  /** Queues an audit event of an allowed act; it is written as the last statement of this transaction (see below). */
  audit: (entry: AuditEntry) => void;
  /**
   * Asks the policy (`can`) and queues the allowed or denied event. On denial the work ends: its events still
   * commit, then the refusal (by default "not found") is what the caller gets.
   */
  authorize: <R extends Resource, A extends ActionOn<R>>(
    action: A,
    resource: R,
    // A policy action that is not an audit action of its own names the audit action the event is written as.
    event: A extends AuditEntry['action'] ? QuestionEvent : QuestionEvent & { action: AuditEntry['action'] },
    refusal?: Refusing,
  ) => void;
  /** The same for a decision of one of the policy's other checks (`checkGrant`, `checkNdaFor`, `checkBreakGlass`…). */
  enforce: (
    decision: Decision | { allowed: false; reason: string },
    event: QuestionEvent & { action: AuditEntry['action'] },
    refusal?: Refusing,
  ) => void;
  /** Ends the work as refused before the policy could be asked (the thing is not there): the denial is recorded. */
  deny: (event: QuestionEvent & { action: AuditEntry['action']; reason: string }, refusal?: Refusing) => never;
  /**
   * Records a refused attempt that does not end the work: a wrong password or code is answered and counted, and the
   * step goes on. Before sign-in no one acts: the event names the account it concerns (`actorId`) and its request.
   */
  refused: (event: RefusedEvent) => void;
};

export type RefusedEvent = QuestionEvent & {
  action: AuditEntry['action'];
  reason: string;
  actorId?: string | null;
  meta?: RequestMeta;
};

export type WorkOptions = { meta?: RequestMeta; now?: Date };

/**
 * Every data-access unit of work runs here: one transaction, as the application role, on behalf of one actor
 * (or none), so row-level security applies the need-to-know policy a second time, in the database.
 *
 * Audit events are written last. The audit chain's link lock lasts from the insert to the commit, so writing
 * them last keeps that lock to a single insert; and since they share the transaction, an act whose event
 * cannot be written does not happen (a read is not served).
 */
export async function withActor<T>(
  actor: Actor | null,
  work: (context: Work) => Promise<T | Refusal>,
  options: WorkOptions = {},
): Promise<T> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    await tx.execute(roleSwitch(actor));
    // A keyed create (lib/dal/idempotency.ts) claims its key here, so the claim commits with the work.
    await claimSubmission(tx, actor);
    const queued: AuditEntry[] = [];
    const context = unitOfWork(tx, actor, options, queued);
    let value: T | Refusal;
    try {
      value = await work(context);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      value = refuse(error.error);
    }
    for (const entry of queued) await recordAudit(tx, entry);
    return value;
  });
  if (isRefusal(result)) throw result[REFUSAL];
  return result;
}

function unitOfWork(tx: Tx, actor: Actor | null, options: WorkOptions, queued: AuditEntry[]): Work {
  const now = options.now ?? new Date();
  const meta = options.meta;
  const audit = (entry: AuditEntry) => void queued.push(entry);
  const answer = (refusal: Refusing | undefined, reason: string): AppError =>
    refusal === undefined ? notFoundError() : typeof refusal === 'function' ? refusal(reason) : refusal;
  /** Queues the event of a question: allowed (`deniedFor` null) or denied for a reason. */
  const record = (
    event: QuestionEvent & { action: AuditEntry['action']; actorId?: string | null; meta?: RequestMeta },
    deniedFor: string | null,
  ) => {
    const { recordAllowed = true, actorId = actor?.id ?? null, meta: eventMeta = meta, ...entry } = event;
    if (deniedFor === null && !recordAllowed) return;
    const outcome =
      deniedFor === null ? { outcome: 'allowed' as const } : { outcome: 'denied' as const, reason: deniedFor };
    audit({ ...entry, actorId, meta: eventMeta, ...outcome } as AuditEntry);
  };
  const enforce: Work['enforce'] = (decision, event, refusal) => {
    record(event, decision.allowed ? null : decision.reason);
    if (!decision.allowed) throw new Refused(answer(refusal, decision.reason));
  };
  const deny: Work['deny'] = (event, refusal) => {
    const { reason, ...rest } = event;
    record(rest, reason);
    throw new Refused(answer(refusal, reason));
  };
  return {
    tx,
    actor,
    meta,
    now,
    audit,
    enforce,
    authorize: (action, resource, event, refusal) => {
      const asked = { action: action as AuditEntry['action'], ...event };
      // No one signed in asks about nothing: the same answer as a thing that is not there.
      if (!actor) return deny({ ...asked, reason: 'not_found' }, refusal);
      enforce(ask(actor, action, resource, now), asked, refusal);
    },
    deny,
    refused: ({ reason, ...event }) => record(event, reason),
  };
}
