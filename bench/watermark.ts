/**
 * Watermarking a 20-page PDF (issue 13 benchmark, reported, not gating): the pdf-lib stamp of every page (what a
 * downloadable view or a download costs) and mupdf's rendering of one page to a watermarked PNG (what each page
 * of a view-only PDF costs). Run: npx tsx --conditions=react-server bench/watermark.ts [iterations]
 */
import { performance } from 'node:perf_hooks';
import { manyPagePdf } from '../db/seed/demo-files';
import { newForensicCode, renderPdfPage, stampPdf, type Watermark } from '../lib/files/watermark';
import { commandLine } from '../scripts/args';

const { positionals } = commandLine('npx tsx --conditions=react-server bench/watermark.ts [iterations, default 30]', {
  options: {},
  allowPositionals: true,
});
const iterations = Number(positionals[0] ?? 30);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(label: string, run: () => Promise<unknown>) {
  await run(); // warm-up (WASM instantiation, font embedding)
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(46)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p95 ${pct(times, 95).toFixed(1).padStart(7)} ms   (n=${iterations})`,
  );
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

const pdf = await manyPagePdf(20);
const mark = (): Watermark => ({
  viewerName: 'Sam Lead',
  viewerEmail: 'sam.lead@mmgroup.test',
  at: new Date(),
  itemRef: 'AURORA-RATE-250K',
  code: newForensicCode(),
});
console.log(`Watermark benchmark: a 20-page PDF of ${pdf.byteLength} bytes`);
await measure('stamp all 20 pages (pdf-lib)', () => stampPdf(pdf, mark()));
await measure('render + stamp one page as PNG (mupdf, sharp)', () => renderPdfPage(pdf, 7, mark()));
await measure('render + stamp all 20 pages as PNG', async () => {
  for (let i = 0; i < 20; i++) await renderPdfPage(pdf, i, mark());
});
