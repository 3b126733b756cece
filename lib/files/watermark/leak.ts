import 'server-only';
import * as mupdf from 'mupdf';
import { codeFromImageMetadata } from './image';
import { findForensicCodes } from './mark';
import { codeFromImagePixels } from './qr';
import { pdfPageTexts } from './render';

/** How a code was read from a leaked copy. */
export type LeakVia = 'pdf-text' | 'pdf-qr' | 'image-metadata' | 'image-qr' | 'none';

/** Pages of a leaked PDF rendered to look for the QR symbol when its text has no code (a scan, a printed page). */
const MAX_QR_PAGES = 10;

/** Renders a PDF's pages (the first few) to PNG, for reading the QR symbol off them. */
function renderPages(bytes: Uint8Array, dpi = 150): Uint8Array[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    const pages: Uint8Array[] = [];
    for (let i = 0; i < Math.min(MAX_QR_PAGES, doc.countPages()); i++) {
      const page = doc.loadPage(i);
      try {
        const pixmap = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
        try {
          pages.push(pixmap.asPNG());
        } finally {
          pixmap.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    return pages;
  } finally {
    doc.destroy();
  }
}

/**
 * The forensic codes in a leaked copy: a PDF's page text, else the QR symbol on its rendered pages (a PDF made
 * from screenshots or a scan); an image's metadata as Clearance served it, else the QR symbol in its pixels (a
 * re-encoded, scaled or cropped screenshot). Empty with `none` when nothing could be read, or the bytes are
 * neither a PDF nor an image.
 */
export async function codesFromLeak(bytes: Uint8Array): Promise<{ codes: string[]; via: LeakVia }> {
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head === '%PDF-') {
    try {
      const inText = findForensicCodes(pdfPageTexts(bytes).join('\n'));
      if (inText.length) return { codes: inText, via: 'pdf-text' };
      const codes: string[] = [];
      for (const png of renderPages(bytes)) {
        const code = await codeFromImagePixels(png);
        if (code && !codes.includes(code)) codes.push(code);
      }
      return codes.length ? { codes, via: 'pdf-qr' } : { codes: [], via: 'none' };
    } catch {
      return { codes: [], via: 'none' };
    }
  }
  const inMetadata = await codeFromImageMetadata(bytes);
  if (inMetadata) return { codes: [inMetadata], via: 'image-metadata' };
  const inPixels = await codeFromImagePixels(bytes);
  return inPixels ? { codes: [inPixels], via: 'image-qr' } : { codes: [], via: 'none' };
}
