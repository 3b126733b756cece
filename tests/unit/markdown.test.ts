/**
 * The policy Markdown subset as a security property (issue 10 item 7): whatever an administrator types into a
 * policy version, the page gets no raw HTML, no link but a path on this site, an https:// address or a mailto:,
 * and every attribute escaped. The parse itself: tests/unit/privacy-documents.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/privacy/markdown';
import { parseMarkdown, safeHref, type Inline } from '@/lib/privacy/markdown';

const inlineOf = (source: string): Inline[] =>
  parseMarkdown(source).flatMap((b) => (b.kind === 'paragraph' ? b.inline : []));
const linksOf = (source: string) => inlineOf(source).filter((i) => i.kind === 'link');
const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));
/** Every `href="…"` the page would carry. */
const hrefsIn = (markup: string) => [...markup.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('policy Markdown: only allowed link forms become links', () => {
  it.each([
    '/privacy',
    '/',
    '/privacy/request?kind=access#form',
    'https://example.com/policy',
    'mailto:dpo@example.com',
  ])('renders %s as a link', (href) => {
    expect(safeHref(href)).toBe(href);
    expect(linksOf(`see [here](${href})`)).toEqual([{ kind: 'link', text: 'here', href }]);
    expect(hrefsIn(html(`see [here](${href})`))).toEqual([href.replace(/&/g, '&amp;')]);
  });

  it.each([
    // Protocol-relative: a browser reads these as another site.
    '//evil.example',
    '//evil.example/privacy',
    '\\\\evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/\\/evil.example',
    '/privacy\\..\\..\\evil',
    // Schemes other than https: and mailto:, in any casing, or disguised.
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\u0000script:alert(1)',
    '\u0001javascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    '%6Aavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'http://plain.example',
    'HTTPS://example.com',
    'https:evil.example',
    'https:/evil.example',
    'https:///evil.example',
    'https://\\evil.example',
    'https:\\\\evil.example',
    'ftp://example.com',
    'relative/path',
    '#top',
    '?q=1',
    'mailto:',
  ])('keeps %j as plain text', (href) => {
    expect(safeHref(href)).toBeNull();
    expect(linksOf(`see [here](${href})`)).toEqual([]);
    const markup = html(`see [here](${href}) and more`);
    expect(hrefsIn(markup)).toEqual([]);
    expect(markup).not.toMatch(/<a[\s>]/);
  });

  it('a target with whitespace or a control character inside is never a link', () => {
    for (const c of [
      ' ',
      '\t',
      '\n',
      '\r',
      '\u000b',
      '\u000c',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u00a0',
      '\u2028',
    ]) {
      expect(safeHref(`/privacy${c}x`)).toBeNull();
      expect(safeHref(`${c}/privacy`)).toBeNull();
      expect(safeHref(`https://example.com${c}`)).toBeNull();
    }
  });
});

describe('policy Markdown: no raw HTML passes', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="//evil.example"></iframe>',
    '<svg onload=alert(1)>',
    '<style>body{display:none}</style>',
    '<!-- comment -->',
  ])('%s is shown as text, escaped', (source) => {
    for (const text of [source, `## ${source}`, `- ${source}`, `**${source}**`, `[${source}](/privacy)`]) {
      const markup = html(text);
      expect(markup).not.toMatch(/<(script|img|iframe|svg|style|!--)/i);
      expect(markup).not.toMatch(/<a [^>]*javascript/i);
      expect(markup).toContain('&lt;');
    }
  });

  it('only the subset’s own elements appear', () => {
    const markup = html(
      '## Title <b>x</b>\n\n### Sub\n\nText **bold** [link](/privacy) <i>i</i>\n\n- one <u>u</u>\n- [mail](mailto:a@b.example)',
    );
    const tags = new Set([...markup.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['a', 'div', 'h2', 'h3', 'li', 'p', 'span', 'strong', 'ul']);
  });
});

describe('policy Markdown: attributes and text are escaped', () => {
  it('a quote in a link target cannot leave the href attribute', () => {
    const markup = html('[x](/privacy"onmouseover="alert(1))');
    expect(markup).not.toMatch(/\sonmouseover=/i);
    expect(hrefsIn(markup)).toEqual(['/privacy&quot;onmouseover=&quot;alert(1']);
  });

  it('an apostrophe, angle brackets and ampersands in a target stay inside it, escaped', () => {
    const markup = html("[x](/a'b<c>d&e)");
    expect(markup).not.toContain('<c>');
    expect(hrefsIn(markup)).toEqual(['/a&#x27;b&lt;c&gt;d&amp;e']);
  });

  it('link text, bold text and headings are text, never markup', () => {
    const markup = html('## a<b>c\n\n[<img src=x onerror=alert(1)>](/privacy) **<script>x</script>**');
    expect(markup).toContain('a&lt;b&gt;c');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(markup).not.toMatch(/<(img|script|b)[\s>]/);
  });
});
