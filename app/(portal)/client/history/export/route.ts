import { HISTORY_CSV_HEADER, historyCsvRow } from '@/lib/audit/history-csv';
import { csvResponse } from '@/lib/csv-stream';
import { accessHistoryPages } from '@/lib/dal/audit/list-access-history';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { historyFilterSchema } from '@/lib/validations/client';

/** The client's access history as CSV, with the same filters as the page, every event (streamed page by page). */
export async function GET(request: Request) {
  const user = await getSessionUser();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = historyFilterSchema.safeParse({
    projectId: params.projectId ?? '',
    personId: params.personId ?? '',
    from: params.from ?? '',
    to: params.to ?? '',
  });
  const text = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (!user || user.role !== 'client') return new Response('Not found.', { status: 404, headers: text });
  // A bad filter (a date out of range, garbage) is answered in words and never reaches the query.
  if (!parsed.success) {
    return new Response(`${parsed.error.issues[0]?.message ?? 'Check the filter.'} Nothing was exported.`, {
      status: 400,
      headers: text,
    });
  }
  return csvResponse(
    `access-history-${new Date().toISOString().slice(0, 10)}.csv`,
    HISTORY_CSV_HEADER,
    accessHistoryPages(user, parsed.data),
    historyCsvRow,
  );
}
