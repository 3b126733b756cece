/**
 * When the database cannot be reached in time, pages say Clearance is briefly unavailable (issue 17, point 2):
 * the error's digest, set by DatabaseUnavailableError, carries the request id, shown as the reference and
 * written on the server's log lines for that request. Nothing of the failure is shown.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import ErrorPage from '@/app/error';
import GlobalError from '@/app/global-error';
import { DatabaseUnavailableError } from '@/lib/errors';
import { currentRequest } from '@/lib/log/request-context';

describe.each([
  ['app/error.tsx', ErrorPage],
  ['app/global-error.tsx', GlobalError],
] as const)('%s', (_name, Page) => {
  it('says briefly unavailable, with the request id as the reference', () => {
    currentRequest(); // creates the shared storage, as the server entry does
    const storage = (globalThis as { __clearanceRequestContext?: AsyncLocalStorage<{ requestId: string }> })
      .__clearanceRequestContext!;
    const error = storage.run({ requestId: '0123456789abcdef' }, () => new DatabaseUnavailableError('CONNECT_TIMEOUT'));
    expect(error.digest).toBe('unavailable-0123456789abcdef');
    const html = renderToStaticMarkup(createElement(Page, { error, retry: () => {} }));
    expect(html).toContain('briefly unavailable');
    expect(html).toContain('Reference: 0123456789abcdef');
    expect(html).toContain('Try again');
    expect(html).not.toContain('CONNECT_TIMEOUT');
    expect(html).not.toContain('Something went wrong');
  });

  it('outside a request, or with a digest that is not ours, shows no reference', () => {
    const html = renderToStaticMarkup(
      createElement(Page, { error: new DatabaseUnavailableError('deadline'), retry: () => {} }),
    );
    expect(html).toContain('briefly unavailable');
    expect(html).not.toContain('Reference:');
    const forged = Object.assign(new Error('x'), { digest: 'unavailable-<script>' });
    expect(renderToStaticMarkup(createElement(Page, { error: forged, retry: () => {} }))).not.toContain('<script>');
  });
});
