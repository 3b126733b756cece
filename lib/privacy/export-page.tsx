/**
 * index.html of the export: a document a person reads, rendered by React (renderToStaticMarkup, so every value
 * is escaped by React). Sections with headings, a table of contents, each category explained (why we hold it,
 * who receives it, how long we keep it), fields in plain language, dates written out (UTC, said so).
 */
import type { ReactNode } from 'react';
// The edge build of react-dom/server: Next.js refuses the bare 'react-dom/server' in the server graph (route
// handlers included); this build has renderToStaticMarkup and runs in Node as well.
import { renderToStaticMarkup } from 'react-dom/server.edge';
import {
  EXPORT_CATALOGUE,
  EXPORT_FIELD_LABELS,
  EXPORT_SECTIONS,
  EXPORT_VALUE_LABELS,
  type ExportCategoryKey,
} from './export-catalogue';
import type { ExportData, ExportRecord, ExportValue } from './export-document';
import { REQUEST_KIND_SHORT, type RequestKind } from './vocabulary';

/** Keys kept for machines only (the JSON has them). */
const HIDDEN = new Set(['fileVersionId']);

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A code (deal_terms, auth.sign_in), not words: shown with spaces and a capital. */
const CODE = /^[a-z][a-z0-9]*([._][a-z0-9]+)*$/;

export const readableWhen = (iso: string) => `${WHEN.format(new Date(iso))} UTC`;

function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]} (${bytes.toLocaleString('en-GB')} bytes)`;
}

const humanize = (code: string) => {
  const words = code.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const fieldLabel = (key: string) =>
  EXPORT_FIELD_LABELS[key] ?? humanize(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

function show(key: string, value: ExportValue | undefined): ReactNode {
  if (value === null || value === undefined || value === '') return <span className="none">—</span>;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value))
    return value.length === 0 ? (
      <span className="none">none</span>
    ) : (
      value.map((v) => EXPORT_VALUE_LABELS[key]?.[v] ?? (CODE.test(v) ? humanize(v) : v)).join(', ')
    );
  if (typeof value === 'number') return key === 'size' ? readableSize(value) : value.toLocaleString('en-GB');
  const label = EXPORT_VALUE_LABELS[key]?.[value];
  if (label) return label;
  if (ISO_TIME.test(value)) return <time dateTime={value}>{readableWhen(value)}</time>;
  if (ISO_DAY.test(value)) return <time dateTime={value}>{DAY.format(new Date(`${value}T00:00:00Z`))}</time>;
  if (key === 'action') return humanize(value);
  if (key === 'inThisDownload' && value.startsWith('files/')) return <a href={value}>{value}</a>;
  if (key === 'sha256' || key === 'textSha256') return <code>{value}</code>;
  if (key === 'role' || key === 'kind' || key === 'outcome' || key === 'status' || key === 'targetType')
    return humanize(value);
  return value;
}

const keysOf = (records: ExportRecord[]) =>
  [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !HIDDEN.has(k));

function Records({ categoryKey, records }: { categoryKey: ExportCategoryKey; records: ExportRecord[] }) {
  const about = EXPORT_CATALOGUE[categoryKey];
  if (records.length === 0) return <p className="none">{about.empty}</p>;
  const keys = keysOf(records);
  if (about.layout === 'table') {
    return (
      <div className="scroll">
        <table>
          <thead>
            <tr>
              {keys.map((k) => (
                <th key={k} scope="col">
                  {fieldLabel(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((record, i) => (
              <tr key={i}>
                {keys.map((k) => (
                  <td key={k}>{show(k, record[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <ol className="cards">
      {records.map((record, i) => (
        <li key={i}>
          <dl>
            {keys
              .filter((k) => record[k] !== null && record[k] !== undefined && record[k] !== '')
              .map((k) => (
                <div key={k}>
                  <dt>{fieldLabel(k)}</dt>
                  <dd>{show(k, record[k])}</dd>
                </div>
              ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}

const anchor = (key: string) => `category-${key}`;

function Category({ category }: { category: ExportData['categories'][number] }) {
  return (
    <section className="category" aria-labelledby={anchor(category.key)}>
      <h3 id={anchor(category.key)}>
        {category.title} <span className="count">({category.records.length})</span>
      </h3>
      <dl className="about">
        <div>
          <dt>Why we hold it</dt>
          <dd>{category.purpose}</dd>
        </div>
        <div>
          <dt>Who receives it</dt>
          <dd>{category.recipients}</dd>
        </div>
        <div>
          <dt>How long we keep it</dt>
          <dd>{category.retention}</dd>
        </div>
      </dl>
      <Records categoryKey={category.key} records={category.records} />
    </section>
  );
}

const CSS = `
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1c1917;background:#fff}
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.35rem;margin:2.5rem 0 .5rem;padding-top:.5rem;border-top:2px solid #e7e5e4}
h3{font-size:1.1rem;margin:1.75rem 0 .4rem}.count{color:#78716c;font-weight:normal}
.lead{color:#44403c}.none{color:#78716c}nav ol{padding-left:1.2rem}nav ul{margin:.2rem 0 .6rem;padding-left:1.2rem;color:#44403c}
dl.about{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.15rem 1rem;margin:.25rem 0 .75rem;font-size:.9rem;color:#44403c}
dl.about div,ol.cards dl div{display:contents}dt{font-weight:600}dd{margin:0}
ol.cards{list-style:none;padding:0;margin:0}ol.cards>li{border:1px solid #e7e5e4;border-radius:.5rem;padding:.75rem 1rem;margin:.5rem 0}
ol.cards dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.2rem 1rem;margin:0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.25rem 0}
th,td{border-bottom:1px solid #e7e5e4;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#fafaf9;font-weight:600}
code{font-size:.85em;word-break:break-all}a{color:#1d4ed8}
@media print{nav{display:none}h2{break-before:page}}
`;

export function ExportDocument({ data }: { data: ExportData }) {
  const byKey = new Map(data.categories.map((c) => [c.key, c]));
  const kind = (REQUEST_KIND_SHORT[data.request.kind as RequestKind] ?? data.request.kind).toLowerCase();
  const held = data.categories.filter((c) => c.records.length > 0).length;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Your data from Clearance · ${data.request.ref}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <h1>The data Clearance holds about you</h1>
          <p className="lead">
            This is our answer to your {kind} request {data.request.ref}, prepared on {readableWhen(data.generatedAt)}.{' '}
            {data.note}
          </p>
          <p>
            We hold something about you in {held} of the {data.categories.length} categories below. For each one we say
            why we hold it, who receives it and how long we keep it. Times are in UTC. The same data, for computers, is
            in <code>export.json</code> beside this page
            {data.files.length > 0 ? (
              <>
                ; the files you uploaded are in the folder <code>files</code>
              </>
            ) : null}
            .
          </p>
          {data.subjectId ? (
            <p>
              In our audit log you appear only as <code>{data.subjectId}</code>.
            </p>
          ) : null}
        </header>
        <nav aria-label="Contents">
          <h2>Contents</h2>
          <ol>
            {EXPORT_SECTIONS.map((section, i) => (
              <li key={section.title}>
                <a href={`#section-${i + 1}`}>{section.title}</a>
                <ul>
                  {section.categories.map((key) => (
                    <li key={key}>
                      <a href={`#${anchor(key)}`}>{EXPORT_CATALOGUE[key].title}</a> (
                      {byKey.get(key)?.records.length ?? 0})
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </nav>
        <main>
          {EXPORT_SECTIONS.map((section, i) => (
            <section key={section.title} aria-labelledby={`section-${i + 1}`}>
              <h2 id={`section-${i + 1}`}>{section.title}</h2>
              {section.categories.map((key) => {
                const category = byKey.get(key);
                return category ? <Category key={key} category={category} /> : null;
              })}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}

/** index.html of the export. */
export function exportHtml(data: ExportData): string {
  return `<!doctype html>\n${renderToStaticMarkup(<ExportDocument data={data} />)}`;
}
