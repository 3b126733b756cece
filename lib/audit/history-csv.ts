import Papa from 'papaparse';
import type { HistoryEntry } from '@/lib/dal/audit/list-access-history';

/** The columns of a client's access history as CSV: the codes as recorded, then the event as a sentence. */
export const HISTORY_CSV_HEADER = [
  'time (UTC)',
  'project',
  'person',
  'action',
  'item or person concerned',
  'outcome',
  'reason',
  'what happened',
];

/** One event as a CSV row: the time in UTC, the reason as recorded, and the event as a sentence. */
export const historyCsvRow = (e: HistoryEntry): string[] => [
  e.at.toISOString(),
  e.project,
  e.person,
  e.action,
  e.subject,
  e.outcome,
  e.reason ?? '',
  e.sentence,
];

/**
 * Rows of the history as CSV lines (papaparse; a leading formula character is neutralised, so a spreadsheet runs
 * nothing). `header`: start with the header line.
 */
export function historyToCsv(entries: readonly HistoryEntry[], header = true): string {
  const data = entries.map(historyCsvRow);
  const text = Papa.unparse(header ? { fields: HISTORY_CSV_HEADER, data } : data, {
    escapeFormulae: true,
    newline: '\r\n',
  });
  return text ? `${text}\r\n` : '';
}
