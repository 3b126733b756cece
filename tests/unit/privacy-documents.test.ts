/** The policy Markdown subset (no markup gets through). The export documents: tests/unit/privacy-export.test.ts. */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '@/lib/privacy/markdown';

describe('policy Markdown', () => {
  it('headings, paragraphs, lists, bold and safe links', () => {
    const blocks = parseMarkdown(
      '## Rights\n\nYou can **ask**.\nAnytime.\n\n- one\n- two [form](/privacy/request)\n\n### More',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Rights' },
      {
        kind: 'paragraph',
        inline: [
          { kind: 'text', text: 'You can ' },
          { kind: 'strong', text: 'ask' },
          { kind: 'text', text: '. Anytime.' },
        ],
      },
      {
        kind: 'list',
        items: [
          [{ kind: 'text', text: 'one' }],
          [
            { kind: 'text', text: 'two ' },
            { kind: 'link', text: 'form', href: '/privacy/request' },
          ],
        ],
      },
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
