/**
 * Query plans of the SQL the data-access layer really issues: a logging twin of the app's database captures
 * every statement (text and parameters) while a DAL function runs, then each one is EXPLAINed again, with the
 * same parameters, as the application role with the same acting user, so row-level security's quals are in
 * the plan exactly as in production. Shared by tests/integration/query-plans.test.ts and `npm run bench`.
 */
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database, Db } from '@/db/client';
import * as schema from '@/db/schema';

export type CapturedQuery = { sql: string; params: unknown[] };

/** A Database on the same connection(s) whose every statement is appended to `log`. */
export function loggingTwin(database: Database): { database: Database; log: CapturedQuery[] } {
  const log: CapturedQuery[] = [];
  const logger = { logQuery: (query: string, params: unknown[]) => void log.push({ sql: query, params: [...params] }) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db =
    database.driver === 'pglite'
      ? drizzlePglite({ client: client as PGlite, schema, logger })
      : drizzlePostgres({ client: client as postgres.Sql, schema, logger });
  return { database: { ...database, db: db as unknown as Db }, log };
}

/** The statements of `log` worth planning: reads and writes, not the transaction's role switch. */
export function plannable(log: readonly CapturedQuery[]): CapturedQuery[] {
  return log.filter((q) => /^\s*(select|with|insert|update|delete)\b/i.test(q.sql) && !/set_config\(/i.test(q.sql));
}

export type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
};

/** EXPLAIN (FORMAT JSON) of one captured statement, in a transaction as clearance_app acting for `actorId`. */
export async function explainAs(database: Database, actorId: string, query: CapturedQuery): Promise<PlanNode> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  const setup = `select set_config('app.user_id', $1, true), set_config('role', 'clearance_app', true)`;
  const text = `explain (format json) ${query.sql}`;
  let raw: unknown;
  if (database.driver === 'pglite') {
    raw = await (client as PGlite).transaction(async (tx) => {
      await tx.query(setup, [actorId]);
      const result = await tx.query<Record<string, unknown>>(text, query.params as unknown[]);
      await tx.rollback();
      return result.rows[0]?.['QUERY PLAN'];
    });
  } else {
    const sql = client as postgres.Sql;
    raw = await sql
      .begin(async (tx) => {
        await tx.unsafe(setup, [actorId]);
        const rows = await tx.unsafe(text, query.params as postgres.ParameterOrJSON<never>[]);
        throw Object.assign(new Error('rollback'), { plan: rows[0]?.['QUERY PLAN'] });
      })
      .catch((error: { plan?: unknown }) => {
        if (error.plan === undefined) throw error;
        return error.plan;
      });
  }
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return parsed[0]!.Plan;
}

/** Every node of a plan, subplans and init plans included. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * Scans that read a whole table, anywhere in the plan: sequential scans, and index scans with no index
 * condition (a walk of a whole index, e.g. to return rows in its order), which cost the same as the table grows.
 */
export function fullScansOn(plan: PlanNode, tables: readonly string[]): string[] {
  return planNodes(plan)
    .filter((node) => tables.includes(node['Relation Name'] ?? ''))
    .filter(
      (node) =>
        node['Node Type'].includes('Seq Scan') ||
        (/^Index (Only )?Scan$/.test(node['Node Type']) && !('Index Cond' in node)),
    )
    .map(
      (node) =>
        `${node['Node Type']} on ${node['Relation Name']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`,
    );
}

/** A one-line-per-node outline of a plan, for failure messages and the bench's report. */
export function outline(plan: PlanNode, depth = 0): string {
  const name = [
    plan['Node Type'],
    plan['Relation Name'] && `on ${plan['Relation Name']}`,
    plan['Index Name'] && `using ${plan['Index Name']}`,
  ]
    .filter(Boolean)
    .join(' ');
  return [`${'  '.repeat(depth)}${name}`, ...(plan.Plans ?? []).map((child) => outline(child, depth + 1))].join('\n');
}
