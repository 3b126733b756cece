/**
 * The access/portability export as documents: machine-readable JSON and a readable HTML page, packed into one
 * ZIP. Pure: the data is gathered (and other people redacted) in lib/dal/privacy/export-data.ts.
 */
import { EXPORT_CATALOGUE, type ExportCategoryKey } from './export-catalogue';
import { zipStore } from './zip';

export type ExportRecord = Record<string, string | number | boolean | null | string[]>;

export type ExportData = {
  format: 'clearance-export/1';
  generatedAt: string;
  request: { ref: string; kind: string };
  /** The pseudonymous id the audit log uses for the person, when they have an account. */
  subjectId: string | null;
  note: string;
  categories: { key: ExportCategoryKey; title: string; purpose: string; recipients: string; retention: string; records: ExportRecord[] }[];
};

export function buildExportData(input: {
  generatedAt: Date;
  requestRef: string;
  kind: string;
  subjectId: string | null;
  records: Partial<Record<ExportCategoryKey, ExportRecord[]>>;
}): ExportData {
  return {
    format: 'clearance-export/1',
    generatedAt: input.generatedAt.toISOString(),
    request: { ref: input.requestRef, kind: input.kind },
    subjectId: input.subjectId,
    note: 'Everything Clearance holds about you, by category. Other people are redacted; projects and clients appear by codename.',
    categories: (Object.keys(EXPORT_CATALOGUE) as ExportCategoryKey[]).map((key) => ({
      key,
      ...EXPORT_CATALOGUE[key],
      records: input.records[key] ?? [],
    })),
  };
}

const escapeHtml = (value: unknown): string =>
  String(value ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const cell = (value: ExportRecord[string]) => escapeHtml(Array.isArray(value) ? value.join(', ') : value);

function categoryHtml(category: ExportData['categories'][number]): string {
  const columns = [...new Set(category.records.flatMap((r) => Object.keys(r)))];
  const table = category.records.length === 0
    ? '<p class="none">Nothing held.</p>'
    : `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${category.records
        .map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c] ?? null)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  return `<section><h2>${escapeHtml(category.title)} <small>(${category.records.length})</small></h2>
<dl><dt>Why we hold it</dt><dd>${escapeHtml(category.purpose)}</dd><dt>Who receives it</dt><dd>${escapeHtml(category.recipients)}</dd><dt>How long we keep it</dt><dd>${escapeHtml(category.retention)}</dd></dl>
${table}</section>`;
}

export function exportHtml(data: ExportData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your data · ${escapeHtml(data.request.ref)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:12px}th{background:#f5f5f4}dt{font-weight:600}dd{margin:0 0 .4rem}.none{color:#666}</style>
</head><body>
<h1>The data Clearance holds about you</h1>
<p>Request ${escapeHtml(data.request.ref)} · generated ${escapeHtml(data.generatedAt)}. ${escapeHtml(data.note)} The same data is in <code>export.json</code> beside this page.</p>
${data.subjectId ? `<p>In the audit log you appear as <code>${escapeHtml(data.subjectId)}</code>.</p>` : ''}
${data.categories.map(categoryHtml).join('\n')}
</body></html>`;
}

/** export.json, export.html and a short README, in one ZIP. */
export function exportZip(data: ExportData): Buffer {
  return zipStore([
    { name: 'export.json', data: Buffer.from(JSON.stringify(data, null, 2), 'utf8') },
    { name: 'export.html', data: Buffer.from(exportHtml(data), 'utf8') },
    {
      name: 'README.txt',
      data: Buffer.from(`Your data from Clearance (MM Group), request ${data.request.ref}.\nexport.json: machine-readable (for another service).\nexport.html: the same, readable in a browser.\n`, 'utf8'),
    },
  ]);
}
