import 'server-only';
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import { type Watermark, watermarkLines, watermarkShort } from './mark';

/**
 * The standard Helvetica of a PDF encodes WinAnsi only: anything it cannot draw (a name in another script) is
 * replaced, so stamping never fails on a viewer's name. The email and the code are ASCII.
 */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

/**
 * Burns the watermark into every page of a PDF, as page content (not an annotation or a layer a viewer can hide):
 * a band of text at the foot of each page and the viewer's email and code across it, diagonally, three times.
 * The text is real text, so it is in every page's extracted text too (the tests read it back with mupdf).
 */
export async function stampPdf(input: Uint8Array, mark: Watermark): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(input, { updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const lines = watermarkLines(mark).map((line) => drawable(font, line));
  const diagonal = drawable(bold, watermarkShort(mark));

  for (const page of pdf.getPages()) {
    const { x: left, y: bottom, width, height } = page.getCropBox();
    const small = Math.max(6, Math.min(9, width / 70));
    const bandHeight = small * 1.35 * lines.length + small;
    page.drawRectangle({
      x: left,
      y: bottom,
      width,
      height: bandHeight,
      color: rgb(1, 1, 1),
      opacity: 0.85,
    });
    lines.forEach((line, i) => {
      page.drawText(line, {
        x: left + small,
        y: bottom + bandHeight - small * 1.35 * (i + 1),
        size: small,
        font,
        color: rgb(0.45, 0.05, 0.05),
      });
    });

    const big = Math.max(12, Math.min(28, (Math.hypot(width, height) * 0.8) / Math.max(1, diagonal.length) / 0.55));
    const angle = Math.atan2(height, width);
    const textWidth = bold.widthOfTextAtSize(diagonal, big);
    for (const at of [0.25, 0.5, 0.75]) {
      const cx = left + width * at;
      const cy = bottom + height * at;
      page.drawText(diagonal, {
        x: cx - (Math.cos(angle) * textWidth) / 2,
        y: cy - (Math.sin(angle) * textWidth) / 2,
        size: big,
        font: bold,
        color: rgb(0.6, 0.1, 0.1),
        opacity: 0.18,
        rotate: degrees((angle * 180) / Math.PI),
      });
    }
  }
  pdf.setKeywords([`clearance-forensic-code:${mark.code}`]);
  return pdf.save({ useObjectStreams: true });
}
