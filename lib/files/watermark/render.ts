import 'server-only';
import * as mupdf from 'mupdf';
import { stampImage } from './image';
import type { Watermark } from './mark';

/** Page count of a PDF (mupdf: it opens damaged files that stricter parsers refuse). */
export function pdfPageCount(input: Uint8Array): number {
  const doc = mupdf.Document.openDocument(input, 'application/pdf');
  try {
    return doc.countPages();
  } finally {
    doc.destroy();
  }
}

/**
 * One page of a PDF as a PNG with the watermark burned into its pixels: what view-only items show instead of the
 * PDF (no route hands the file's bytes out as a file). mupdf renders the page; sharp composes the watermark.
 * `pageIndex` is 0-based; out of range → null.
 */
export async function renderPdfPage(
  input: Uint8Array,
  pageIndex: number,
  mark: Watermark,
  { dpi = 110 }: { dpi?: number } = {},
): Promise<Buffer | null> {
  const doc = mupdf.Document.openDocument(input, 'application/pdf');
  let png: Uint8Array;
  try {
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.countPages()) return null;
    const page = doc.loadPage(pageIndex);
    try {
      const scale = dpi / 72;
      const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
      try {
        png = pixmap.asPNG();
      } finally {
        pixmap.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
  return (await stampImage(png, mark)).bytes;
}

/** The text of every page (mupdf's structured text), for tests and for tracing a leaked PDF by its code. */
export function pdfPageTexts(input: Uint8Array): string[] {
  const doc = mupdf.Document.openDocument(input, 'application/pdf');
  try {
    const texts: string[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      try {
        const stext = page.toStructuredText('preserve-whitespace');
        texts.push(stext.asText());
        stext.destroy();
      } finally {
        page.destroy();
      }
    }
    return texts;
  } finally {
    doc.destroy();
  }
}
