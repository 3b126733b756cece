import Papa from 'papaparse';

/**
 * A CSV download streamed a page at a time (papaparse, formulae escaped: a cell starting with = + - @ or a tab
 * is prefixed with ' so a spreadsheet runs nothing). `pages` yields rows page by page (each page its own query),
 * so a large export never sits in memory whole. If a later page fails, the download stops short.
 */
export function csvResponse<T>(
  filename: string,
  fields: string[],
  pages: AsyncIterable<T[]>,
  toRow: (row: T) => unknown[],
): Response {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  const options = { escapeFormulae: true, newline: '\r\n' } as const;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${Papa.unparse([fields], options)}\r\n`));
    },
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) {
          controller.close();
          return;
        }
        if (value.length > 0) controller.enqueue(encoder.encode(`${Papa.unparse(value.map(toRow), options)}\r\n`));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
