import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { manyPagePdf } from '@/db/seed/demo-files';
import {
  codeFromImageMetadata,
  codeFromImagePixels,
  findForensicCodes,
  newForensicCode,
  normaliseForensicCode,
  pdfPageCount,
  pdfPageTexts,
  renderPdfPage,
  stampImage,
  stampPdf,
  type Watermark,
} from '@/lib/files/watermark';

const mark = (): Watermark => ({
  viewerName: 'Sam Lead',
  viewerEmail: 'sam.lead@mmgroup.test',
  at: new Date('2026-11-30T10:20:00Z'),
  itemRef: 'AURORA-RATE-250K',
  code: newForensicCode(),
});

describe('forensic codes', () => {
  it('are short, random and read back from text however a person types them', () => {
    const codes = new Set(Array.from({ length: 200 }, newForensicCode));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^WM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normaliseForensicCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
      expect(findForensicCodes(`leaked ${code} page`)).toEqual([code]);
    }
    expect(normaliseForensicCode('wm-0o1i-abcd')).toBe('WM-0011-ABCD');
    expect(normaliseForensicCode('no code here')).toBeNull();
  });
});

describe('PDF watermark', () => {
  it('burns the viewer, time, item and code into the text of every page', async () => {
    const input = await manyPagePdf(4);
    const m = mark();
    const stamped = await stampPdf(input, m);
    const texts = pdfPageTexts(stamped);
    expect(texts).toHaveLength(4);
    for (const text of texts) {
      expect(text).toContain('sam.lead@mmgroup.test');
      expect(text).toContain(m.code);
      expect(text).toContain('Sam Lead');
      expect(text).toContain('2026-11-30 10:20 UTC');
      expect(text).toContain('AURORA-RATE-250K');
      expect(text).toContain('BENCH-DOC'); // the original content is still there
    }
    expect(findForensicCodes(texts.join('\n'))).toEqual([m.code]);
  });

  it('draws names it cannot encode as ? instead of failing', async () => {
    const stamped = await stampPdf(await manyPagePdf(1), { ...mark(), viewerName: 'Ну́ва 李' });
    expect(pdfPageTexts(stamped)[0]).toContain('sam.lead@mmgroup.test');
  });

  it('renders a page to a PNG with the watermark in its pixels (view-only)', async () => {
    const input = await manyPagePdf(3);
    expect(pdfPageCount(input)).toBe(3);
    const m = mark();
    const png = await renderPdfPage(input, 1, m);
    expect(png).not.toBeNull();
    const meta = await sharp(png!).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(500);
    expect(await codeFromImageMetadata(png!)).toBe(m.code);
    expect(await codeFromImagePixels(png!)).toBe(m.code); // the QR code in its corners
    expect(await renderPdfPage(input, 3, m)).toBeNull();
    expect(await renderPdfPage(input, -1, m)).toBeNull();
  });
});

describe('image watermark', () => {
  it('changes the pixels and carries the code', async () => {
    const input = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const m = mark();
    const { bytes, contentType } = await stampImage(input, m);
    expect(contentType).toBe('image/png');
    const { data } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let marked = 0;
    for (let i = 0; i < data.length; i += 3) if (data[i]! < 200 || data[i + 1]! < 200) marked++;
    expect(marked).toBeGreaterThan(1000);
    expect(await codeFromImageMetadata(bytes)).toBe(m.code);
    expect(await codeFromImagePixels(bytes)).toBe(m.code); // the QR code in its corners
    expect(await codeFromImagePixels(input)).toBeNull();

    const jpeg = await sharp(input).jpeg().toBuffer();
    const stampedJpeg = await stampImage(jpeg, m);
    expect(stampedJpeg.contentType).toBe('image/jpeg');
    expect(await codeFromImageMetadata(stampedJpeg.bytes)).toBe(m.code);
  });
});
