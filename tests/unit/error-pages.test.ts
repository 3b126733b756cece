/**
 * The error pages never show what went wrong: an error's message may quote the data it was handling (a
 * database error can name an item's contents), so app/error.tsx and app/global-error.tsx show a generic text
 * and, at most, the opaque digest that matches the server's log line.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import ErrorPage from '@/app/error';
import GlobalError from '@/app/global-error';

const SECRET = 'AURORA-RATE-250K: fee 250,000 USD, paid to account 12-3456';

function failure(digest?: unknown): Error & { digest?: string } {
  const error = new Error(`duplicate key value violates unique constraint: Key (title)=(${SECRET})`) as Error & {
    digest?: string;
  };
  error.stack = `Error: ${SECRET}\n    at render (app/items/[itemId]/page.tsx:1:1)`;
  if (digest !== undefined) (error as { digest?: unknown }).digest = digest;
  return error;
}

describe.each([
  ['app/error.tsx', ErrorPage],
  ['app/global-error.tsx', GlobalError],
] as const)('%s', (_name, Page) => {
  it('shows a generic message, never the error’s message or stack', () => {
    const html = renderToStaticMarkup(createElement(Page, { error: failure('2417385623'), retry: () => {} }));
    expect(html).toContain('Something went wrong');
    expect(html).toContain('Try again');
    expect(html).not.toContain('AURORA');
    expect(html).not.toContain('250,000');
    expect(html).not.toContain('duplicate key');
    expect(html).toContain('Reference: 2417385623');
  });

  it('shows no digest that is not an opaque reference', () => {
    for (const digest of [SECRET, '<script>alert(1)</script>', 42, 'x'.repeat(65)]) {
      const html = renderToStaticMarkup(createElement(Page, { error: failure(digest), retry: () => {} }));
      expect(html).not.toContain('Reference:');
      expect(html).not.toContain('AURORA');
    }
  });

  it('copes with a thrown value that is not an Error', () => {
    const html = renderToStaticMarkup(createElement(Page, { error: SECRET as unknown as Error, retry: () => {} }));
    expect(html).toContain('Something went wrong');
    expect(html).not.toContain('AURORA');
  });
});
