/**
 * The request id: set by the server entry (or, without it, by proxy.ts) on the request as `x-request-id`,
 * echoed on the response, written on every log line of that request and shown as the reference on error
 * pages. Only our own format is trusted, so a client cannot put arbitrary text into the log through it.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
const FORMAT = /^[a-f0-9]{16}$/;

export function newRequestId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const isRequestId = (value: unknown): value is string => typeof value === 'string' && FORMAT.test(value);

export function requestIdFrom(headers: Headers | Record<string, string | string[] | undefined>): string | undefined {
  const value = headers instanceof Headers ? headers.get(REQUEST_ID_HEADER) : headers[REQUEST_ID_HEADER];
  return isRequestId(value) ? value : undefined;
}
