/**
 * The export documents (issue 10 point 7, issue 13): a ZIP written by fflate as a stream and read back with
 * fflate's unzip; the person's files placed by version, byte for byte; a page a person reads (React, escaped,
 * readable labels and dates, sections); a failing file cuts the archive off instead of ending it quietly.
 */
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_CATALOGUE,
  EXPORT_CATEGORY_ORDER,
  EXPORT_SECTIONS,
  type ExportCategoryKey,
} from '@/lib/privacy/export-catalogue';
import { buildExportData, exportArchive, withFiles, type PersonFile } from '@/lib/privacy/export-document';
import { exportHtml } from '@/lib/privacy/export-page';
import { zipStream } from '@/lib/privacy/export-zip';

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return new Uint8Array(Buffer.concat(parts));
}

async function* pieces(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function personFile(versionId: string, name: string, version: number, bytes: Uint8Array): PersonFile {
  return { versionId, name, version, size: bytes.length, sha256: sha(bytes), open: () => pieces(bytes, 1000) };
}

const data = buildExportData({
  generatedAt: new Date('2027-03-01T10:00:00Z'),
  requestRef: 'PR-00007',
  kind: 'access',
  subjectId: '11111111-1111-4111-8111-111111111111',
  records: {
    account: [{ name: '<b>Ann</b>', email: 'ann@example.test', createdAt: '2026-05-04T08:30:00.000Z' }],
    profile: [
      { field: 'date_of_birth', value: '1999-02-03', visibility: 'private', updatedAt: '2026-05-04T08:30:00.000Z' },
    ],
    filesUploaded: [
      { file: 'scan.png', version: 1, size: 3000, sha256: 'x', complete: true, fileVersionId: 'v1' },
      { file: 'scan.png', version: 2, size: 3000, sha256: 'y', complete: true, fileVersionId: 'v2' },
      { file: '../../etc/passwd', version: 1, size: 5, sha256: 'z', complete: true, fileVersionId: 'v3' },
      { file: 'gone.pdf', version: 1, size: 5, sha256: 'w', complete: true, fileVersionId: 'v4' },
    ],
  },
});

describe('the catalogue', () => {
  it('puts every category in exactly one section, each explained', () => {
    const placed = EXPORT_SECTIONS.flatMap((s) => s.categories);
    expect([...placed].sort()).toEqual((Object.keys(EXPORT_CATALOGUE) as ExportCategoryKey[]).sort());
    expect(new Set(placed).size).toBe(placed.length);
    for (const key of EXPORT_CATEGORY_ORDER) {
      const c = EXPORT_CATALOGUE[key];
      expect(c.title && c.purpose && c.recipients && c.retention && c.empty, key).toBeTruthy();
    }
    expect(data.categories.map((c) => c.key)).toEqual(EXPORT_CATEGORY_ORDER);
  });
});

describe('the archive', () => {
  const v1 = new Uint8Array(3000).map((_, i) => i % 251);
  const v2 = new Uint8Array(3000).map((_, i) => (i * 7) % 253);
  const odd = new Uint8Array([1, 2, 3, 4, 5]);

  it('holds export.json, index.html, README.txt and every version of the person’s files, byte for byte', async () => {
    const { data: full, files } = withFiles(data, [
      personFile('v1', 'scan.png', 1, v1),
      personFile('v2', 'scan.png', 2, v2),
      personFile('v3', '../../etc/passwd', 1, odd),
    ]);
    const zip = unzipSync(await collect(exportArchive(full, files)));
    expect(Object.keys(zip)).toEqual([
      'export.json',
      'index.html',
      'README.txt',
      'files/scan (version 1).png',
      'files/scan (version 2).png',
      'files/_.._etc_passwd (version 1)',
    ]);
    expect(JSON.parse(strFromU8(zip['export.json']!))).toEqual(full);
    expect(sha(zip['files/scan (version 1).png']!)).toBe(sha(v1));
    expect(sha(zip['files/scan (version 2).png']!)).toBe(sha(v2));
    expect(Buffer.from(zip['files/_.._etc_passwd (version 1)']!)).toEqual(Buffer.from(odd));
    const listed = full.categories.find((c) => c.key === 'filesUploaded')!.records.map((r) => r.inThisDownload);
    expect(listed).toEqual([
      'files/scan (version 1).png',
      'files/scan (version 2).png',
      'files/_.._etc_passwd (version 1)',
      'No: we no longer hold it',
    ]);
    expect(full.files.map((f) => f.sha256)).toEqual([sha(v1), sha(v2), sha(odd)]);
  });

  it('is streamed: a file is read only as far as the archive is read', async () => {
    let produced = 0;
    async function* big() {
      for (let i = 0; i < 64; i++) {
        produced++;
        yield new Uint8Array(1024 * 1024);
      }
    }
    const archive = zipStream([{ path: 'files/big.bin', size: 64 * 1024 * 1024, open: big }], new Date());
    for (let i = 0; i < 3; i++) await archive.next();
    expect(produced).toBeLessThan(5);
    await archive.return(undefined);
  });

  it('a file that fails part-way cuts the archive off (no quiet, truncated ZIP)', async () => {
    async function* failing() {
      yield new Uint8Array(10);
      throw new Error('integrity');
    }
    await expect(
      collect(
        zipStream(
          [
            { path: 'index.html', text: 'x' },
            { path: 'files/a', size: 20, open: failing },
          ],
          new Date(),
        ),
      ),
    ).rejects.toThrow('integrity');
    // A file shorter than its recorded size is refused too.
    await expect(
      collect(zipStream([{ path: 'files/a', size: 20, open: () => pieces(new Uint8Array(10), 5) }], new Date())),
    ).rejects.toThrow(/expected 20/);
  });
});

describe('the readable page', () => {
  const html = exportHtml(withFiles(data, [personFile('v1', 'scan.png', 1, new Uint8Array(3000))]).data);

  it('escapes what it shows', () => {
    expect(html).toContain('&lt;b&gt;Ann&lt;/b&gt;');
    expect(html).not.toContain('<b>Ann</b>');
    expect(html).not.toMatch(/<script/i);
  });

  it('reads as a document: sections, explanations, plain labels, dates written out, links to the files', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const section of EXPORT_SECTIONS) expect(html).toContain(`>${section.title}</h2>`);
    expect(html).toContain('Why we hold it');
    expect(html).toContain('1 March 2027 at 10:00 UTC');
    expect(html).toContain('4 May 2026 at 08:30 UTC');
    expect(html).toContain('Date of birth'); // the profile field, by its name
    expect(html).toContain('Private — only the agency people cleared for you');
    expect(html).toContain('Created</dt>');
    expect(html).not.toContain('createdAt');
    expect(html).not.toContain('fileVersionId');
    expect(html).toContain('<a href="files/scan (version 1).png">');
    expect(html).toContain(EXPORT_CATALOGUE.shortlists.empty); // an empty category says so in words
  });
});
