/**
 * The access/portability export as documents: machine-readable JSON (export.json), a page a person reads in a
 * browser (index.html, lib/privacy/export-page.tsx), a short README and the person's own files, in one ZIP
 * streamed by fflate (export-zip.ts). Pure: the data is gathered (and other people redacted) in
 * lib/dal/privacy/export-data.ts, the files' bytes come from lib/dal/privacy/export-files.ts.
 */
import { EXPORT_CATALOGUE, EXPORT_CATEGORY_ORDER, type ExportCategoryKey } from './export-catalogue';
import { exportHtml } from './export-page';
import { fitsInArchive, zipStream, type ZipSource } from './export-zip';

export type ExportValue = string | number | boolean | null | string[];
export type ExportRecord = Record<string, ExportValue>;

/** A file of the person in the archive: where it is, and what it must be (checked as it is read). */
export type ExportFileEntry = { path: string; file: string; version: number; size: number; sha256: string };

export type ExportData = {
  format: 'clearance-export/2';
  generatedAt: string;
  request: { ref: string; kind: string };
  /** The pseudonymous id the audit log uses for the person, when they have an account. */
  subjectId: string | null;
  note: string;
  categories: {
    key: ExportCategoryKey;
    title: string;
    purpose: string;
    recipients: string;
    retention: string;
    records: ExportRecord[];
  }[];
  /** The person's uploads in this download (folder `files/`); set when the download is made. */
  files: ExportFileEntry[];
};

export function buildExportData(input: {
  generatedAt: Date;
  requestRef: string;
  kind: string;
  subjectId: string | null;
  records: Partial<Record<ExportCategoryKey, ExportRecord[]>>;
}): ExportData {
  return {
    format: 'clearance-export/2',
    generatedAt: input.generatedAt.toISOString(),
    request: { ref: input.requestRef, kind: input.kind },
    subjectId: input.subjectId,
    note: 'Everything Clearance holds about you, by category. Other people are redacted; projects and clients appear by codename.',
    categories: EXPORT_CATEGORY_ORDER.map((key) => {
      const { title, purpose, recipients, retention } = EXPORT_CATALOGUE[key];
      return { key, title, purpose, recipients, retention, records: input.records[key] ?? [] };
    }),
    files: [],
  };
}

/** A stored version of the person's, as the download finds it. */
export type PersonFile = {
  versionId: string;
  name: string;
  version: number;
  size: number;
  sha256: string;
  /** The exact bytes uploaded, verified against `sha256` as they stream. */
  open: () => AsyncIterable<Uint8Array>;
};

// Names inside the archive: no folders, nothing a file system refuses, never hidden.
const safeName = (name: string) =>
  name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 150) || 'file';

function archivePath(name: string, version: number, taken: Set<string>): string {
  const clean = safeName(name);
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  const stem = clean.slice(0, clean.length - ext.length) || 'file';
  let path = `files/${stem} (version ${version})${ext}`;
  for (let n = 2; taken.has(path.toLowerCase()); n++) path = `files/${stem} (version ${version}, ${n})${ext}`;
  taken.add(path.toLowerCase());
  return path;
}

/**
 * Puts the person's files into the export: each version listed under "Files you uploaded" when the request was
 * completed and still held now gets its place in the archive (`inThisDownload`); one no longer held, or past
 * what one archive holds, says so. Returns the data to write and the files to stream, in that order.
 */
export function withFiles(
  data: ExportData,
  found: PersonFile[],
): { data: ExportData; files: (PersonFile & { path: string })[] } {
  const byVersion = new Map(found.map((f) => [f.versionId, f]));
  const taken = new Set<string>();
  const files: (PersonFile & { path: string })[] = [];
  let used = 0;
  const categories = data.categories.map((category) => {
    if (category.key !== 'filesUploaded') return category;
    const records = category.records.map((record) => {
      const file = typeof record.fileVersionId === 'string' ? byVersion.get(record.fileVersionId) : undefined;
      if (!file)
        return {
          ...record,
          inThisDownload: record.complete === false ? 'No: the upload was never finished' : 'No: we no longer hold it',
        };
      if (!fitsInArchive(used, file.size))
        return { ...record, inThisDownload: 'No: too large for one download; ask us for a copy' };
      used += file.size;
      const path = archivePath(file.name, file.version, taken);
      files.push({ ...file, path });
      return { ...record, inThisDownload: path };
    });
    return { ...category, records };
  });
  const entries = files.map((f) => ({
    path: f.path,
    file: f.name,
    version: f.version,
    size: f.size,
    sha256: f.sha256,
  }));
  return { data: { ...data, categories, files: entries }, files };
}

export function exportReadme(data: ExportData): string {
  return [
    `Your data from Clearance (MM Group), request ${data.request.ref}.`,
    '',
    'index.html   Open this in a browser: everything we hold about you, explained.',
    'export.json  The same, machine-readable (to take it to another service).',
    data.files.length > 0 ? 'files/       The files you uploaded, every version, exactly as you uploaded them.' : null,
    '',
    "Each file's SHA-256 fingerprint is in index.html and export.json, so you can check it is unchanged.",
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/**
 * The export as ZIP bytes, streamed: export.json, index.html, README.txt, then each file of the person's.
 * `files` are the ones `withFiles` returned.
 */
export function exportArchive(data: ExportData, files: (PersonFile & { path: string })[]): AsyncGenerator<Uint8Array> {
  const sources: ZipSource[] = [
    { path: 'export.json', text: JSON.stringify(data, null, 2) },
    { path: 'index.html', text: exportHtml(data) },
    { path: 'README.txt', text: exportReadme(data) },
    ...files.map((f) => ({ path: f.path, size: f.size, open: f.open })),
  ];
  return zipStream(sources, new Date(data.generatedAt));
}
