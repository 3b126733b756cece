import { csvResponse } from '@/lib/csv-stream';
import { auditEventPages } from '@/lib/dal/audit/search-audit-events';
import { recordAuditExport } from '@/lib/dal/audit/record-audit-export';
import { mayAdminister } from '@/lib/dal/guard';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { flatParams } from '@/lib/list-query';
import { auditListSchema } from '@/lib/validations/lists';

/**
 * The audit log as CSV (times in UTC, the action and reason codes as recorded, then the event as a sentence), with
 * the page's filters (date, actor, action, outcome, project, text) in the page's order, every matching event,
 * streamed a thousand at a time. The export is itself audited.
 */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user || !mayAdminister(user, 'audit.view')) {
    return new Response('Not found.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const params = auditListSchema.parse(flatParams(Object.fromEntries(new URL(request.url).searchParams)));
  const filter = { ...params, after: undefined, before: undefined };
  await recordAuditExport(user, filter, await requestMeta());
  return csvResponse(
    `audit-log-${new Date().toISOString().slice(0, 10)}.csv`,
    ['id', 'time (UTC)', 'actor', 'action', 'target', 'project', 'outcome', 'reason', 'ip', 'what happened'],
    auditEventPages(user, filter),
    (e) => [
      e.id,
      e.at.toISOString(),
      e.actor,
      e.action,
      e.target,
      e.project ?? '',
      e.outcome,
      e.reason ?? '',
      e.ip ?? '',
      e.sentence,
    ],
  );
}
