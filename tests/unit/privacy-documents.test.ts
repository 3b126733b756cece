/** The policy Markdown subset (no markup gets through) and the export documents (ZIP round trip, escaping). */
import { describe, expect, it } from 'vitest';
import { buildExportData, exportHtml, exportZip } from '@/lib/privacy/export-document';
import { parseMarkdown } from '@/lib/privacy/markdown';
import { readZip } from '@/lib/privacy/zip';

describe('policy Markdown', () => {
  it('headings, paragraphs, lists, bold and safe links', () => {
    const blocks = parseMarkdown('## Rights\n\nYou can **ask**.\nAnytime.\n\n- one\n- two [form](/privacy/request)\n\n### More');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Rights' },
      { kind: 'paragraph', inline: [{ kind: 'text', text: 'You can ' }, { kind: 'strong', text: 'ask' }, { kind: 'text', text: '. Anytime.' }] },
      { kind: 'list', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two ' }, { kind: 'link', text: 'form', href: '/privacy/request' }]] },
      { kind: 'heading', level: 3, text: 'More' },
    ]);
  });

  it('a javascript: link or raw HTML stays plain text', () => {
    const [block] = parseMarkdown('[click](javascript:void) [x](http://plain.example) <script>alert(1)</script>');
    expect(block?.kind).toBe('paragraph');
    const inline = block?.kind === 'paragraph' ? block.inline : [];
    expect(inline.filter((i) => i.kind === 'link')).toEqual([]);
    expect(inline.map((i) => i.text).join('')).toBe('click x <script>alert(1)</script>');
  });
});

describe('export documents', () => {
  const data = buildExportData({
    generatedAt: new Date('2027-03-01T10:00:00Z'),
    requestRef: 'PR-00007',
    kind: 'access',
    subjectId: '11111111-1111-4111-8111-111111111111',
    records: { account: [{ name: '<b>Ann</b>', email: 'ann@example.test' }] },
  });

  it('every category is present, explained, and the JSON and HTML travel in one ZIP', () => {
    expect(data.categories.every((c) => c.purpose && c.recipients && c.retention)).toBe(true);
    const files = readZip(exportZip(data));
    expect(files.map((f) => f.name)).toEqual(['export.json', 'export.html', 'README.txt']);
    expect(JSON.parse(files[0]!.data.toString('utf8'))).toEqual(data);
  });

  it('the readable page escapes what it shows', () => {
    const html = exportHtml(data);
    expect(html).toContain('&lt;b&gt;Ann&lt;/b&gt;');
    expect(html).not.toContain('<b>Ann</b>');
    expect(html).not.toMatch(/<script/i);
  });
});
